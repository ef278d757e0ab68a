import { scopesFor, type Actor } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import type { PointFilter } from './risk-points.repository.js';

// District-wide figures from the counts kept by trigger (migration 0502, schema derived): exact, and a sum over a
// few hundred rows instead of a count over every point. They serve a reader whose scope is the
// whole district ('all'), filtering by nothing the tallies do not hold (no org, no text, no
// monitoring org); anything else counts the points themselves.

/** Whether the tallies answer this reader's figures for this filter. */
export function tallied(actor: Actor, f: PointFilter): boolean {
  return f.orgId === undefined && !f.q && f.monitorOrgId === undefined && scopesFor(actor, 'risk.read').some((s) => s.kind === 'all');
}

/** The filter's conditions on a tally table (the same as filtered() puts on the points). */
function conditions(f: PointFilter) {
  return sql.join(
    [
      f.status ? sql`status = ${f.status}` : sql`status NOT IN ('superseded', 'retired')`,
      ...(f.level !== undefined ? [sql`level = ${f.level}`] : []),
      ...(f.category ? [sql`category = ${f.category}`] : []),
      ...(f.objectLevel ? [sql`object_level = ${f.objectLevel}`] : []),
    ],
    sql` AND `,
  );
}

/** The number of points the filter selects in the whole district. */
export async function talliedTotal(db: Executor, f: PointFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM derived.risk_point_tallies WHERE ${conditions(f)}`.execute(db);
  return rows[0]!.n;
}

/** Likelihood × impact cells with points, in the whole district. */
export async function talliedHeatmap(db: Executor, f: PointFilter) {
  const { rows } = await sql<{ likelihood: number; impact: number; n: number }>`
    SELECT likelihood, impact, sum(n)::int AS n FROM derived.risk_point_tallies WHERE ${conditions(f)}
    GROUP BY likelihood, impact HAVING sum(n) > 0`.execute(db);
  return rows;
}

const KEY = { category: sql.ref('category'), objectLevel: sql.ref('object_level'), level: sql.ref('level') } as const;

/** Counts per child of a root (the root itself for its own points) and key, with points. */
export async function talliedBranches(db: Executor, rootId: number, f: PointFilter, groupBy: keyof typeof KEY) {
  const { rows } = await sql<{ row_org: number; k: string | number; n: number }>`
    SELECT branch_id AS row_org, ${KEY[groupBy]} AS k, sum(n)::int AS n FROM derived.risk_point_branch_tallies
    WHERE root_id = ${rootId} AND ${conditions(f)}
    GROUP BY 1, 2 HAVING sum(n) > 0`.execute(db);
  return rows;
}
