import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

/** All roles, or the one with `id`. */
export async function listRoles(db: Executor, id?: number) {
  let q = db
    .selectFrom('roles')
    .select(['id', 'code', 'name', 'description', 'permissions', 'scope_kind', 'builtin', sql<number>`(SELECT count(*)::int FROM user_roles ur WHERE ur.role_id = roles.id)`.as('user_count')])
    .orderBy('id');
  if (id !== undefined) q = q.where('id', '=', id);
  return (await q.execute()).map(presentRole);
}

export function presentRole(r: { id: number; code: string; name: string; description: string | null; permissions: string[]; scope_kind: string; builtin: boolean; user_count: number }) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    scopeKind: r.scope_kind as 'all',
    builtin: r.builtin,
    userCount: r.user_count,
  };
}
