import {
  checkIdNumber,
  ID_NUMBER_PROBLEM_MESSAGES,
  ORG_KIND_LABELS,
  ORG_KINDS,
  OrgCreate,
  PersonCreate,
  PostCreate,
  TALK_CLASSES,
  type OrgKind,
  type RowIssue,
  type TalkClass,
} from '@qingfeng/core';
import type ExcelJS from 'exceljs';
import type { z } from 'zod';
import { AppError } from '../http/errors.js';
import { MAX_DATA_ROWS, NO, ORG_COLUMNS, ORG_SHEET, PEOPLE_COLUMNS, PEOPLE_SHEET, YES, type OrgColumn, type PeopleColumn } from './imports.template.js';

// Reading an uploaded workbook: the file and its header rows are checked first (400, nothing else
// said), then every data row is turned into typed fields, collecting a problem per bad cell instead
// of stopping at the first. Checks that need other rows or the database are in imports.usecases.ts.

/** One cell as text, whether Excel stored it as a number, a formula result, rich text… */
export interface Cell {
  text: string;
  numeric: boolean;
  error: string | null;
}

export interface RawRow<C extends string> {
  row: number;
  cells: Record<C, Cell>;
}

export interface OrgDraft {
  row: number;
  /** Columns whose cell had a problem: later checks leave them alone instead of piling on. */
  bad: Set<string>;
  code: string | null;
  name: string | null;
  kind: OrgKind | null;
  parentCode: string | null;
  sortOrder: number;
}

export interface PersonDraft {
  row: number;
  bad: Set<string>;
  name: string | null;
  idNumber: string | null;
  orgCode: string | null;
  postName: string | null;
  talkClass: TalkClass;
  isLeadershipMember: boolean;
  isPrincipalLeader: boolean;
  phone: string | null;
}

export interface ParsedWorkbook {
  orgs: OrgDraft[];
  people: PersonDraft[];
  /** Problems found in single cells, in sheet and row order. */
  issues: RowIssue[];
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: '', numeric: false, error: null };
  if (typeof value === 'string') return { text: value.trim(), numeric: false, error: null };
  if (typeof value === 'number') return { text: String(value), numeric: true, error: null };
  if (typeof value === 'boolean') return { text: value ? YES : NO, numeric: false, error: null };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false, error: null };
  if ('error' in value) return { text: '', numeric: false, error: `单元格有错误值（${value.error}）` };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim(), numeric: false, error: null };
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellOf(value.text as ExcelJS.CellValue);
  return { text: '', numeric: false, error: '无法识别的单元格内容' };
}

/** What the archive's entries say they inflate to; null when the central directory cannot be read. */
function inflatedSize(zip: Buffer): number | null {
  // End of central directory: 22 bytes plus a comment of at most 65535, at the end of the file.
  for (let eocd = zip.length - 22; eocd >= Math.max(0, zip.length - 22 - 0xffff); eocd--) {
    if (zip.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
      const size = zip.readUInt32LE(at + 24);
      if (size === 0xffffffff) return Infinity; // ZIP64: no spreadsheet of ours is that large
      total += size;
      at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}

/** Far above what 5,000 rows inflate to (a few MB), far below what would exhaust the server. */
const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  // An .xlsx file is a zip archive ("PK"); an old .xls or a renamed CSV is refused with a clear word.
  if (buffer.length < 22 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) {
    throw new AppError('import.bad_file', '文件不是 .xlsx 格式的 Excel 工作簿，请使用下载的导入模板（不支持 .xls、.csv）');
  }
  // ExcelJS inflates the whole archive in memory: refuse a "zip bomb" before it does.
  const inflated = inflatedSize(buffer);
  if (inflated === null) throw new AppError('import.bad_file', '无法读取该 Excel 文件（文件可能已损坏），请使用下载的导入模板');
  if (inflated > MAX_INFLATED_BYTES) throw new AppError('import.bad_file', '文件解压后过大，不像是按模板填写的导入文件，请分批导入');
  const { default: Excel } = await import('exceljs'); // loaded on first use (~23 MB of RSS)
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('import.bad_file', '无法读取该 Excel 文件（文件可能已损坏或加密），请使用下载的导入模板');
  }
  return wb;
}

/** Compares a sheet's header row with the template; returns what is wrong, or null. */
export function headerProblem(ws: ExcelJS.Worksheet, expected: readonly string[]): string | null {
  const header = ws.getRow(1);
  const actual: string[] = [];
  for (let c = 1; c <= Math.max(header.cellCount, expected.length); c++) actual.push(cellOf(header.getCell(c).value).text);
  while (actual.length && actual[actual.length - 1] === '') actual.pop();
  const missing = expected.filter((h) => !actual.includes(h));
  const unexpected = [...new Set(actual.filter((h) => h !== '' && !expected.includes(h)))];
  const duplicated = [...new Set(actual.filter((h, i) => h !== '' && actual.indexOf(h) !== i))];
  const parts: string[] = [];
  if (missing.length) parts.push(`缺少列${missing.map((h) => `「${h}」`).join('')}`);
  if (unexpected.length) parts.push(`多出列${unexpected.map((h) => `「${h}」`).join('')}`);
  if (duplicated.length) parts.push(`重复的列${duplicated.map((h) => `「${h}」`).join('')}`);
  if (!parts.length && actual.join('|') !== expected.join('|')) parts.push(`列的顺序应为：${expected.join('、')}`);
  return parts.length ? parts.join('；') : null;
}

export function dataRows<C extends string>(ws: ExcelJS.Worksheet, columns: readonly C[]): RawRow<C>[] {
  const rows: RawRow<C>[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells = Object.fromEntries(columns.map((c, i) => [c, cellOf(r.getCell(i + 1).value)])) as Record<C, Cell>;
    if (Object.values<Cell>(cells).every((c) => c.text === '' && !c.error)) return; // a blank row
    rows.push({ row: n, cells });
  });
  return rows;
}

/** Opens the file and checks its structure: both sheets, exact headers, the row limit. */
export async function readImportWorkbook(buffer: Buffer): Promise<{ orgs: RawRow<OrgColumn>[]; people: RawRow<PeopleColumn>[] }> {
  const wb = await loadWorkbook(buffer);
  const problems: { field: string; message: string }[] = [];
  const sheets = [
    [ORG_SHEET, ORG_COLUMNS],
    [PEOPLE_SHEET, PEOPLE_COLUMNS],
  ] as const;
  for (const [name, columns] of sheets) {
    const ws = wb.getWorksheet(name);
    const problem = ws ? headerProblem(ws, columns) : `缺少工作表「${name}」`;
    if (problem) problems.push({ field: name, message: problem });
  }
  if (problems.length) {
    throw new AppError('import.bad_columns', `Excel 表头与模板不一致：${problems.map((p) => (p.message.startsWith('缺少工作表') ? p.message : `工作表「${p.field}」${p.message}`)).join('；')}。请使用下载的导入模板`, {
      issues: problems,
    });
  }
  const orgs = dataRows(wb.getWorksheet(ORG_SHEET)!, ORG_COLUMNS);
  const people = dataRows(wb.getWorksheet(PEOPLE_SHEET)!, PEOPLE_COLUMNS);
  const total = orgs.length + people.length;
  if (total === 0) throw new AppError('import.empty');
  if (total > MAX_DATA_ROWS) {
    throw new AppError('import.too_many_rows', `文件共有 ${total} 行数据（组织 ${orgs.length} 行、人员 ${people.length} 行），超过每次 ${MAX_DATA_ROWS} 行的上限，请分批导入`);
  }
  return { orgs, people };
}

// ---- Cells to typed fields -----------------------------------------------------------------

class RowReader<C extends string> {
  readonly bad = new Set<string>();

  constructor(
    private readonly sheet: string,
    private readonly raw: RawRow<C>,
    private readonly issues: RowIssue[],
  ) {}

  problem(field: C, message: string): null {
    this.bad.add(field);
    this.issues.push({ sheet: this.sheet, row: this.raw.row, field, message });
    return null;
  }

  /** The cell's text, or null after recording an error value; '' when empty. */
  text(field: C): string | null {
    const cell = this.raw.cells[field];
    return cell.error ? this.problem(field, `${field}：${cell.error}`) : cell.text;
  }

  required(field: C): string | null {
    const v = this.text(field);
    if (v === '') return this.problem(field, `${field}不能为空`);
    return v;
  }

  /** Checks the value with the same Zod schema the API uses, so both paths share one rule. */
  schema<T>(field: C, schema: z.ZodType<T>, value: string | null): T | null {
    if (value === null) return null;
    const r = schema.safeParse(value);
    return r.success ? r.data : this.problem(field, `${field}：${r.error.issues[0]?.message ?? '格式不正确'}`);
  }

  yesNo(field: C): boolean {
    const v = this.text(field);
    if (v === null || v === '' || v === NO) return false;
    if (v === YES) return true;
    this.problem(field, `${field}应填写「${YES}」或「${NO}」，不能是「${v}」`);
    return false;
  }

  /** Excel stored a number, not text. */
  isNumeric(field: C): boolean {
    return this.raw.cells[field].numeric;
  }
}

const KIND_BY_LABEL = new Map<string, OrgKind>(ORG_KINDS.flatMap((k) => [[ORG_KIND_LABELS[k], k] as const, [k, k] as const]));

function orgDraft(raw: RawRow<OrgColumn>, issues: RowIssue[]): OrgDraft {
  const r = new RowReader(ORG_SHEET, raw, issues);
  const code = r.schema('组织代码', OrgCreate.shape.code.unwrap().unwrap(), r.required('组织代码'));
  const name = r.schema('组织名称', OrgCreate.shape.name, r.required('组织名称'));
  const kindText = r.required('类型');
  let kind: OrgKind | null = null;
  if (kindText !== null) {
    kind = KIND_BY_LABEL.get(kindText) ?? null;
    if (!kind) r.problem('类型', `类型「${kindText}」不是有效的组织类型，应为：${ORG_KINDS.map((k) => ORG_KIND_LABELS[k]).join('、')}`);
  }
  // Blank means "the top of the tree"; whether that is allowed depends on the database.
  const parentText = r.text('上级组织代码');
  const parentCode = parentText ? r.schema('上级组织代码', OrgCreate.shape.code.unwrap().unwrap(), parentText) : null;
  const sortText = r.text('排序');
  let sortOrder = 0;
  if (sortText) {
    const n = Number(sortText);
    if (Number.isInteger(n) && n >= 0 && n <= 100000) sortOrder = n;
    else r.problem('排序', `排序应为 0–100000 之间的整数，不能是「${sortText}」`);
  }
  return { row: raw.row, bad: r.bad, code, name, kind, parentCode, sortOrder };
}

function personDraft(raw: RawRow<PeopleColumn>, issues: RowIssue[]): PersonDraft {
  const r = new RowReader(PEOPLE_SHEET, raw, issues);
  const name = r.schema('姓名', PersonCreate.shape.name, r.required('姓名'));
  let idNumber: string | null = null;
  const idText = r.required('身份证号');
  if (idText !== null) {
    if (r.isNumeric('身份证号')) {
      // Excel keeps 15 significant digits: an 18-digit number stored as a number has lost its tail.
      r.problem('身份证号', '身份证号须以文本格式填写（数字格式会丢失末尾几位），请将该列设为「文本」后重新录入');
    } else {
      const v = idText.replace(/\s+/g, '').toUpperCase();
      const problem = checkIdNumber(v);
      idNumber = problem ? r.problem('身份证号', ID_NUMBER_PROBLEM_MESSAGES[problem]) : v;
    }
  }
  const orgCode = r.schema('所属组织代码', OrgCreate.shape.code.unwrap().unwrap(), r.required('所属组织代码'));
  const postText = r.text('岗位');
  const postName = postText ? r.schema('岗位', PostCreate.shape.name, postText) : null;
  const talkText = r.text('谈话类别');
  let talkClass: TalkClass = 'C';
  if (talkText) {
    const t = talkText.toUpperCase().replace(/类$/, '');
    if ((TALK_CLASSES as readonly string[]).includes(t)) talkClass = t as TalkClass;
    else r.problem('谈话类别', `谈话类别应为 A、B 或 C，不能是「${talkText}」`);
  }
  const isLeadershipMember = r.yesNo('领导班子成员');
  const isPrincipalLeader = r.yesNo('主要负责人');
  const phoneText = r.text('电话');
  const phone = phoneText ? r.schema('电话', PersonCreate.shape.phone.unwrap().unwrap(), phoneText) : null;
  return { row: raw.row, bad: r.bad, name, idNumber, orgCode, postName, talkClass, isLeadershipMember, isPrincipalLeader, phone };
}

/** Reads, checks the structure (throwing 400s) and types every row, collecting cell problems. */
export async function parseImportWorkbook(buffer: Buffer): Promise<ParsedWorkbook> {
  const raw = await readImportWorkbook(buffer);
  const issues: RowIssue[] = [];
  const orgs = raw.orgs.map((r) => orgDraft(r, issues));
  const people = raw.people.map((r) => personDraft(r, issues));
  return { orgs, people, issues };
}
