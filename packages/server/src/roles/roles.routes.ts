import { IdParam, permissionsBeyond, Role, RoleCreate, RoleUpdate, type ScopeKind } from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import { evictUserSessions } from '../auth/sessions.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { AppError, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { listRoles } from './roles.repository.js';

const tags = ['roles'];
const beyondOwn = () => new AppError('auth.forbidden', '不能设置超出本人权限或数据范围的角色');

// Roles are data: a set of permissions and a data scope. They are global (not per org), so they are
// read with users.read and changed only with roles.write.
export async function rolesRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const byId = async (id: number) => (await listRoles(db, id))[0];

  app.get('/roles', { schema: { tags, summary: '角色列表', response: { 200: z.object({ items: z.array(Role) }) } } }, async (req) => {
    requirePermission(actorOf(req), 'users.read');
    return { items: await listRoles(db) };
  });

  app.post('/roles', { schema: { tags, summary: '新建角色', body: RoleCreate, response: { 201: Role } } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'roles.write');
    if (permissionsBeyond(actor, req.body.permissions, req.body.scopeKind).length) throw beyondOwn();
    const now = ctx.clock.now();
    const id = await db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('roles').select('id').where('code', '=', req.body.code).executeTakeFirst()) throw new AppError('roles.code_duplicate');
      const { id } = await trx
        .insertInto('roles')
        .values({ code: req.body.code, name: req.body.name, description: req.body.description ?? null, permissions: req.body.permissions, scope_kind: req.body.scopeKind, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'ROLE_CREATED', objectType: 'role', objectId: id, summary: `新建角色「${req.body.name}」`, after: req.body }, now);
      return id;
    });
    return reply.status(201).send((await byId(id))!);
  });

  app.patch('/roles/:id', { schema: { tags, summary: '修改角色（权限与数据范围）', params: IdParam, body: RoleUpdate, response: { 200: Role } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'roles.write');
    const before = await byId(req.params.id);
    if (!before) throw notFound();
    // Neither a role that holds more than the actor, nor one made to hold more, may be changed by them.
    const after = { permissions: req.body.permissions ?? before.permissions, scopeKind: req.body.scopeKind ?? before.scopeKind };
    if (permissionsBeyond(actor, before.permissions, before.scopeKind as ScopeKind).length || permissionsBeyond(actor, after.permissions, after.scopeKind).length) {
      throw beyondOwn();
    }
    const now = ctx.clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('roles')
        .set({
          ...(req.body.name !== undefined && { name: req.body.name }),
          ...(req.body.description !== undefined && { description: req.body.description }),
          ...(req.body.permissions !== undefined && { permissions: req.body.permissions }),
          ...(req.body.scopeKind !== undefined && { scope_kind: req.body.scopeKind }),
        })
        .where('id', '=', req.params.id)
        .execute();
      await recordAudit(trx, actor, { action: 'ROLE_UPDATED', objectType: 'role', objectId: req.params.id, summary: `修改角色「${before.name}」`, before, after: req.body }, now);
    });
    evictUserSessions();
    return (await byId(req.params.id))!;
  });

  app.delete('/roles/:id', { schema: { tags, summary: '删除角色（非内置且无人使用）', params: IdParam, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'roles.write');
    const role = await byId(req.params.id);
    if (!role) throw notFound();
    if (role.builtin) throw new AppError('roles.builtin');
    if (role.userCount > 0) throw new AppError('roles.in_use');
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('roles').where('id', '=', req.params.id).execute();
      await recordAudit(trx, actor, { action: 'ROLE_DELETED', objectType: 'role', objectId: req.params.id, summary: `删除角色「${role.name}」`, before: role }, ctx.clock.now());
    });
    return { ok: true as const };
  });
}
