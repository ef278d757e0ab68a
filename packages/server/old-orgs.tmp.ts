import { orgPathInScopes, scopesFor, type Actor, type Org, type OrgKind, type Permission } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from './src/db/types.js';
import { orgScope } from './old-scope.tmp.ts';

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

export interface OrgFilter {
  includeRetired?: boolean | undefined;
  kind?: OrgKind | undefined;
  q?: string | undefined;
}

export function listOrgsInScope(db: Executor, actor: Actor, filter: OrgFilter) {
  let q = db.selectFrom('orgs').select(COLUMNS).where(orgScope(actor, 'orgs.read', 'orgs.id'));
  if (!filter.includeRetired) q = q.where('orgs.retired_at', 'is', null);
  if (filter.kind) q = q.where('orgs.kind', '=', filter.kind);
  if (filter.q) q = q.where('orgs.name', 'like', `%${filter.q}%`);
  return q.orderBy('orgs.depth').orderBy('orgs.sort_order').orderBy('orgs.id').execute() as Promise<OrgRow[]>;
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
  return ['update', 'move', 'retire', 'createChild'];
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
