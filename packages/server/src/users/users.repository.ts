import { orgPathInScopes, scopesFor, type Actor, type Permission } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { orgScope } from '../policy/scope.js';
import { containing } from '../db/like.js';

// Users belong to an org; an account without one (the first administrator) is visible only to 'all'.
const COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.org_id',
  'orgs.name as org_name',
  'orgs.path as org_path',
  'users.person_id',
  'people.name as person_name',
  'users.totp_enabled',
  'users.disabled_at',
  'users.locked_until',
  'users.last_login_at',
] as const;

function base(db: Executor, actor: Actor, permission: Permission) {
  return db
    .selectFrom('users')
    .leftJoin('orgs', 'orgs.id', 'users.org_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .where(orgScope(actor, permission, 'users.org_id'));
}

export function findUserInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return base(db, actor, permission).select(COLUMNS).where('users.id', '=', id).executeTakeFirst();
}
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserInScope>>>;

export async function listUsersInScope(db: Executor, actor: Actor, f: { q?: string | undefined; page: number; pageSize: number }) {
  let q = base(db, actor, 'users.read');
  if (f.q) {
    const term = containing(f.q);
    q = q.where((eb) => eb.or([eb('users.username', 'like', term), eb('users.display_name', 'like', term)]));
  }
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('users.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function rolesOfUsers(db: Executor, userIds: number[]) {
  const map = new Map<number, { roleId: number; code: string; name: string; scopeKind: 'all'; scopeOrgIds: number[] | null }[]>();
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.id', 'roles.code', 'roles.name', 'roles.scope_kind', 'user_roles.scope_org_ids'])
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('roles.id')
    .execute();
  for (const r of rows) {
    map.set(r.user_id, [...(map.get(r.user_id) ?? []), { roleId: r.id, code: r.code, name: r.name, scopeKind: r.scope_kind as 'all', scopeOrgIds: r.scope_org_ids }]);
  }
  return map;
}

export function presentUser(actor: Actor, row: UserRow, roles: ReturnType<typeof rolesOfUsers> extends Promise<Map<number, infer R>> ? R : never) {
  const scopes = scopesFor(actor, 'users.write');
  const canWrite = scopes.some((s) => s.kind === 'all') || (row.org_id != null && row.org_path != null && orgPathInScopes(scopes, row.org_id, row.org_path));
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    personId: row.person_id,
    personName: row.person_name,
    roles,
    totpEnabled: row.totp_enabled,
    disabled: row.disabled_at != null,
    lockedUntil: row.locked_until ? new Date(row.locked_until).toISOString() : null,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    actions: canWrite ? ['update'] : [],
  };
}
