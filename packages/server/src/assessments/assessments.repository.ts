import { orgPathInScopes, scopesFor, type Actor, type AssessmentResult, type AssessmentScheme, type AssessmentThresholds, type ComputedIndicator, type Permission, type WarningStatus } from '@qingfeng/core';
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { orgScope } from '../policy/scope.js';

/** A scheme is visible to those who may read its organising org, or any unit it assesses. */
function schemeVisible(actor: Actor, permission: Permission) {
  const resultInScope = orgScope(actor, permission, 'vr.org_id', 'vo.path');
  const own = orgScope(actor, permission, 's.org_id', 'so.path');
  return (eb: Parameters<typeof own>[0]) =>
    sql<SqlBool>`(${own(eb)} OR EXISTS (SELECT 1 FROM assessment_results vr JOIN orgs vo ON vo.id = vr.org_id WHERE vr.scheme_id = s.id AND ${resultInScope(eb)}))`;
}

function schemesBase(db: Executor) {
  return db
    .selectFrom('assessment_schemes as s')
    .innerJoin('orgs as so', 'so.id', 's.org_id')
    .select([
      's.id',
      's.year',
      's.name',
      's.org_id',
      'so.name as org_name',
      'so.path as org_path',
      's.thresholds',
      sql<AssessmentScheme['indicators']>`(
        SELECT json_agg(json_build_object('id', i.id, 'name', i.name, 'weight', i.weight, 'provider', i.provider, 'description', i.description) ORDER BY i.position)
        FROM assessment_indicators i WHERE i.scheme_id = s.id)`.as('indicators'),
      sql<Record<string, number>>`(
        SELECT json_build_object(
          'pending', count(*) FILTER (WHERE r.status = 'pending'), 'scored', count(*) FILTER (WHERE r.status = 'scored'),
          'confirmed', count(*) FILTER (WHERE r.status = 'confirmed'),
          'excellent', count(*) FILTER (WHERE r.status = 'confirmed' AND r.grade = 'excellent'), 'good', count(*) FILTER (WHERE r.status = 'confirmed' AND r.grade = 'good'),
          'pass', count(*) FILTER (WHERE r.status = 'confirmed' AND r.grade = 'pass'), 'fail', count(*) FILTER (WHERE r.status = 'confirmed' AND r.grade = 'fail'))
        FROM assessment_results r WHERE r.scheme_id = s.id)`.as('counts'),
    ]);
}
export type SchemeRow = Awaited<ReturnType<ReturnType<typeof schemesBase>['executeTakeFirstOrThrow']>>;

export function findSchemeInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return schemesBase(db).where('s.id', '=', id).where(schemeVisible(actor, permission)).executeTakeFirst();
}

export async function listSchemesInScope(db: Executor, actor: Actor, f: { year?: number | undefined; page: number; pageSize: number }) {
  let q = schemesBase(db).where(schemeVisible(actor, 'assessments.read'));
  if (f.year) q = q.where('s.year', '=', f.year);
  const rows = await q.select(sql<number>`count(*) OVER ()`.as('total')).orderBy('s.year', 'desc').orderBy('s.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export function presentScheme(actor: Actor, row: SchemeRow): AssessmentScheme {
  const n = (k: string) => Number(row.counts[k] ?? 0);
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    orgId: row.org_id,
    orgName: row.org_name,
    thresholds: row.thresholds as AssessmentThresholds,
    indicators: (row.indicators ?? []).map((i) => ({ ...i, weight: Number(i.weight), provider: (i.provider ?? null) as ComputedIndicator | null })),
    counts: { pending: n('pending'), scored: n('scored'), confirmed: n('confirmed') },
    grades: { excellent: n('excellent'), good: n('good'), pass: n('pass'), fail: n('fail') },
    actions: orgPathInScopes(scopesFor(actor, 'assessments.write'), row.org_id, row.org_path) ? ['score'] : [],
  };
}

function resultsBase(db: Executor) {
  return db
    .selectFrom('assessment_results as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .leftJoin('warnings as w', 'w.id', 'r.warning_id')
    .select([
      'r.id',
      'r.scheme_id',
      'r.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'r.status',
      'r.total',
      'r.grade',
      // The written notice: the 不及格 warning's 文号 and day (0504); results confirmed before 0504 kept their own.
      sql<string | null>`coalesce(w.serial_no, r.notice_serial)`.as('notice_serial'),
      sql<string | null>`coalesce(w.issued_on, r.notice_issued_on)`.as('notice_issued_on'),
      sql<{ id: number; serialNo: string; status: WarningStatus; deadline: string } | null>`CASE WHEN w.id IS NOT NULL THEN
        json_build_object('id', w.id, 'serialNo', w.serial_no, 'status', w.status, 'deadline', w.deadline) END`.as('warning'),
      sql<number | null>`CASE WHEN r.status <> 'pending' THEN (
        SELECT 1 + count(*) FROM assessment_results q WHERE q.scheme_id = r.scheme_id AND q.status <> 'pending' AND q.total > r.total) END`.as('place'),
      sql<{ indicatorId: number; score: string; source: 'computed' | 'manual'; detail: string | null }[]>`(
        SELECT coalesce(json_agg(json_build_object('indicatorId', c.indicator_id, 'score', c.score, 'source', c.source, 'detail', c.detail) ORDER BY i.position), '[]')
        FROM assessment_scores c JOIN assessment_indicators i ON i.id = c.indicator_id WHERE c.result_id = r.id)`.as('scores'),
    ]);
}
export type ResultRow = Awaited<ReturnType<ReturnType<typeof resultsBase>['executeTakeFirstOrThrow']>>;

export function findResultInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return resultsBase(db).where('r.id', '=', id).where(orgScope(actor, permission, 'r.org_id', 'o.path')).executeTakeFirst();
}

export async function listResultsInScope(db: Executor, actor: Actor, schemeId: number, f: { grade?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  let q = resultsBase(db).where('r.scheme_id', '=', schemeId).where(orgScope(actor, 'assessments.read', 'r.org_id', 'o.path'));
  if (f.grade) q = q.where('r.grade', '=', f.grade as never).where('r.status', '=', 'confirmed');
  if (f.status) q = q.where('r.status', '=', f.status as never);
  const rows = await q
    .select(sql<number>`count(*) OVER ()`.as('total'))
    .orderBy(sql`r.total DESC NULLS LAST`)
    .orderBy('o.path')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export function presentResult(actor: Actor, row: ResultRow): AssessmentResult {
  const can = (p: Permission) => orgPathInScopes(scopesFor(actor, p), row.org_id, row.org_path);
  const actions: string[] = [];
  if (row.status !== 'confirmed' && can('assessments.write')) actions.push('score');
  if (row.status === 'scored' && can('assessments.write')) actions.push('confirm');
  return {
    id: row.id,
    schemeId: row.scheme_id,
    orgId: row.org_id,
    orgName: row.org_name,
    status: row.status,
    total: row.total === null ? null : Number(row.total),
    grade: row.grade,
    place: row.place === null ? null : Number(row.place),
    scores: row.scores.map((s) => ({ ...s, score: Number(s.score) })),
    noticeSerial: row.notice_serial,
    noticeIssuedOn: row.notice_issued_on,
    warning: row.warning,
    actions,
  };
}
