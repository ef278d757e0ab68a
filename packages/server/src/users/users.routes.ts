import { IdParam, Page, User, UserCreate, UsersQuery, UserUpdate, type Actor } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { findUserInScope, listUsersInScope, presentUser, rolesOfUsers } from './users.repository.js';
import { createUser, updateUser } from './users.usecases.js';

const tags = ['users'];

export async function usersRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: Actor, id: number) {
    const row = await findUserInScope(db, actor, 'users.read', id);
    if (!row) throw notFound();
    return presentUser(actor, row, (await rolesOfUsers(db, [id])).get(id) ?? []);
  }

  app.get('/users', { schema: { tags, summary: '用户列表', querystring: UsersQuery, response: { 200: Page(User) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'users.read');
    const { rows, total } = await listUsersInScope(db, actor, req.query);
    const roles = await rolesOfUsers(db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentUser(actor, r, roles.get(r.id) ?? [])), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/users/:id', { schema: { tags, summary: '用户详情', params: IdParam, response: { 200: User } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'users.read');
    return detail(actor, req.params.id);
  });

  app.post('/users', { schema: { tags, summary: '新建用户', body: UserCreate, response: { 201: User } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createUser(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.patch('/users/:id', { schema: { tags, summary: '修改用户（角色、停用、重置密码、解锁）', params: IdParam, body: UserUpdate, response: { 200: User } } }, async (req) => {
    const actor = actorOf(req);
    await updateUser(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });
}
