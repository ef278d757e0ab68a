import { WARNING_STATUS_LABELS, type Actor, type LeadershipReport, type WarningLevel, type WarningStatistics, type WarningStatus } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { warningScope } from '../warnings/warnings.repository.js';

/** Statistics of the warnings issued in a period, within the actor's reach. */
export async function warningStatistics(db: Executor, actor: Actor, from: string, to: string, today: string): Promise<WarningStatistics> {
  const row = await db
    .selectFrom('warnings as w')
    .innerJoin('orgs as so', 'so.id', 'w.subject_org_id')
    .where(warningScope(actor, 'warnings.read'))
    .where('w.issued_on', '>=', from)
    .where('w.issued_on', '<=', to)
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE w.level = 1)::int`.as('l1'),
      sql<number>`count(*) FILTER (WHERE w.level = 2)::int`.as('l2'),
      sql<number>`count(*) FILTER (WHERE w.level = 3)::int`.as('l3'),
      sql<number>`count(*) FILTER (WHERE w.status IN ('issued', 'acknowledged', 'answered'))::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE w.status IN ('issued', 'acknowledged') AND w.deadline < ${today}::date)::int`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE w.status = 'closed')::int`.as('closed'),
      sql<number>`count(*) FILTER (WHERE w.status = 'escalated')::int`.as('escalated'),
      sql<number>`count(*) FILTER (WHERE w.status = 'referred')::int`.as('referred'),
    ])
    .executeTakeFirstOrThrow();
  return { total: row.total, byLevel: { 1: row.l1, 2: row.l2, 3: row.l3 }, open: row.open, overdue: row.overdue, closed: row.closed, escalated: row.escalated, referred: row.referred };
}

const reports = (db: Executor) => db.selectFrom('leadership_reports as r').innerJoin('users as u', 'u.id', 'r.created_by').selectAll('r').select('u.display_name as created_by_name');

export const findReport = (db: Executor, id: number) => reports(db).where('r.id', '=', id).executeTakeFirst();
export const listReports = (db: Executor) => reports(db).orderBy('r.id', 'desc').limit(200).execute();
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** The warnings a report cites, as leaders read them (no clue, no basis). */
export async function reportWarnings(db: Executor, reportIds: number[]) {
  const map = new Map<number, LeadershipReport['warnings']>();
  if (!reportIds.length) return map;
  const rows = await db
    .selectFrom('leadership_report_warnings as rw')
    .innerJoin('warnings as w', 'w.id', 'rw.warning_id')
    .innerJoin('orgs as o', 'o.id', 'w.subject_org_id')
    .leftJoin('people as p', 'p.id', 'w.subject_person_id')
    .select(['rw.report_id', 'w.id', 'w.serial_no', 'w.level', 'w.facts', 'w.status', 'o.name as org_name', 'p.name as person_name'])
    .where('rw.report_id', 'in', reportIds)
    .orderBy('w.issued_on')
    .orderBy('w.id')
    .execute();
  for (const r of rows) {
    const item = { id: r.id, serialNo: r.serial_no, level: r.level as WarningLevel, subjectName: r.person_name ? `${r.person_name}（${r.org_name}）` : r.org_name, facts: r.facts, statusLabel: WARNING_STATUS_LABELS[r.status as WarningStatus] };
    map.set(r.report_id, [...(map.get(r.report_id) ?? []), item]);
  }
  return map;
}

export function presentReport(actor: Actor, row: ReportRow, warnings: LeadershipReport['warnings']): LeadershipReport {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    summary: row.summary,
    recommendations: row.recommendations,
    warnings,
    statistics: row.statistics as WarningStatistics,
    createdBy: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    actions: actor.grants.some((g) => g.permissions.has('leadership_reports.read')) ? ['export'] : [],
  };
}
