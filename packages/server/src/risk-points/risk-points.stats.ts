import { levelOf, scopesFor, type Actor, type RiskStats } from '@qingfeng/core';
import { sql, type Expression } from 'kysely';
import { executePrepared } from '../db/prepared.js';
import type { Executor } from '../db/types.js';
import { notFound } from '../http/errors.js';
import { orgScope, underPath } from '../policy/scope.js';
import { activeMatrix } from '../risk-matrices/risk-matrices.repository.js';
import { filtered, type PointFilter } from './risk-points.repository.js';
import { tallied, talliedBranches, talliedHeatmap } from './risk-points.tallies.js';

// The register's two heat maps and the per-org counts (seed 001: "岗位风险点78个、股室风险点37个、
// 领导班子及其成员风险点18个、单位风险点9个"), each one grouped statement over the filtered, scoped points.

/** Likelihood × impact under the active matrix: every cell with its level and the count of points in it. */
export async function likelihoodImpactHeatmap(db: Executor, actor: Actor, f: PointFilter) {
  const [matrix, rows] = await Promise.all([
    activeMatrix(db),
    tallied(actor, f)
      ? talliedHeatmap(db, f)
      : filtered(db, actor, f).select(['p.likelihood', 'p.impact', sql<number>`count(*)::int`.as('n')]).groupBy(['p.likelihood', 'p.impact']).execute(),
  ]);
  const def = matrix.definition;
  const count = new Map(rows.map((r) => [`${r.likelihood}×${r.impact}`, r.n]));
  const cells = def.likelihood.flatMap((l) =>
    def.impact.map((i) => ({ likelihood: l.value, impact: i.value, level: levelOf(def, l.value, i.value)!.level, count: count.get(`${l.value}×${i.value}`) ?? 0 })),
  );
  return { likelihood: def.likelihood, impact: def.impact, levels: def.levels, cells, total: rows.reduce((a, r) => a + r.n, 0) };
}

const KEY_COLUMN = { category: 'p.category', objectLevel: 'p.object_level', level: 'p.level' } as const;

/**
 * Counts per org row, by category, object level or level. The rows: the children of `orgId` (each
 * with its subtree; the org itself as its own row); without `orgId`, the children of the actor's one
 * scope root (the root of the tree for district-wide roles), or, for a scope of several subtrees (a
 * dispatched group), those subtrees.
 */
export async function statsByOrg(db: Executor, actor: Actor, f: PointFilter & { groupBy: RiskStats['groupBy'] }): Promise<RiskStats> {
  const key = sql.ref(KEY_COLUMN[f.groupBy]);
  let parent: { id: number; path: string } | undefined;
  let roots: { id: number; path: string }[] = [];
  if (f.orgId !== undefined) {
    parent = await db.selectFrom('orgs').select(['id', 'path']).where('id', '=', f.orgId).where(orgScope(actor, 'risk.read', 'orgs.id', 'orgs.path')).executeTakeFirst();
    if (!parent) throw notFound();
  } else {
    const scopes = scopesFor(actor, 'risk.read');
    if (scopes.some((s) => s.kind === 'all')) parent = await db.selectFrom('orgs').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirst();
    else {
      const paths = scopes.flatMap((s) => (s.kind === 'subtrees' ? s.paths : []));
      const ids = scopes.flatMap((s) => (s.kind === 'orgs' || s.kind === 'self' ? s.orgIds : []));
      roots = await db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where((eb) => eb.or([...(paths.length ? [eb('path', 'in', paths)] : []), ...(ids.length ? [eb('id', 'in', ids)] : []), eb.val(false)]))
        .orderBy('path')
        .execute();
      // Nested roots count once, in the outermost.
      roots = roots.filter((r) => !roots.some((o) => o !== r && r.path.startsWith(o.path)));
      if (roots.length === 1) [parent, roots] = [roots[0], []];
    }
  }
  const { orgId: _drop, ...rest } = f;
  // The rows of the whole district (a root's children): from the trigger-kept counts (0502).
  if (parent && parent.path === `${parent.id}.` && tallied(actor, rest)) {
    return presentStats(db, f.groupBy, parent, talliedBranches(parent.id, rest, f.groupBy));
  }
  // Counted per org first (from the index of current points, 0506, which holds the keys), then each
  // org's counts go to its row: a few hundred orgs placed by path instead of every point.
  const path = sql.ref('o.path');
  let rowOrg, under;
  if (parent) {
    const p = parent;
    under = underPath(path, p.path);
    rowOrg = sql<number>`CASE WHEN o.path = ${p.path} THEN ${p.id}::int ELSE split_part(substr(o.path, ${p.path.length + 1}), '.', 1)::int END`;
  } else {
    if (roots.length === 0) return { groupBy: f.groupBy, keys: [], rows: [] };
    rowOrg = sql<number>`CASE ${sql.join(roots.map((r) => sql`WHEN ${underPath(path, r.path)} THEN ${r.id}::int`), sql` `)} END`;
    under = sql<boolean>`(${sql.join(roots.map((r) => underPath(path, r.path)), sql` OR `)})`;
  }
  // A chosen org bounds the points to its subtree; without one the rows are the scope's own roots,
  // which bound them already (one restriction on the points, not two: PostgreSQL estimates two as a
  // handful of rows and reads the table instead of the index); the rows' orgs are then bounded too.
  const perOrg = filtered(db, actor, f.orgId === undefined ? rest : { ...rest, orgId: f.orgId, subtree: true })
    .select(['p.org_id', key.as('k'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['p.org_id', sql`2`]);
  return presentStats(db, f.groupBy, parent, sql`SELECT ${rowOrg} AS row_org, c.k, sum(c.n)::int AS n FROM (${perOrg}) c JOIN orgs o ON o.id = c.org_id WHERE ${under} GROUP BY 1, 2`);
}

/**
 * The rows of a count (a subquery of row_org, k, n), each org named, with its counts by key, in one
 * statement: the org itself first, then by total, largest first, then in tree order.
 */
async function presentStats(db: Executor, groupBy: RiskStats['groupBy'], parent: { id: number } | undefined, counted: Expression<unknown>): Promise<RiskStats> {
  const rows = await executePrepared(
    db,
    sql<RiskStats['rows'][number]>`
    SELECT c.row_org AS "orgId", coalesce(o.name, c.row_org::text) AS "orgName", jsonb_object_agg(c.k::text, c.n) AS counts, sum(c.n)::int AS total
    FROM (${counted}) c LEFT JOIN orgs o ON o.id = c.row_org
    GROUP BY c.row_org, o.name, o.path
    ORDER BY c.row_org = ${parent?.id ?? null} IS TRUE DESC, total DESC, o.path USING ~<~`,
  );
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.counts)))].sort();
  return { groupBy, keys, rows };
}
