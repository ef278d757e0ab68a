import { childPath, orgPathInScopes, pathDepth, rootPath, scopesFor, type Actor, type Org, type OrgKind, type Permission } from '@qingfeng/core';
import { sql, type Insertable } from 'kysely';
import type { OrgsTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { orgScope, underPath } from '../policy/scope.js';
import { containing } from '../db/like.js';

export interface OrgRow {
  id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  name: string;
  short_name: string | null;
  kind: string;
  code: string | null;
  sort_order: number;
  retired_at: Date | null;
  /** Visible children; only in a list asked for with `parentId` or `roots`. */
  child_count?: number | null;
}

const COLUMNS = ['orgs.id', 'orgs.parent_id', 'orgs.path', 'orgs.depth', 'orgs.name', 'orgs.short_name', 'orgs.kind', 'orgs.code', 'orgs.sort_order', 'orgs.retired_at'] as const;

/** One org by id, only if it lies within the actor's scope for `permission`. */
export function findOrgInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return db
    .selectFrom('orgs')
    .select(COLUMNS)
    .where('orgs.id', '=', id)
    .where(orgScope(actor, permission, 'orgs.id'))
    .executeTakeFirst() as Promise<OrgRow | undefined>;
}

/** An org's path, read by a one-row subquery: the root of a subtree for `underPath`. */
const pathOf = (orgId: number) => sql<string>`(SELECT path FROM orgs WHERE id = ${orgId})`;

/** A path column (e.g. 'o.path') within an org's subtree, itself included: the range the path index serves. */
export const inSubtreeOf = (pathColumn: string, orgId: number) => underPath(sql.ref(pathColumn), pathOf(orgId));

/**
 * The ids of an org's subtree (itself included) as an array computed once, for `org_id = ANY(…)` in
 * a query that walks its records in another order (see policy/scope.ts), found by the path range
 * that the path index serves.
 */
export const subtreeIdArray = (orgId: number) => sql<number[]>`ARRAY(SELECT o.id FROM orgs o WHERE ${inSubtreeOf('o.path', orgId)})`;

/** Which of `ids` lie outside the actor's scope for `permission` (or do not exist): one query for the lot. */
export async function orgIdsOutOfScope(db: Executor, actor: Actor, permission: Permission, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('orgs').select('orgs.id').where('orgs.id', 'in', ids).where(orgScope(actor, permission, 'orgs.id')).execute();
  const ok = new Set(found.map((r) => r.id));
  return [...new Set(ids)].filter((id) => !ok.has(id));
}

/** Ids for new orgs, taken from the sequence before the insert: an org's path contains its own id. */
export async function nextOrgIds(db: Executor, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id FROM generate_series(1, ${count}::int)`.execute(db);
  return rows.map((r) => r.id);
}

export interface NewOrg {
  name: string;
  shortName?: string | null | undefined;
  kind: OrgKind;
  code?: string | null | undefined;
  sortOrder: number;
}

/** The row of a new org under `parent` (null: the root), with its materialised path and depth. */
export function newOrgValues(id: number, parent: { id: number; path: string } | null, input: NewOrg, now: Date): Insertable<OrgsTable> {
  const path = parent ? childPath(parent.path, id) : rootPath(id);
  return {
    id,
    parent_id: parent?.id ?? null,
    path,
    depth: pathDepth(path),
    name: input.name,
    short_name: input.shortName ?? null,
    kind: input.kind,
    code: input.code ?? null,
    sort_order: input.sortOrder,
    created_at: now,
    updated_at: now,
  };
}

export interface OrgFilter {
  includeRetired?: boolean | undefined;
  kind?: OrgKind | undefined;
  q?: string | undefined;
  /** Only the direct children of this org: the tree one level at a time. */
  parentId?: number | undefined;
  /** Only the tops of what the actor sees (orgs whose parent is out of scope, or the root). */
  roots?: boolean | undefined;
}

/**
 * The orgs the actor may read, in tree order. With `parentId` or `roots` each row also counts its
 * visible children, so a tree can be opened one level at a time: the whole tree for center is 2,170
 * orgs and 545 KB, 19 ms of server CPU per request and 27–42 requests/s at 50 clients, where one
 * level (the 110 children of the district) is ~28 KB (see bench/RESULTS.md).
 */
export function listOrgsInScope(db: Executor, actor: Actor, filter: OrgFilter) {
  // The scope tested on the org's own path (see policy/scope.ts).
  const visible = (alias: 'orgs' | 'c' | 'p') => orgScope(actor, 'orgs.read', `${alias}.id`, `${alias}.path`);
  let q = db.selectFrom('orgs').select(COLUMNS).where(visible('orgs'));
  if (!filter.includeRetired) q = q.where('orgs.retired_at', 'is', null);
  if (filter.kind) q = q.where('orgs.kind', '=', filter.kind);
  if (filter.q) q = q.where('orgs.name', 'like', containing(filter.q));
  if (filter.parentId !== undefined) q = q.where('orgs.parent_id', '=', filter.parentId);
  if (filter.roots) q = q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('orgs as p').select('p.id').whereRef('p.id', '=', 'orgs.parent_id').where(visible('p')))));
  const lazy = filter.parentId !== undefined || filter.roots;
  return (
    lazy
      ? q.select((eb) => {
          let children = eb.selectFrom('orgs as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.parent_id', '=', 'orgs.id').where(visible('c'));
          if (!filter.includeRetired) children = children.where('c.retired_at', 'is', null);
          return children.as('child_count');
        })
      : q
  )
    .orderBy('orgs.depth')
    .orderBy('orgs.sort_order')
    .orderBy('orgs.id')
    .execute() as Promise<OrgRow[]>;
}

export async function supervisedOrgIds(db: Executor, groupIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (groupIds.length === 0) return map;
  const rows = await db
    .selectFrom('org_supervisions')
    .select(['group_org_id', 'org_id'])
    .where('group_org_id', 'in', groupIds)
    .orderBy('org_id')
    .execute();
  for (const r of rows) map.set(r.group_org_id, [...(map.get(r.group_org_id) ?? []), r.org_id]);
  return map;
}

/** Actions the actor may take on an org, returned with it so the UI shows only what works. */
export function orgActions(actor: Actor, row: OrgRow): string[] {
  const canWrite = orgPathInScopes(scopesFor(actor, 'orgs.write'), row.id, row.path);
  if (!canWrite || row.retired_at) return [];
  // The root has no parent to change and nothing above it to hand its subtree to.
  return row.parent_id === null ? ['update', 'createChild'] : ['update', 'move', 'retire', 'createChild'];
}

export function presentOrg(actor: Actor, row: OrgRow, supervised: number[] = []): Org {
  return {
    id: row.id,
    parentId: row.parent_id,
    path: row.path,
    depth: row.depth,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as OrgKind,
    code: row.code,
    sortOrder: row.sort_order,
    supervisedOrgIds: supervised,
    retiredAt: row.retired_at ? new Date(row.retired_at).toISOString() : null,
    ...(row.child_count != null && { childCount: row.child_count }),
    actions: orgActions(actor, row),
  };
}

export async function countActive(db: Executor, orgId: number) {
  const row = await db
    .selectFrom('orgs as o')
    .select([
      sql<number>`(SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id AND c.retired_at IS NULL)`.as('children'),
      sql<number>`(SELECT count(*)::int FROM people p WHERE p.org_id = o.id AND p.retired_at IS NULL)`.as('people'),
      sql<number>`(SELECT count(*)::int FROM post_assignments a JOIN posts s ON s.id = a.post_id
                   WHERE s.org_id = o.id AND a.ended_on IS NULL)`.as('holders'),
    ])
    .where('o.id', '=', orgId)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Changes of the org tree queue on one transaction-level advisory lock: a move takes it
 * exclusively, every other change of orgs (create, update, retire) shared. A move's checks (no
 * cycle, paths) then read a tree no other change is making, and a new org's path is never computed
 * from a parent path that a move is rewriting; nor can a move and another change of orgs wait for
 * each other (the move's row locks against the other's hold on derived.versions, 0510). Always taken
 * first, before any row lock, so that it cannot close a cycle of waits.
 */
export const ORG_TREE_LOCK = 7_310_010;
export const lockOrgTree = (trx: Executor, mode: 'exclusive' | 'shared') =>
  (mode === 'exclusive' ? sql`SELECT pg_advisory_xact_lock(${ORG_TREE_LOCK})` : sql`SELECT pg_advisory_xact_lock_shared(${ORG_TREE_LOCK})`).execute(trx);

/**
 * Locks orgs' rows against their retirement (which takes FOR NO KEY UPDATE) and against a move of
 * them (FOR UPDATE), until commit: whoever adds something to an org (a person, a post holder, a
 * child) takes this first and then reads the org's state. In the order of ids, as every lock on
 * several orgs is taken (the triggers of 0511 and 0512 too), so that no two of them wait for each other.
 */
export async function lockOrgsShared(trx: Executor, ids: number[]): Promise<void> {
  const distinct = [...new Set(ids)];
  if (distinct.length) await trx.selectFrom('orgs').select('id').where('id', 'in', distinct).orderBy('id').forShare().execute();
}
