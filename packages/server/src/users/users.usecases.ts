import { isStrongPassword, permissionsBeyond, type Actor, type ScopeKind } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import { hashPassword } from '../auth/passwords.js';
import { evictUserSessions } from '../auth/sessions.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { findOrgInScope, orgIdsOutOfScope } from '../orgs/orgs.repository.js';
import { findPersonInScope } from '../people/people.repository.js';
import { requirePermission } from '../policy/scope.js';
import { findUserInScope } from './users.repository.js';

export interface RoleAssignmentInput {
  roleId: number;
  scopeOrgIds?: number[] | null | undefined;
}

/** Nobody hands out a permission they do not hold themselves, nor a wider data scope than their own. */
async function checkRoles(db: Executor, actor: Actor, roles: RoleAssignmentInput[]) {
  const found = await db.selectFrom('roles').select(['id', 'name', 'permissions', 'scope_kind']).where('id', 'in', roles.map((r) => r.roleId)).execute();
  for (const r of roles) {
    const role = found.find((f) => f.id === r.roleId);
    if (!role) throw new AppError('request.invalid', `角色 ${r.roleId} 不存在`, { issues: [{ field: 'roles', message: `角色 ${r.roleId} 不存在` }] });
    const missing = permissionsBeyond(actor, role.permissions, role.scope_kind as ScopeKind);
    if (missing.length) throw new AppError('auth.forbidden', `不能分配超出本人权限的角色「${role.name}」`);
  }
  const [orgId] = await orgIdsOutOfScope(db, actor, 'users.write', roles.flatMap((r) => r.scopeOrgIds ?? []));
  if (orgId !== undefined) {
    throw new AppError('request.invalid', `指定单位 ${orgId} 不存在或不在您的权限范围内`, { issues: [{ field: 'scopeOrgIds', message: `单位 ${orgId} 不在权限范围内` }] });
  }
}

async function checkAnchors(db: Executor, actor: Actor, orgId: number | null | undefined, personId: number | null | undefined) {
  if (orgId != null && !(await findOrgInScope(db, actor, 'users.write', orgId))) throw new AppError('not_found', '所属组织不存在或不在您的权限范围内');
  if (personId != null && !(await findPersonInScope(db, actor, 'people.read', personId))) throw new AppError('not_found', '关联人员不存在或不在您的权限范围内');
}

async function setRoles(db: Executor, userId: number, roles: RoleAssignmentInput[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await db.insertInto('user_roles').values(roles.map((r) => ({ user_id: userId, role_id: r.roleId, scope_org_ids: r.scopeOrgIds ?? null }))).execute();
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  password: string;
  orgId?: number | null | undefined;
  personId?: number | null | undefined;
  roles: RoleAssignmentInput[];
}

export async function createUser(ctx: AppContext, actor: Actor, input: UserCreateInput): Promise<number> {
  requirePermission(actor, 'users.write');
  if (!isStrongPassword(input.password)) throw new AppError('auth.password_weak');
  const hashed = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) throw new AppError('users.username_duplicate');
    await checkAnchors(trx, actor, input.orgId, input.personId);
    await checkRoles(trx, actor, input.roles);
    const { id } = await trx
      .insertInto('users')
      .values({ username: input.username, display_name: input.displayName, password_hash: hashed, org_id: input.orgId ?? null, person_id: input.personId ?? null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRoles(trx, id, input.roles);
    await recordAudit(trx, actor, { action: 'USER_CREATED', objectType: 'user', objectId: id, orgId: input.orgId ?? null, summary: `新建用户「${input.username}」`, after: { ...input, password: undefined } }, now);
    return id;
  });
}

export interface UserUpdateInput {
  displayName?: string | undefined;
  orgId?: number | null | undefined;
  personId?: number | null | undefined;
  roles?: RoleAssignmentInput[] | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
  unlock?: boolean | undefined;
}

export async function updateUser(ctx: AppContext, actor: Actor, id: number, input: UserUpdateInput): Promise<void> {
  requirePermission(actor, 'users.write');
  if (input.password !== undefined && !isStrongPassword(input.password)) throw new AppError('auth.password_weak');
  const hashed = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await findUserInScope(trx, actor, 'users.write', id);
    if (!before) {
      if (await findUserInScope(trx, actor, 'users.read', id)) throw new AppError('auth.forbidden');
      throw notFound();
    }
    if (input.disabled && id === actor.userId) throw new AppError('users.cannot_disable_self');
    // Resetting the password of, disabling or re-roling an account that holds more than the actor
    // would hand the actor that account's powers.
    const held = await trx
      .selectFrom('user_roles')
      .innerJoin('roles', 'roles.id', 'user_roles.role_id')
      .select(['roles.permissions', 'roles.scope_kind'])
      .where('user_roles.user_id', '=', id)
      .execute();
    if (held.some((r) => permissionsBeyond(actor, r.permissions, r.scope_kind as ScopeKind).length > 0)) {
      throw new AppError('auth.forbidden', '不能修改权限超出本人的用户');
    }
    await checkAnchors(trx, actor, input.orgId, input.personId);
    if (input.roles) await checkRoles(trx, actor, input.roles);
    await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.orgId !== undefined && { org_id: input.orgId }),
        ...(input.personId !== undefined && { person_id: input.personId }),
        ...(input.disabled !== undefined && { disabled_at: input.disabled ? now : null }),
        ...(hashed !== undefined && { password_hash: hashed }),
        ...(input.unlock && { locked_until: null, failed_logins: 0 }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (input.roles) await setRoles(trx, id, input.roles);
    // A disabled account, or one whose password was reset, keeps no open session.
    if (input.disabled || hashed !== undefined) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'USER_UPDATED', objectType: 'user', objectId: id, orgId: input.orgId ?? before.org_id, summary: `修改用户「${before.username}」`, before, after: { ...input, password: input.password ? '（已重置）' : undefined } }, now);
  });
  evictUserSessions(id);
}
