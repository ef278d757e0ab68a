import { z } from 'zod';

// Zod's validation messages in plain Chinese, for every refusal a person reads: the API's 400s and the
// web app's form checks. Zod's own zh-CN locale leaves type names, comparison operators and enum values
// in English ("期望 number >=0"); this map does not. A message a schema gives itself
// (`.min(1, '不能为空')`, `ctx.addIssue({ message })`) outranks this map and passes through untouched.
// Enum values are machine codes, so a refusal does not list them: the form shows the choices.

type Issue = z.core.$ZodRawIssue;

/** Zod's type names (the `expected` of invalid_type, and what was received) in Chinese. */
export const ZOD_TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值',
  date: '日期',
  array: '数组',
  tuple: '数组',
  object: '对象',
  record: '对象',
  map: '对象',
  set: '数组',
  file: '文件',
  null: '空值',
  undefined: '空值',
  nan: '无效数字',
  symbol: '符号',
  function: '函数',
  promise: '异步值',
};

/** The names of string formats (invalid_format) a person would recognise. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  email: '电子邮件地址',
  url: '网址',
  datetime: '日期时间',
  date: '日期',
  time: '时间',
  duration: '时长',
  ipv4: '网络地址',
  ipv6: '网络地址',
  cidrv4: '网段',
  cidrv6: '网段',
  e164: '电话号码',
  uuid: '编号',
  uuidv4: '编号',
  uuidv6: '编号',
  uuidv7: '编号',
  guid: '编号',
  cuid: '编号',
  cuid2: '编号',
  ulid: '编号',
  xid: '编号',
  ksuid: '编号',
  nanoid: '编号',
  base64: '编码',
  base64url: '编码',
  json_string: '数据',
  jwt: '令牌',
  emoji: '表情符号',
};

/** What a value is, in the words of ZOD_TYPE_NAMES. */
function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (input instanceof Date) return 'date';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

const typeName = (t: string) => ZOD_TYPE_NAMES[t] ?? '有效的值';

/** Numbers and bounds as a person writes them (a date bound as YYYY-MM-DD). */
function bound(value: number | bigint, origin: string): string {
  if (origin === 'date') {
    const d = new Date(Number(value));
    return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().slice(0, 10);
  }
  return String(value);
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const { origin, exact } = issue;
  const n = issue.minimum;
  const inclusive = issue.inclusive !== false;
  switch (origin) {
    case 'string': {
      if (exact) return `应为 ${n} 个字符`;
      const least = Number(n) + (inclusive ? 0 : 1);
      return least <= 1 ? '不能为空' : `至少 ${least} 个字符`;
    }
    case 'array':
    case 'set': {
      if (exact) return `应为 ${n} 项`;
      return `至少 ${Number(n) + (inclusive ? 0 : 1)} 项`;
    }
    case 'file':
      return inclusive ? `文件不能小于 ${n} 字节` : `文件应大于 ${n} 字节`;
    case 'date':
      return inclusive ? `不能早于 ${bound(n, origin)}` : `应晚于 ${bound(n, origin)}`;
    default:
      if (exact) return `应等于 ${n}`;
      return inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const { origin, exact } = issue;
  const n = issue.maximum;
  const inclusive = issue.inclusive !== false;
  switch (origin) {
    case 'string':
      if (exact) return `应为 ${n} 个字符`;
      return `不能超过 ${Number(n) - (inclusive ? 0 : 1)} 个字符`;
    case 'array':
    case 'set':
      if (exact) return `应为 ${n} 项`;
      return `最多 ${Number(n) - (inclusive ? 0 : 1)} 项`;
    case 'file':
      return inclusive ? `文件不能超过 ${n} 字节` : `文件应小于 ${n} 字节`;
    case 'date':
      return inclusive ? `不能晚于 ${bound(n, origin)}` : `应早于 ${bound(n, origin)}`;
    default:
      if (exact) return `应等于 ${n}`;
      return inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
  }
}

function invalidFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  const i = issue as typeof issue & { prefix?: string; suffix?: string; includes?: string };
  switch (i.format) {
    case 'starts_with':
      return `应以“${i.prefix}”开头`;
    case 'ends_with':
      return `应以“${i.suffix}”结尾`;
    case 'includes':
      return `应包含“${i.includes}”`;
    case 'lowercase':
      return '不能含有大写字母';
    case 'uppercase':
      return '不能含有小写字母';
    case 'date':
      return '不是有效的日期';
    case 'datetime':
      return '不是有效的日期时间';
    case 'time':
      return '不是有效的时间';
    default: {
      const name = FORMAT_NAMES[i.format];
      return name ? `${name}格式不正确` : '格式不正确';
    }
  }
}

function notMultipleOf(divisor: number): string {
  // 0.01 → 最多 2 位小数
  const decimals = Math.round(-Math.log10(divisor));
  if (divisor < 1 && decimals > 0 && Math.abs(divisor - 10 ** -decimals) < Number.EPSILON) return `最多 ${decimals} 位小数`;
  return `应为 ${divisor} 的倍数`;
}

/** Not one of the allowed values. Numbers (a level 1–3) are listed; codes (enum values) are not. */
function notAChoice(values: readonly unknown[]): string {
  if (values.length > 0 && values.length <= 12 && values.every((v) => typeof v === 'number')) return `不是可选的值（可选：${values.join('、')}）`;
  return '不是可选的值';
}

/** A union none of whose options took the value: the types they wanted, when each wanted just a type. */
function invalidUnion(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  // A discriminated union whose discriminator matched no option: the issue's path is the discriminator's
  // and its input is the whole object.
  if (issue.discriminator && issue.errors.length === 0 && issue.inclusive !== false) {
    const input = issue.input as Record<string, unknown> | null | undefined;
    return typeof input === 'object' && input !== null && input[issue.discriminator] === undefined ? '必填' : '不是可选的值';
  }
  const branches = issue.errors ?? [];
  const roots = branches.map((b) => (b.length === 1 && b[0]!.path.length === 0 ? b[0]! : undefined));
  if (branches.length > 0 && roots.every((r) => r?.code === 'invalid_value')) {
    return notAChoice(roots.flatMap((r) => (r as { values: unknown[] }).values));
  }
  if (branches.length > 0 && roots.every((r) => r?.code === 'invalid_type')) {
    const expected = [...new Set(roots.map((r) => typeName((r as { expected: string }).expected)))];
    return `应为${expected.join('或')}`;
  }
  return '不符合要求';
}

/**
 * The Chinese error map: install it with `z.config({ localeError: zodMessages })` (or call
 * `installChineseZodMessages()`). It returns a message for every issue code.
 */
export const zodMessages: z.core.$ZodErrorMap = (issue) => {
  const message = messageOf(issue);
  // An element of a list, counted from 1 (the field label shows the path, postIds.0).
  const last = issue.path?.[issue.path.length - 1];
  return typeof last === 'number' ? `第 ${last + 1} 项${message}` : message;
};

function messageOf(issue: Issue): string {
  // A missing value (or one sent as undefined), whatever the schema wanted.
  const missing = issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'nonoptional' || missing) return '必填';
      if (issue.expected === 'never' || issue.expected === 'undefined' || issue.expected === 'void') return '不应填写此项';
      const expected = typeName(issue.expected);
      if (issue.input === null) return `应为${expected}，不能为空`;
      const received = typeOf(issue.input);
      // A fraction where an integer is wanted: the received type is a number too.
      if ((issue.expected === 'int' || issue.expected === 'bigint') && received === 'number') return '应为整数';
      // A query value that is not a number: coerced, it arrives as NaN.
      if (received === 'nan') return `应为${expected}`;
      return `应为${expected}，实际为${typeName(received)}`;
    }
    case 'invalid_value': {
      if (missing) return '必填';
      return notAChoice(issue.values ?? []);
    }
    case 'invalid_union':
      return missing ? '必填' : invalidUnion(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return notMultipleOf(issue.divisor);
    case 'unrecognized_keys':
      // The keys are the request's own field names: in parentheses, as a field label shows them.
      return `含有不认识的字段（${issue.keys.join('、')}）`;
    case 'invalid_key':
      return '含有无效的键';
    case 'invalid_element':
      return '含有无效的值';
    case 'custom':
      return '不符合要求';
    default:
      return '输入无效';
  }
}

/**
 * Installs the Chinese messages on the zod that core's schemas are built with (once per process or
 * page; a later call changes nothing).
 */
export function installChineseZodMessages(): void {
  z.config({ localeError: zodMessages });
}
