import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClueReporterInput,
  DateOnly,
  FIELD_LABELS,
  issueFieldLabel,
  OrgCreate,
  PeopleQuery,
  PersonCreate,
  WarningLevelSchema,
  zodMessages,
} from '../src/index.js';

// Every refusal a person reads names the field in Chinese and says what was wrong in Chinese: the
// only Latin letters allowed are the field's own path in parentheses (and a schema's own message).

/** The message outside its parentheses: where no Latin letter may appear. */
const outsideParentheses = (message: string) => message.replace(/（[^）]*）/g, '');

/** The first issue as the API's 400 renders it: label, then message. */
function refusal(schema: z.ZodType, value: unknown): string {
  const r = schema.safeParse(value);
  expect(r.success, JSON.stringify(value)).toBe(false);
  const issue = r.error!.issues[0]!;
  return `${issueFieldLabel(issue.path)}：${issue.message}`;
}

let previous: z.core.$ZodErrorMap | undefined;
beforeAll(() => {
  previous = z.config().localeError;
  z.config({ localeError: zodMessages });
});
afterAll(() => {
  z.config({ localeError: previous });
});

const org = { parentId: 1, name: '区档案馆', kind: 'unit' };
const person = { orgId: 1, name: '张三', idNumber: '11010519491231002X' };

describe('zod messages in Chinese, through the request schemas', () => {
  it.each([
    // The five refusals that were half English.
    ['missing parentId', OrgCreate, { name: '区档案馆', kind: 'unit' }, '上级组织（parentId）：必填'],
    ['unknown org kind', OrgCreate, { ...org, kind: 'bureau' }, '类型（kind）：不是可选的值'],
    ['negative sortOrder', OrgCreate, { ...org, sortOrder: -1 }, '排序（sortOrder）：不能小于 0'],
    ['missing idNumber', PersonCreate, { orgId: 1, name: '张三' }, '身份证号（idNumber）：必填'],
    ['text in postIds', PersonCreate, { ...person, postIds: ['a'] }, '岗位（postIds.0）：第 1 项应为数字，实际为文本'],
    // Numbers: inclusive and exclusive bounds, integers.
    ['sortOrder too big', OrgCreate, { ...org, sortOrder: 100001 }, '排序（sortOrder）：不能大于 100000'],
    ['fractional sortOrder', OrgCreate, { ...org, sortOrder: 1.5 }, '排序（sortOrder）：应为整数'],
    ['parentId 0 (positive)', OrgCreate, { ...org, parentId: 0 }, '上级组织（parentId）：应大于 0'],
    ['parentId as text', OrgCreate, { ...org, parentId: '1' }, '上级组织（parentId）：应为数字，实际为文本'],
    ['a list element out of range', OrgCreate, { ...org, supervisedOrgIds: [3, 0] }, '监督单位（supervisedOrgIds.1）：第 2 项应大于 0'],
    // Types, null, arrays.
    ['boolean as text', PersonCreate, { ...person, isLeadershipMember: 'yes' }, '领导班子成员（isLeadershipMember）：应为布尔值，实际为文本'],
    ['null name', PersonCreate, { ...person, name: null }, '名称（name）：应为文本，不能为空'],
    ['an object for a list', PersonCreate, { ...person, postIds: { a: 1 } }, '岗位（postIds）：应为数组，实际为对象'],
    ['too many posts', PersonCreate, { ...person, postIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, '岗位（postIds）：最多 10 项'],
    ['bad talk class', PersonCreate, { ...person, talkClass: 'D' }, '谈话类别（talkClass）：不是可选的值'],
    // Query strings (coerced).
    ['pageSize too big', PeopleQuery, { pageSize: '500' }, '每页条数（pageSize）：不能大于 200'],
    ['page not a number', PeopleQuery, { page: 'abc' }, '页码（page）：应为数字'],
    ['page 0', PeopleQuery, { page: '0' }, '页码（page）：不能小于 1'],
    ['a yes/no that is neither', PeopleQuery, { subtree: 'yes' }, '含下级（subtree）：不是可选的值'],
    // Unions: numbers are listed, codes are not; a missing discriminator is required.
    ['warning level 4', z.object({ level: WarningLevelSchema }), { level: 4 }, '等级（level）：不是可选的值（可选：1、2、3）'],
    ['missing warning level', z.object({ level: WarningLevelSchema }), {}, '等级（level）：必填'],
    ['unknown reporter kind', z.object({ reporter: ClueReporterInput }), { reporter: { kind: 'x' } }, '类型（reporter.kind）：不是可选的值'],
    ['missing reporter kind', z.object({ reporter: ClueReporterInput }), { reporter: {} }, '类型（reporter.kind）：必填'],
  ] as [string, z.ZodType, unknown, string][])('%s', (_name, schema, value, expected) => {
    const message = refusal(schema, value);
    expect(message).toBe(expected);
    expect(outsideParentheses(message)).not.toMatch(/[A-Za-z]/);
  });

  it('counts the element in the message, not in the label, so that a schema’s own message about an element stays as it is', () => {
    const refined = z.object({ postIds: z.array(z.number()).superRefine((ids, ctx) => ctx.addIssue({ code: 'custom', path: [1], message: '岗位重复' })) });
    expect(refusal(refined, { postIds: [1, 1] })).toBe('岗位（postIds.1）：岗位重复');
  });

  it('passes a schema’s own message through untouched', () => {
    expect(refusal(OrgCreate, { ...org, name: '   ' })).toBe('名称（name）：不能为空');
    expect(refusal(OrgCreate, { ...org, name: '名'.repeat(101) })).toBe('名称（name）：不能超过100个字符');
    expect(refusal(OrgCreate, { ...org, code: 'bad code' })).toBe('代码（code）：代码只能包含字母、数字、下划线和短横线');
    expect(refusal(PersonCreate, { ...person, idNumber: '110105194912310021' })).toBe('身份证号（idNumber）：身份证号校验位不正确（GB 11643）');
    expect(refusal(z.object({ day: DateOnly }), { day: '2026-02-30' })).toBe('日期（day）：不是有效的日期');
    expect(refusal(z.string().min(2, { error: '至少两个字' }), 'x')).toBe('请求体：至少两个字');
  });
});

describe('zod messages in Chinese, issue by issue', () => {
  it.each([
    ['string min 1', z.string().min(1), '', '不能为空'],
    ['string min', z.string().min(3), 'ab', '至少 3 个字符'],
    ['string max', z.string().max(5), '123456', '不能超过 5 个字符'],
    ['string length', z.string().length(4), 'abc', '应为 4 个字符'],
    ['number gte', z.number().min(10), 9, '不能小于 10'],
    ['number gt', z.number().gt(10), 10, '应大于 10'],
    ['number lte', z.number().max(10), 11, '不能大于 10'],
    ['number lt', z.number().lt(10), 10, '应小于 10'],
    ['multiple of 0.01', z.number().multipleOf(0.01), 1.234, '最多 2 位小数'],
    ['multiple of 5', z.number().multipleOf(5), 7, '应为 5 的倍数'],
    ['array min', z.array(z.number()).min(2), [1], '至少 2 项'],
    ['array max', z.array(z.number()).max(2), [1, 2, 3], '最多 2 项'],
    ['date min', z.date().min(new Date(Date.UTC(2026, 0, 1))), new Date(Date.UTC(2025, 0, 1)), '不能早于 2026-01-01'],
    ['date max', z.date().max(new Date(Date.UTC(2026, 0, 1))), new Date(Date.UTC(2027, 0, 1)), '不能晚于 2026-01-01'],
    ['expected a date', z.date(), 'x', '应为日期，实际为文本'],
    ['expected an object', z.object({}), [], '应为对象，实际为数组'],
    ['missing', z.string(), undefined, '必填'],
    ['enum missing', z.enum(['a', 'b']), undefined, '必填'],
    ['enum', z.enum(['a', 'b']), 'c', '不是可选的值'],
    ['literal', z.literal('yes'), 'no', '不是可选的值'],
    ['union of types', z.union([z.string(), z.number()]), true, '应为文本或数字'],
    ['email', z.email(), 'x', '电子邮件地址格式不正确'],
    ['url', z.url(), 'x', '网址格式不正确'],
    ['iso date', z.iso.date(), '2026-1-1', '不是有效的日期'],
    ['iso datetime', z.iso.datetime(), 'x', '不是有效的日期时间'],
    ['regex', z.string().regex(/^\d+$/), 'x', '格式不正确'],
    ['starts with', z.string().startsWith('京'), '沪', '应以“京”开头'],
    ['refine without a message', z.string().refine(() => false), 'x', '不符合要求'],
    ['never', z.object({ a: z.never() }), { a: 1 }, '不应填写此项'],
    ['an element of a list, counted from 1', z.array(z.number()), [1, 2, 'x'], '第 3 项应为数字，实际为文本'],
    ['a null element', z.array(z.string()), [null], '第 1 项应为文本，不能为空'],
  ] as [string, z.ZodType, unknown, string][])('%s', (_name, schema, value, expected) => {
    const r = schema.safeParse(value);
    expect(r.success).toBe(false);
    const message = r.error!.issues[0]!.message;
    expect(message).toBe(expected);
    expect(message).not.toMatch(/[A-Za-z]/);
  });

  it('names unknown keys in parentheses, as field labels do', () => {
    expect(refusal(z.strictObject({ name: z.string() }), { name: '甲', foo: 1, bar: 2 })).toBe('请求体：含有不认识的字段（foo、bar）');
  });
});

describe('issueFieldLabel', () => {
  it.each([
    [['postIds', 0], '岗位（postIds.0）'],
    [['roles', 0, 'scopeOrgIds', 1], '指定单位（roles.0.scopeOrgIds.1）'],
    [['constructor'], '字段（constructor）'],
    [['roles', 0, 'roleId'], '角色（roles.0.roleId）'],
    [['idNumber'], '身份证号（idNumber）'],
    [['notAField'], '字段（notAField）'],
    [[], '请求体'],
  ] as [PropertyKey[], string][])('%j → %s', (path, expected) => {
    expect(issueFieldLabel(path)).toBe(expected);
  });

  it('names an empty path after the part of the request it is in', () => {
    expect(issueFieldLabel([], '查询参数')).toBe('查询参数');
  });

  it('every label is Chinese', () => {
    const latin = Object.entries(FIELD_LABELS).filter(([, label]) => /[A-Za-z]/.test(label.replace(/^[A-C](?=类)/, '')));
    expect(latin).toEqual([]);
  });
});
