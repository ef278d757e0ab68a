import { hasPermission, scopesFor, type Actor, type Permission, type ResolvedScope } from '@qingfeng/core';
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import { forbidden } from '../http/errors.js';

// The one place where data scope becomes SQL. Every repository filters through these builders, so
// a row outside the actor's scope is simply "not found".

type AnyEB = ExpressionBuilder<any, any>;
const FALSE = sql<SqlBool>`false`;
const TRUE = sql<SqlBool>`true`;

/**
 * A path column under a subtree's path ("1.5."), as the byte-wise range "1.5." ≤ path < "1.5/": the
 * same rows as `LIKE '1.5.%'`, but an index (text_pattern_ops, orgs_path_prefix) serves it whatever
 * the pattern's value, so a prepared statement's generic plan keeps the index (see db/prepared.ts);
 * a LIKE on a parameter became a scan of every org. The path is a value, or an expression such as
 * an org's path read by a one-row subquery (computed once, before the scan).
 */
export function underPath(col: RawBuilder<unknown>, path: string | RawBuilder<string>) {
  const hi = typeof path === 'string' ? sql`${`${path.slice(0, -1)}/`}` : sql`(left(${path}, -1) || '/')`;
  return sql<SqlBool>`(${col} ~>=~ ${path} AND ${col} ~<~ ${hi})`;
}

/** Orgs whose path lies under any of the given prefixes. */
function orgIdsUnder(paths: string[]) {
  return sql`(SELECT o.id FROM orgs o WHERE ${sql.join(
    paths.map((p) => underPath(sql.ref('o.path'), p)),
    sql` OR `,
  )})`;
}

/**
 * Subtrees tested on an org path the query already has (orgs joined to the records), instead of
 * `org_id IN (SELECT … WHERE path LIKE …)`. Same rows, simpler plans: with the subtree filter in
 * people.repository.ts, town1's people list page 3 on the scale data (2,000 orgs, 100,000 people)
 * went from 480 to 1,930 statements/s (PostgreSQL 15, pgbench, one client; bench/RESULTS.md).
 */
function pathUnder(paths: string[], pathColumn: string): Expression<SqlBool> {
  const col = sql.ref(pathColumn);
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => underPath(col, p)),
    sql` OR `,
  )})`;
}

/**
 * How a subtree is tested: on the path of the joined org, as `org_id IN (subquery)` (a semi-join or
 * hashed subplan), or as `org_id = ANY(ARRAY(subquery))` — the subtree's ids computed once, before the
 * scan. The last suits a query that walks its records in another order and stops at a page (risk
 * points newest first): no join and no per-row plan. town1's register page 3 (200,000 points,
 * PostgreSQL 15, EXPLAIN ANALYZE): planning 1.95 → 0.87 ms, execution 2.85 → 0.83 ms against the
 * joined path.
 */
type SubtreeTest = { path: string } | 'idSet' | 'idArray';

function orgColumnInScope(s: ResolvedScope, orgColumn: string, subtree: SubtreeTest = 'idSet'): Expression<SqlBool> {
  const col = sql.ref(orgColumn);
  switch (s.kind) {
    case 'all':
      return TRUE;
    case 'subtrees':
      if (!s.paths.length) return FALSE;
      if (subtree === 'idArray') return sql<SqlBool>`${col} = ANY(ARRAY${orgIdsUnder(s.paths)})`;
      return subtree === 'idSet' ? sql<SqlBool>`${col} IN ${orgIdsUnder(s.paths)}` : pathUnder(s.paths, subtree.path);
    case 'orgs':
    case 'self':
      return s.orgIds.length ? sql<SqlBool>`${col} = ANY(${sql.val(s.orgIds)}::int[])` : FALSE;
  }
}

function anyOf(exprs: Expression<SqlBool>[]): Expression<SqlBool> {
  if (exprs.length === 0) return FALSE;
  if (exprs.length === 1) return exprs[0]!;
  return sql<SqlBool>`(${sql.join(exprs, sql` OR `)})`;
}

/**
 * Records that belong to an org (orgs themselves, posts, audit entries…). `orgPathColumn`: the path
 * of that same org, when the query has it at hand (the org's own row, or orgs joined on the column).
 */
export function orgScope(actor: Actor, permission: Permission, orgColumn: string, orgPathColumn?: string, options: { beyondSelf?: boolean } = {}) {
  const scopes = options.beyondSelf ? unitScopesFor(actor, permission) : scopesFor(actor, permission);
  return (_eb: AnyEB) => anyOf(scopes.map((s) => orgColumnInScope(s, orgColumn, orgPathColumn ? { path: orgPathColumn } : 'idSet')));
}

/** Records about a person: 'self' reaches only the actor's own person record. */
export function personScope(actor: Actor, permission: Permission, columns: { org: string; person: string; orgPath?: string }) {
  const scopes = scopesFor(actor, permission);
  return (_eb: AnyEB) =>
    anyOf(
      scopes.map((s) =>
        s.kind === 'self'
          ? s.personId == null
            ? FALSE
            : sql<SqlBool>`${sql.ref(columns.person)} = ${s.personId}`
          : orgColumnInScope(s, columns.org, columns.orgPath ? { path: columns.orgPath } : 'idSet'),
      ),
    );
}

/**
 * Records attached to a post or a person (risk points): 'self' reaches the posts the actor holds
 * now and the records about the actor; other scopes go by the record's org, a subtree as the array
 * of its org ids (the register walks its points newest first).
 */
export function postScope(actor: Actor, permission: Permission, columns: { org: string; post: string; person: string }) {
  const scopes = scopesFor(actor, permission);
  return (_eb: AnyEB) =>
    anyOf(
      scopes.map((s) =>
        s.kind === 'self'
          ? s.personId == null
            ? FALSE
            : sql<SqlBool>`(${sql.ref(columns.post)} IN (SELECT a.post_id FROM post_assignments a WHERE a.person_id = ${s.personId} AND a.ended_on IS NULL) OR ${sql.ref(columns.person)} = ${s.personId})`
          : orgColumnInScope(s, columns.org, 'idArray'),
      ),
    );
}

/**
 * The scopes of a permission that reach whole orgs: a 'self' grant (a cadre's) reaches records
 * about the cadre, never an org's own work (a campaign's progress, its unit form).
 */
export function unitScopesFor(actor: Actor, permission: Permission): ResolvedScope[] {
  return scopesFor(actor, permission).filter((s) => s.kind !== 'self');
}

/** Refuses outright when no role of the actor grants the permission at all. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw forbidden();
}

export type { DB };
