import {
  GRADES,
  ratingReason,
  scopesFor,
  type Actor,
  type EvaluationResult,
  type EvaluationRun,
  type Grade,
  type RatingRule,
  type WarningLevel,
} from '@qingfeng/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { inSubtreeOf } from '../orgs/orgs.repository.js';
import { orgScope, personScope } from '../policy/scope.js';
import { containing } from '../db/like.js';

/**
 * Every rating of a year, as one SQL source (the rule of core/evaluations/rating.ts, set-based):
 * each person active in the year and each unit, with the warnings addressed to them that were
 * issued in the year, the highest level, and the grade the rule gives it. People are rated in the
 * org they belong to now; anyone who received a warning is rated even if no longer on the roll.
 * `packages/server/test/evaluations.test.ts` proves it gives what `rateYear` gives.
 */
export function ratingsOf(year: number, rule: RatingRule): RawBuilder<{
  subject_kind: 'person' | 'org';
  person_id: number | null;
  org_id: number;
  max_level: number;
  grade: Grade;
  warnings: { id: number; serialNo: string | null; level: number; issuedOn: string }[];
}> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return sql`(
    WITH w AS (
      SELECT id, serial_no, level, issued_on, subject_kind, subject_person_id, subject_org_id
      FROM warnings WHERE issued_on BETWEEN ${from}::date AND ${to}::date
    ),
    pw AS (
      SELECT subject_person_id AS person_id, max(level)::int AS max_level,
             jsonb_agg(jsonb_build_object('id', id, 'serialNo', serial_no, 'level', level, 'issuedOn', issued_on) ORDER BY level DESC, issued_on, id) AS warnings
      FROM w WHERE subject_kind = 'person' GROUP BY subject_person_id
    ),
    ow AS (
      SELECT subject_org_id AS org_id, max(level)::int AS max_level,
             jsonb_agg(jsonb_build_object('id', id, 'serialNo', serial_no, 'level', level, 'issuedOn', issued_on) ORDER BY level DESC, issued_on, id) AS warnings
      FROM w WHERE subject_kind = 'org' GROUP BY subject_org_id
    ),
    s AS (
      SELECT 'person'::text AS subject_kind, p.id AS person_id, p.org_id, coalesce(pw.max_level, 0) AS max_level, coalesce(pw.warnings, '[]'::jsonb) AS warnings
      FROM people p LEFT JOIN pw ON pw.person_id = p.id
      WHERE p.retired_at IS NULL OR p.retired_at >= ${from}::date OR pw.person_id IS NOT NULL
      UNION ALL
      SELECT 'org'::text, NULL::int, o.id, coalesce(ow.max_level, 0), coalesce(ow.warnings, '[]'::jsonb)
      FROM orgs o LEFT JOIN ow ON ow.org_id = o.id
      WHERE (o.kind = 'unit' AND (o.retired_at IS NULL OR o.retired_at >= ${from}::date)) OR ow.org_id IS NOT NULL
    )
    SELECT NULL::bigint AS id, s.*, CASE s.max_level WHEN 0 THEN ${rule.none}::text WHEN 1 THEN ${rule.level1}::text WHEN 2 THEN ${rule.level2}::text ELSE ${rule.level3}::text END AS grade
    FROM s)`;
}

export interface ResultFilter {
  grade?: Grade | undefined;
  subjectKind?: 'person' | 'org' | undefined;
  orgId?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Filters on a results source `r` joined to orgs `o` and people `p`. */
function resultFilters(f: ResultFilter): RawBuilder<SqlBool> {
  const c: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`];
  if (f.grade) c.push(sql<SqlBool>`r.grade = ${f.grade}`);
  if (f.subjectKind) c.push(sql<SqlBool>`r.subject_kind = ${f.subjectKind}`);
  if (f.orgId) c.push(inSubtreeOf('o.path', f.orgId));
  if (f.q) c.push(sql<SqlBool>`(p.name LIKE ${containing(f.q)} OR (r.subject_kind = 'org' AND o.name LIKE ${containing(f.q)}))`);
  return sql<SqlBool>`(${sql.join(c, sql` AND `)})`;
}

type ResultRow = {
  id: number | null;
  subject_kind: 'person' | 'org';
  person_id: number | null;
  person_name: string | null;
  org_id: number;
  org_name: string;
  grade: Grade;
  max_level: number;
  warnings: { id: number; serialNo: string | null; level: number; issuedOn: string }[];
  total: number;
};

/** A page of results from a source (a year's preview, or a run's stored results), with the total. */
async function pageOf(db: Executor, source: RawBuilder<unknown>, scope: RawBuilder<SqlBool>, f: ResultFilter): Promise<{ rows: ResultRow[]; total: number }> {
  const { rows } = await sql<ResultRow>`
    SELECT r.id, r.subject_kind, r.person_id, p.name AS person_name, r.org_id, o.name AS org_name, r.grade, r.max_level, r.warnings, count(*) OVER ()::int AS total
    FROM ${source} r JOIN orgs o ON o.id = r.org_id LEFT JOIN people p ON p.id = r.person_id
    WHERE ${scope} AND ${resultFilters(f)}
    ORDER BY CASE r.grade WHEN 'poor' THEN 0 WHEN 'fair' THEN 1 ELSE 2 END, r.subject_kind DESC, o.path, p.name, r.person_id
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db);
  return { rows, total: rows[0]?.total ?? 0 };
}

export function presentResult(year: number, r: ResultRow): EvaluationResult {
  const warnings = r.warnings.map((w) => ({ ...w, level: w.level as WarningLevel }));
  return {
    id: r.id === null ? null : Number(r.id),
    subjectKind: r.subject_kind,
    personId: r.person_id,
    personName: r.person_name,
    orgId: r.org_id,
    orgName: r.org_name,
    grade: r.grade,
    maxLevel: r.max_level,
    warnings,
    reason: ratingReason(year, r.grade, warnings),
  };
}

type Counts = { people: Record<Grade, number>; orgs: Record<Grade, number> };

/** Counts by subject kind and grade of a source. */
export async function summaryOf(db: Executor, source: RawBuilder<unknown>): Promise<Counts> {
  const { rows } = await sql<{ subject_kind: 'person' | 'org'; grade: Grade; n: number }>`
    SELECT r.subject_kind, r.grade, count(*)::int AS n FROM ${source} r GROUP BY 1, 2`.execute(db);
  const zero = () => Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  const counts: Counts = { people: zero(), orgs: zero() };
  for (const r of rows) counts[r.subject_kind === 'person' ? 'people' : 'orgs'][r.grade] = r.n;
  return counts;
}

export function previewPage(db: Executor, year: number, rule: RatingRule, f: ResultFilter) {
  return pageOf(db, ratingsOf(year, rule), sql<SqlBool>`true`, f);
}

/**
 * The results of a stored run the actor may read: people in their scope (a cadre: themselves),
 * units in their scope. Before publication only those who run the ratings see them.
 */
export function runResultsScope(actor: Actor): RawBuilder<SqlBool> {
  const people = personScope(actor, 'evaluations.read', { org: 'r.org_id', person: 'r.person_id', orgPath: 'o.path' });
  // A unit's result is not a cadre's own record: 'self' grants do not reach it.
  const units = orgScope({ ...actor, grants: actor.grants.filter((g) => g.scope.kind !== 'self') }, 'evaluations.read', 'r.org_id', 'o.path');
  // The scope builders are plain SQL fragments: they do not use the expression builder.
  const eb = undefined as never;
  return sql<SqlBool>`(CASE WHEN r.subject_kind = 'person' THEN ${people(eb)} ELSE ${units(eb)} END)`;
}

export function runPage(db: Executor, actor: Actor, runId: number, f: ResultFilter) {
  return pageOf(db, sql`(SELECT * FROM evaluation_results WHERE run_id = ${runId})`, runResultsScope(actor), f);
}

export function findRun(db: Executor, id: number) {
  return db
    .selectFrom('evaluation_runs as r')
    .innerJoin('users as u', 'u.id', 'r.confirmed_by')
    .selectAll('r')
    .select([
      'u.display_name as confirmed_by_name',
      sql<{ open: number; done: number; cancelled: number }>`(
        SELECT json_build_object('open', count(*) FILTER (WHERE k.status = 'open'), 'done', count(*) FILTER (WHERE k.status = 'done'),
                                 'cancelled', count(*) FILTER (WHERE k.status = 'cancelled'))
        FROM evaluation_tasks k WHERE k.run_id = r.id)`.as('tasks'),
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** A run is seen by those who run the ratings; once published, by every reader of ratings. */
export function runVisible(actor: Actor, run: { status: string; published_at: unknown }): boolean {
  if (scopesFor(actor, 'evaluations.run').length) return true;
  return scopesFor(actor, 'evaluations.read').length > 0 && run.published_at !== null;
}

export function presentRun(actor: Actor, row: RunRow, ruleText: string): EvaluationRun {
  const canRun = scopesFor(actor, 'evaluations.run').some((s) => s.kind === 'all');
  const actions: string[] = [];
  if (canRun && row.status === 'confirmed') actions.push('publish');
  if (canRun && row.status !== 'superseded') actions.push('correct');
  if (canRun && row.status === 'published') actions.push('export');
  return {
    id: row.id,
    year: row.year,
    kind: row.kind,
    correctsRunId: row.corrects_run_id,
    reason: row.reason,
    status: row.status,
    ruleText,
    confirmedBy: row.confirmed_by_name,
    confirmedAt: new Date(row.confirmed_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    supersededBy: row.superseded_by,
    summary: row.summary,
    tasks: { open: Number(row.tasks.open), done: Number(row.tasks.done), cancelled: Number(row.tasks.cancelled) },
    actions,
  };
}

