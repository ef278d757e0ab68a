import type { Actor, Permission } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { orgScope } from '../policy/scope.js';

// The lookups an import needs, each in one query for the whole file. Lookups that decide where
// rows may go are scoped through the policy layer (orgScope): an org outside the scope is simply
// not found. Uniqueness checks (org codes, ID numbers) are global, as the database constraints are,
// and return only the clashing values, never whose they are.

export interface ScopedOrg {
  id: number;
  code: string;
  name: string;
  path: string;
  retired_at: Date | null;
}

/** Orgs with these codes that lie within the actor's scope for `permission`, by code. */
export async function findOrgsByCodeInScope(db: Executor, actor: Actor, permission: Permission, codes: string[]): Promise<Map<string, ScopedOrg>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs')
    .select(['orgs.id', 'orgs.code', 'orgs.name', 'orgs.path', 'orgs.retired_at'])
    .where('orgs.code', 'in', codes)
    .where(orgScope(actor, permission, 'orgs.id'))
    .execute();
  return new Map(rows.map((r) => [r.code!, { ...r, code: r.code! }]));
}

/**
 * The ids of the orgs with these codes, whatever the actor's scope: only to lock them (a lock reveals
 * nothing), before the scoped lookups above read their state.
 */
export async function orgIdsByCode(db: Executor, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('orgs').select('id').where('code', 'in', codes).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Which of these org codes are taken already (by any org, retired ones included). */
export async function takenOrgCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('orgs').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code!));
}

/** Which of these ID numbers are registered already. */
export async function registeredIdNumbers(db: Executor, idNumbers: string[]): Promise<Set<string>> {
  if (idNumbers.length === 0) return new Set();
  const rows = await db.selectFrom('people').select('id_number').where('id_number', 'in', idNumbers).execute();
  return new Set(rows.map((r) => r.id_number));
}

export async function rootOrgExists(db: Executor): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirst()) !== undefined;
}

export const postKey = (orgId: number, name: string) => `${orgId}\u0000${name}`;

/** Open posts with these names in these orgs (within the actor's `people.write` scope), by org and name. */
export async function findOpenPostsInScope(db: Executor, actor: Actor, orgIds: number[], names: string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0 || names.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts')
    .select(['posts.id', 'posts.org_id', 'posts.name'])
    .where('posts.org_id', 'in', orgIds)
    .where('posts.name', 'in', names)
    .where('posts.retired_at', 'is', null)
    .where(orgScope(actor, 'people.write', 'posts.org_id'))
    .orderBy('posts.id')
    .execute();
  const map = new Map<string, number>();
  // Two open posts of the same name in one org: the older one is meant.
  for (const r of rows) if (!map.has(postKey(r.org_id, r.name))) map.set(postKey(r.org_id, r.name), r.id);
  return map;
}
