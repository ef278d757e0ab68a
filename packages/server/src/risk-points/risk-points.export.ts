import { PassThrough } from 'node:stream';
import { DISCOVERY_METHOD_LABELS, levelDef, OBJECT_LEVEL_LABELS, RISK_CATEGORY_LABELS, RISK_POINT_STATUS_LABELS, type Actor, type DiscoveryMethod, type ObjectLevel, type RiskCategory, type RiskPointStatus, type OfficialDocument } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
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
      for (const r of rows) {
        sheet
          .addRow({
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
          })
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

const DOCUMENT_ROWS = 2000;

/**
 * 《风险识别防控一览表》 of one unit (with its sections) as an official document: the approved and
 * published points with their measures, in a landscape table. At most 2,000 rows (a unit's register).
 */
export async function registerDocument(db: Executor, actor: Actor, org: { id: number; name: string }, today: string): Promise<OfficialDocument> {
  const rows: string[][] = [];
  for (const status of ['published', 'approved'] as const) {
    for await (const batch of pointsInBatches(db, actor, { orgId: org.id, subtree: true, status })) {
      const [measures, matrices] = await Promise.all([measuresOf(db, batch.map((r) => r.id)), matricesById(db, batch.map((r) => r.matrix_id))]);
      for (const r of batch) {
        if (rows.length >= DOCUMENT_ROWS) break;
        const ms = measures.get(r.id) ?? [];
        rows.push([
          String(rows.length + 1),
          `${OBJECT_LEVEL_LABELS[r.object_level as ObjectLevel]}${r.post_name ? `·${r.post_name}` : ''}${r.org_id === org.id ? '' : `（${r.org_name}）`}`,
          r.title,
          RISK_CATEGORY_LABELS[r.category as RiskCategory],
          r.manifestation,
          levelDef(matrices.get(r.matrix_id)!.definition, r.level)?.name ?? String(r.level),
          ms.map((m, i) => `${i + 1}. ${m.content}`).join('\n'),
          [...new Set(ms.map((m) => m.owner))].join('、'),
          ms.map((m) => m.dueOn).join('\n'),
        ]);
      }
    }
  }
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
