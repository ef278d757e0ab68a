import { scopesFor, type Actor } from '@qingfeng/core';
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Executor } from '../db/types.js';
import { subtreeIdArray } from '../orgs/orgs.repository.js';
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

/** The number of points the filter selects in the whole district, as a scalar subquery. */
export function talliedTotal(f: PointFilter) {
  return sql<number>`(SELECT coalesce(sum(n), 0)::int FROM derived.risk_point_tallies WHERE ${conditions(f)})`;
}

/**
 * The one branch of the tree (a root's child, path "root.child.") that holds every point this
 * reader may see under this filter, when there is one: a township commission reading its own
 * subtree, or a district-wide reader filtering by a township's subtree (known by its depth in SQL).
 */
export function talliedBranchOf(actor: Actor, f: PointFilter): Branch | undefined {
  if (f.q || f.monitorOrgId !== undefined) return undefined;
  const scopes = scopesFor(actor, 'risk.read');
  if (f.orgId === undefined) {
    const [only] = scopes;
    if (scopes.length !== 1 || only!.kind !== 'subtrees' || only!.paths.length !== 1) return undefined;
    const [root, branch, rest] = only!.paths[0]!.split('.');
    return branch && rest === '' ? { rootId: Number(root), branchId: Number(branch) } : undefined;
  }
  return f.subtree && scopes.some((s) => s.kind === 'all') ? { subtreeOf: f.orgId } : undefined;
}
type Branch = { rootId: number; branchId: number } | { subtreeOf: number };

/**
 * The number of points the filter selects in a branch, as a scalar subquery. A subtree named by
 * the filter is a branch only at depth 1; elsewhere `otherwise` counts the points.
 */
export function talliedBranchTotal(branch: Branch, f: PointFilter, otherwise: Expression<unknown>) {
  if ('rootId' in branch) return branchSum(sql`${branch.rootId}`, sql`${branch.branchId}`, f);
  const org = sql`(SELECT o.depth, split_part(o.path, '.', 1)::int AS root_id FROM orgs o WHERE o.id = ${branch.subtreeOf})`;
  return sql<number>`(SELECT CASE WHEN b.depth = 1 THEN ${branchSum(sql`b.root_id`, sql`${branch.subtreeOf}`, f)} ELSE ${otherwise} END FROM ${org} b)`;
}

function branchSum(rootId: RawBuilder<unknown>, branchId: RawBuilder<unknown>, f: PointFilter) {
  return sql<number>`(SELECT coalesce(sum(n), 0)::int FROM derived.risk_point_branch_tallies WHERE root_id = ${rootId} AND branch_id = ${branchId} AND ${conditions(f)})`;
}

/** Likelihood × impact cells with points, in the whole district. */
export async function talliedHeatmap(db: Executor, f: PointFilter) {
  const { rows } = await sql<{ likelihood: number; impact: number; n: number }>`
    SELECT likelihood, impact, sum(n)::int AS n FROM derived.risk_point_tallies WHERE ${conditions(f)}
    GROUP BY likelihood, impact HAVING sum(n) > 0`.execute(db);
  return rows;
}

const KEY = { category: sql.ref('category'), objectLevel: sql.ref('object_level'), level: sql.ref('level') } as const;

/** Counts per child of a root (the root itself for its own points) and key, with points: a subquery of (row_org, k, n). */
export function talliedBranches(rootId: number, f: PointFilter, groupBy: keyof typeof KEY) {
  return sql`
    SELECT branch_id AS row_org, ${KEY[groupBy]} AS k, sum(n)::int AS n FROM derived.risk_point_branch_tallies
    WHERE root_id = ${rootId} AND ${conditions(f)}
    GROUP BY 1, 2 HAVING sum(n) > 0`;
}

/**
 * The published points of the district, or of an org's subtree, as the public portal counts them:
 * a sum of the counts kept per org (0508).
 */
export async function talliedPublished(db: Executor, orgId: number | undefined): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM derived.risk_point_org_tallies
    WHERE status = 'published' ${orgId === undefined ? sql`` : sql`AND org_id = ANY(${subtreeIdArray(orgId)})`}`.execute(db);
  return rows[0]!.n;
}
