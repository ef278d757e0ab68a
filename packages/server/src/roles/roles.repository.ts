import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

export async function listRoles(db: Executor) {
  const rows = await db
    .selectFrom('roles')
    .select(['id', 'code', 'name', 'description', 'permissions', 'scope_kind', 'builtin', sql<number>`(SELECT count(*)::int FROM user_roles ur WHERE ur.role_id = roles.id)`.as('user_count')])
    .orderBy('id')
    .execute();
  return rows.map(presentRole);
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
