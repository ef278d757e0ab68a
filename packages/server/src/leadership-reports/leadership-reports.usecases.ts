import { LEADERSHIP_REPORT_KINDS, todayIn, WARNING_LEVEL_LABELS, type Actor, type DocumentBlock, type LeadershipReport, type OfficialDocument } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { warningScope } from '../warnings/warnings.repository.js';
import { warningStatistics } from './leadership-reports.repository.js';

export interface ReportInput {
  kind: 'internal_bulletin' | 'thematic_report';
  title: string;
  periodFrom: string;
  periodTo: string;
  summary: string;
  recommendations?: string | null | undefined;
  warningIds: number[];
}

/** A report for the district's leaders: the period's statistics (frozen now) and the selected warnings. */
export async function createReport(ctx: AppContext, actor: Actor, input: ReportInput): Promise<number> {
  requirePermission(actor, 'leadership_reports.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const ids = [...new Set(input.warningIds)];
    if (ids.length) {
      const found = await trx.selectFrom('warnings as w').innerJoin('orgs as so', 'so.id', 'w.subject_org_id').select('w.id').where('w.id', 'in', ids).where(warningScope(actor, 'warnings.read')).execute();
      if (found.length !== ids.length) throw new AppError('not_found', '所选预警不存在或不在您的权限范围内');
    }
    const statistics = await warningStatistics(trx, actor, input.periodFrom, input.periodTo, todayIn(now));
    const { id } = await trx
      .insertInto('leadership_reports')
      .values({ kind: input.kind, title: input.title, period_from: input.periodFrom, period_to: input.periodTo, summary: input.summary, recommendations: input.recommendations ?? null, statistics: JSON.stringify(statistics), created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ids.length) await trx.insertInto('leadership_report_warnings').values(ids.map((w) => ({ report_id: id, warning_id: w }))).execute();
    await recordAudit(trx, actor, { action: 'LEADERSHIP_REPORT_CREATED', objectType: 'leadership_report', objectId: id, summary: `编写${LEADERSHIP_REPORT_KINDS[input.kind]}「${input.title}」`, after: { ...input, statistics } }, now);
    return id;
  });
}

/** The report as a document for Word: the statistics as a table, the warnings as a table, the advice. */
export function reportDocument(r: LeadershipReport, issuer: string): OfficialDocument {
  const s = r.statistics;
  const body: DocumentBlock[] = [
    { kind: 'heading', level: 1, text: '基本情况' },
    ...r.summary.split(/\n+/).filter(Boolean).map((text): DocumentBlock => ({ kind: 'paragraph', text })),
    { kind: 'heading', level: 1, text: `预警统计（${r.periodFrom} 至 ${r.periodTo}）` },
    {
      kind: 'table',
      header: ['合计', '一级', '二级', '三级', '在办', '逾期', '办结', '升级', '移送问责'],
      rows: [[s.total, s.byLevel[1], s.byLevel[2], s.byLevel[3], s.open, s.overdue, s.closed, s.escalated, s.referred].map(String)],
    },
  ];
  if (r.warnings.length) {
    body.push(
      { kind: 'heading', level: 1, text: '典型预警' },
      { kind: 'table', header: ['文号', '等级', '对象', '主要问题', '状态'], rows: r.warnings.map((w) => [w.serialNo, WARNING_LEVEL_LABELS[w.level], w.subjectName, w.facts, w.statusLabel]), widths: [3, 2, 3, 6, 2] },
    );
  }
  if (r.recommendations) body.push({ kind: 'heading', level: 1, text: '意见建议' }, ...r.recommendations.split(/\n+/).filter(Boolean).map((text): DocumentBlock => ({ kind: 'paragraph', text })));
  return {
    header: { issuerMark: r.kind === 'internal_bulletin' ? '廉情预警内刊' : '廉情预警专题报告', docNumber: `第${r.id}期` },
    title: r.title,
    recipients: '区党政主要领导',
    body,
    issuer,
    date: r.createdAt.slice(0, 10),
    note: '内部资料，注意保存',
    record: { cc: '区委办公室，区政府办公室', printer: issuer, printDate: r.createdAt.slice(0, 10) },
  };
}
