import { PassThrough } from 'node:stream';
import { DISCOVERY_METHOD_LABELS, levelDef, OBJECT_LEVEL_LABELS, RISK_CATEGORY_LABELS, RISK_POINT_STATUS_LABELS, type Actor, type DiscoveryMethod, type ObjectLevel, type RiskCategory, type RiskPointStatus, type OfficialDocument } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';
import { matricesById } from '../risk-matrices/risk-matrices.repository.js';
import { measuresOf, pointsInBatches, type PointFilter } from './risk-points.repository.js';

const COLUMNS = [
  { header: '单位', key: 'org', width: 26 },
  { header: '对象层级', key: 'objectLevel', width: 12 },
  { header: '岗位/人员', key: 'subject', width: 14 },
  { header: '风险点', key: 'title', width: 30 },
  { header: '风险类别', key: 'category', width: 10 },
  { header: '风险表现', key: 'manifestation', width: 40 },
  { header: '发生概率', key: 'likelihood', width: 9 },
  { header: '危害程度', key: 'impact', width: 9 },
  { header: '风险等级', key: 'level', width: 9 },
  { header: '防控措施（责任人，完成时限）', key: 'measures', width: 60 },
  { header: '查找方式', key: 'discovery', width: 10 },
  { header: '监控责任单位', key: 'monitor', width: 22 },
  { header: '状态', key: 'status', width: 10 },
];

/** One point as the register's batches read it (named: org, post, person, monitor). */
type PointBatch = ReturnType<typeof pointsInBatches> extends AsyncGenerator<(infer R)[], unknown, unknown> ? R : never;

/** The columns of one point in the .xlsx, its measures and matrix already read. */
function sheetRow(r: PointBatch, measures: Awaited<ReturnType<typeof measuresOf>>, matrices: Awaited<ReturnType<typeof matricesById>>) {
  return {
    org: r.org_name,
    objectLevel: OBJECT_LEVEL_LABELS[r.object_level as ObjectLevel],
    subject: r.post_name ?? r.person_name ?? '',
    title: r.title,
    category: RISK_CATEGORY_LABELS[r.category as RiskCategory],
    manifestation: r.manifestation,
    likelihood: r.likelihood,
    impact: r.impact,
    level: levelDef(matrices.get(r.matrix_id)!.definition, r.level)?.name ?? r.level,
    measures: (measures.get(r.id) ?? []).map((m, i) => `${i + 1}. ${m.content}（${m.owner}，${m.dueOn}）`).join('\n'),
    discovery: DISCOVERY_METHOD_LABELS[r.discovery as DiscoveryMethod],
    monitor: r.monitor_org_name,
    status: RISK_POINT_STATUS_LABELS[r.status as RiskPointStatus],
  };
}

/** 风险识别防控一览表: the filtered register as a streamed .xlsx, written batch by batch as it is read. */
export function exportPoints(db: Executor, actor: Actor, filter: PointFilter): PassThrough {
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet('风险识别防控一览表', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    for await (const rows of pointsInBatches(db, actor, filter)) {
      const [measures, matrices] = await Promise.all([measuresOf(db, rows.map((r) => r.id)), matricesById(db, rows.map((r) => r.matrix_id))]);
      for (const r of rows) sheet.addRow(sheetRow(r, measures, matrices)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

/** The most points a unit's 一览表 lists; a larger selection is refused, never cut short. */
export const REGISTER_LIMIT = 2000;

/** The statuses a unit's 一览表 lists, in its order: what was published, then what was approved since. */
export const REGISTER_STATUSES = ['published', 'approved'] as const satisfies readonly RiskPointStatus[];

/**
 * The points of one unit's 一览表 (the org with its sections, in the actor's scope): published, then
 * approved ones, newest first within each, with their measures and matrices. The Word, PDF and Excel
 * versions are all made from these rows, so they list the same points. More than REGISTER_LIMIT is
 * refused with a message naming the limit (a unit's register is far smaller; an org high in the tree
 * is not a unit).
 */
export async function registerPoints(db: Executor, actor: Actor, org: { id: number; name: string }) {
  const rows: PointBatch[] = [];
  for (const status of REGISTER_STATUSES) {
    for await (const batch of pointsInBatches(db, actor, { orgId: org.id, subtree: true, status }, REGISTER_LIMIT + 1)) {
      rows.push(...batch);
      if (rows.length > REGISTER_LIMIT) {
        throw new AppError('request.invalid', `单位（orgId）：${org.name}及其下属的已审核、已公示风险点超过 ${REGISTER_LIMIT} 个，一览表最多列 ${REGISTER_LIMIT} 个，请按下级单位分别导出`, {
          issues: [{ field: 'orgId', message: `已审核、已公示风险点超过 ${REGISTER_LIMIT} 个，请按下级单位分别导出` }],
        });
      }
    }
  }
  const [measures, matrices] = await Promise.all([measuresOf(db, rows.map((r) => r.id)), matricesById(db, rows.map((r) => r.matrix_id))]);
  return { rows, measures, matrices };
}

/** A unit's 《风险识别防控一览表》 as an .xlsx: the same points as its Word version, the register's columns. */
export async function registerWorkbook(db: Executor, actor: Actor, org: { id: number; name: string }): Promise<Buffer> {
  const { rows, measures, matrices } = await registerPoints(db, actor, org);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('风险识别防控一览表', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(sheetRow(r, measures, matrices));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * 《风险识别防控一览表》 of one unit (with its sections) as an official document: the approved and
 * published points with their measures, in a landscape table (see registerPoints: the same points as
 * the Excel version, and at most REGISTER_LIMIT of them, else refused).
 */
export async function registerDocument(db: Executor, actor: Actor, org: { id: number; name: string }, today: string): Promise<OfficialDocument> {
  const { rows: points, measures, matrices } = await registerPoints(db, actor, org);
  const rows = points.map((r, i) => {
    const ms = measures.get(r.id) ?? [];
    return [
      String(i + 1),
      `${OBJECT_LEVEL_LABELS[r.object_level as ObjectLevel]}${r.post_name ? `·${r.post_name}` : ''}${r.org_id === org.id ? '' : `（${r.org_name}）`}`,
      r.title,
      RISK_CATEGORY_LABELS[r.category as RiskCategory],
      r.manifestation,
      levelDef(matrices.get(r.matrix_id)!.definition, r.level)?.name ?? String(r.level),
      ms.map((m, i) => `${i + 1}. ${m.content}`).join('\n'),
      [...new Set(ms.map((m) => m.owner))].join('、'),
      ms.map((m) => m.dueOn).join('\n'),
    ];
  });
  return {
    title: `${org.name}风险识别防控一览表`,
    body: [
      { kind: 'paragraph', text: `按照“对岗不对人”和分级防控的要求，本单位经个人自查、部门评查、交叉互查，查找并经审核的廉政风险点共 ${rows.length} 个，现将风险点及防控措施列表如下。` },
      { kind: 'table', header: ['序号', '对象', '风险点', '类别', '风险表现', '等级', '防控措施', '责任人', '完成时限'], rows, widths: [3, 8, 10, 5, 14, 4, 16, 6, 7], landscape: true },
    ],
    issuer: org.name,
    date: today,
  };
}
