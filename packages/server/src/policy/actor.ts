import type { Actor, Grant, Permission, ResolvedScope, ScopeKind } from '@qingfeng/core';
import type { Executor } from '../db/types.js';

/** Loads a user's grants and resolves each role's scope against the user's org and person. */
export async function loadActor(db: Executor, userId: number): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .leftJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.person_id', 'users.org_id', 'users.disabled_at', 'orgs.path as org_path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return null;
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['roles.code', 'roles.permissions', 'roles.scope_kind', 'user_roles.scope_org_ids'])
    .where('user_roles.user_id', '=', userId)
    .execute();
  const grants: Grant[] = [];
  for (const role of roles) {
    const scope = await resolveScope(db, role.scope_kind as ScopeKind, user, role.scope_org_ids);
    grants.push({ roleCode: role.code, permissions: new Set(role.permissions as Permission[]), scope });
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    personId: user.person_id,
    orgId: user.org_id,
    grants,
  };
}

async function resolveScope(
  db: Executor,
  kind: ScopeKind,
  user: { org_id: number | null; org_path: string | null; person_id: number | null },
  customOrgIds: number[] | null,
): Promise<ResolvedScope> {
  const ownOrg = user.org_id == null ? [] : [user.org_id];
  switch (kind) {
    case 'all':
      return { kind: 'all' };
    case 'org_subtree':
      return { kind: 'subtrees', paths: user.org_path ? [user.org_path] : [] };
    case 'org':
      return { kind: 'orgs', orgIds: ownOrg };
    case 'self':
      return { kind: 'self', personId: user.person_id, orgIds: ownOrg };
    case 'custom': {
      // A dispatched group's reach: the orgs it supervises (with their subtrees) and itself.
      const ids =
        customOrgIds ??
        (user.org_id == null
          ? []
          : (await db.selectFrom('org_supervisions').select('org_id').where('group_org_id', '=', user.org_id).execute()).map(
              (r) => r.org_id,
            ));
      const all = [...new Set([...ids, ...ownOrg])];
      if (all.length === 0) return { kind: 'subtrees', paths: [] };
      const rows = await db.selectFrom('orgs').select('path').where('id', 'in', all).execute();
      return { kind: 'subtrees', paths: rows.map((r) => r.path) };
    }
  }
}
