import { ORG_KIND_LABELS, ORG_KINDS, TALK_CLASS_LABELS, TALK_CLASSES } from '@qingfeng/core';
import type ExcelJS from 'exceljs';

// The import template: two data sheets whose header rows are the contract with the parser
// (imports.workbook.ts reads exactly these columns), and a third sheet that explains them. The data
// sheets hold nothing but headers, so nothing a user forgets to delete is ever imported by mistake.

export const ORG_SHEET = '组织';
export const PEOPLE_SHEET = '人员';
export const GUIDE_SHEET = '说明';

export const ORG_COLUMNS = ['组织代码', '组织名称', '类型', '上级组织代码', '排序'] as const;
export const PEOPLE_COLUMNS = ['姓名', '身份证号', '所属组织代码', '岗位', '谈话类别', '领导班子成员', '主要负责人', '电话'] as const;
export type OrgColumn = (typeof ORG_COLUMNS)[number];
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/** Data rows (both sheets together) accepted in one file. */
export const MAX_DATA_ROWS = 5000;

export const TEMPLATE_FILE_NAME = '组织与人员导入模板.xlsx';

export const YES = '是';
export const NO = '否';

interface ColumnSpec {
  width: number;
  /** Stored as text, so that Excel keeps leading zeros and all 18 digits of an ID number. */
  text?: boolean;
  /** A dropdown of allowed values. */
  list?: readonly string[];
}

const ORG_SPECS: Record<OrgColumn, ColumnSpec> = {
  组织代码: { width: 18, text: true },
  组织名称: { width: 32 },
  类型: { width: 18, list: ORG_KINDS.map((k) => ORG_KIND_LABELS[k]) },
  上级组织代码: { width: 18, text: true },
  排序: { width: 8 },
};

const PEOPLE_SPECS: Record<PeopleColumn, ColumnSpec> = {
  姓名: { width: 12 },
  身份证号: { width: 22, text: true },
  所属组织代码: { width: 18, text: true },
  岗位: { width: 20 },
  谈话类别: { width: 10, list: TALK_CLASSES },
  领导班子成员: { width: 13, list: [YES, NO] },
  主要负责人: { width: 11, list: [YES, NO] },
  电话: { width: 16, text: true },
};

// ExcelJS 4.4 supports range data validations (`C2:C5001`) but its typings omit the collection.
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function dataSheet<C extends string>(wb: ExcelJS.Workbook, name: string, specs: Record<C, ColumnSpec>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const entries = Object.entries(specs) as [C, ColumnSpec][];
  ws.columns = entries.map(([header, spec]) => ({ header, key: header, width: spec.width, ...(spec.text ? { style: { numFmt: '@' } } : {}) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA3C2' } } };
  });
  entries.forEach(([col, spec], i) => {
    if (!spec.list) return;
    const letter = ws.getColumn(i + 1).letter;
    (ws as unknown as WithDataValidations).dataValidations.add(`${letter}2:${letter}${MAX_DATA_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${spec.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: col,
      error: `请从下拉列表中选择：${spec.list.join('、')}`,
    });
  });
  return ws;
}

const GUIDE: [string, string, string, string][] = [
  ['工作表', '列', '填写要求', '示例'],
  [ORG_SHEET, '组织代码', '必填；字母、数字、下划线或短横线，最长 40 位；在系统和本文件中都不能重复', 'SFQ-T1-U9'],
  [ORG_SHEET, '组织名称', '必填；最长 100 字', '东城街道市政服务中心'],
  [ORG_SHEET, '类型', `必填；从下拉列表选择：${ORG_KINDS.map((k) => ORG_KIND_LABELS[k]).join('、')}`, ORG_KIND_LABELS.unit],
  [ORG_SHEET, '上级组织代码', '必填；系统中已有且在您权限范围内的组织代码，或本文件「组织」表中的另一行（上下级顺序不限）', 'SFQ-T1'],
  [ORG_SHEET, '排序', '选填；0–100000 的整数，同级组织按此排序，默认 0', '10'],
  [PEOPLE_SHEET, '姓名', '必填；最长 50 字', '张三'],
  [PEOPLE_SHEET, '身份证号', '必填；18 位，末位可为 X，须通过 GB 11643 校验；请保持「文本」格式，否则 Excel 会丢失末尾数字；不能与系统中已登记的人员重复', '11010519491231002X'],
  [PEOPLE_SHEET, '所属组织代码', '必填；系统中已有且在您权限范围内的组织代码，或本文件「组织」表中的组织代码', 'SFQ-T1-U9'],
  [PEOPLE_SHEET, '岗位', '选填；所属组织中的岗位名称；该组织尚无此岗位的，导入时自动新建', '会计'],
  [PEOPLE_SHEET, '谈话类别', `选填；A、B 或 C，默认 C。${TALK_CLASSES.map((c) => TALK_CLASS_LABELS[c]).join('；')}`, 'C'],
  [PEOPLE_SHEET, '领导班子成员', '选填；是 或 否，默认 否', NO],
  [PEOPLE_SHEET, '主要负责人', '选填；是 或 否，默认 否（一把手）', NO],
  [PEOPLE_SHEET, '电话', '选填；5–20 位数字，可含 + - ( ) 和空格', '13900000000'],
];

const NOTES = [
  '1. 「组织」「人员」两张表的表头请勿修改、增删或调换顺序；空白行会被跳过。',
  `2. 两张表合计最多 ${MAX_DATA_ROWS} 行数据，文件不超过 10 MB。`,
  '3. 系统会先校验全部数据：只要有一行有错，就不导入任何记录，并逐行列出错误（工作表、行号、列、原因）；改正后重新上传即可。',
  '4. 可先选择「仅校验」上传，确认无误后再正式导入。',
  '5. 本表只作说明，导入时不读取。',
];

function guideSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 12 }, { width: 16 }, { width: 90 }, { width: 26 }];
  ws.addRow(['组织与人员导入说明']).font = { bold: true, size: 14 };
  ws.addRow([]);
  for (const note of NOTES) ws.addRow([note]);
  ws.addRow([]);
  GUIDE.forEach((r, i) => {
    const row = ws.addRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.font = { bold: true };
    else row.getCell(4).font = { italic: true, color: { argb: 'FF808080' } };
  });
  return ws;
}

/** The template workbook; `now` stamps its document properties. */
export async function buildTemplate(now: Date): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // loaded on first use
  const wb = new Excel.Workbook();
  wb.creator = '清风 · 廉政风险防控预警平台';
  wb.created = now;
  wb.modified = now;
  dataSheet(wb, ORG_SHEET, ORG_SPECS);
  dataSheet(wb, PEOPLE_SHEET, PEOPLE_SPECS);
  guideSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
