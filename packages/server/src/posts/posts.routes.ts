import { IdParam, Page, Post, PostCreate, PostsQuery, PostUpdate, type Actor } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { findPostInScope, holdersOf, listPostsInScope, presentPost } from './posts.repository.js';
import { createPost, retirePost, updatePost } from './posts.usecases.js';

const tags = ['posts'];

export async function postsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: Actor, id: number) {
    const row = await findPostInScope(db, actor, 'people.read', id);
    if (!row) throw notFound();
    return presentPost(actor, row, (await holdersOf(db, [id], actor)).get(id) ?? []);
  }

  app.get('/posts', { schema: { tags, summary: '岗位列表', querystring: PostsQuery, response: { 200: Page(Post) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'people.read');
    const { rows, total } = await listPostsInScope(db, actor, req.query);
    const holders = await holdersOf(db, rows.map((r) => r.id), actor);
    return { items: rows.map((r) => presentPost(actor, r, holders.get(r.id) ?? [])), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/posts/:id', { schema: { tags, summary: '岗位详情', params: IdParam, response: { 200: Post } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'people.read');
    return detail(actor, req.params.id);
  });

  app.post('/posts', { schema: { tags, summary: '新建岗位', body: PostCreate, response: { 201: Post } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createPost(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.patch('/posts/:id', { schema: { tags, summary: '修改岗位', params: IdParam, body: PostUpdate, response: { 200: Post } } }, async (req) => {
    const actor = actorOf(req);
    await updatePost(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/posts/:id/retire', { schema: { tags, summary: '撤销岗位（须无在岗人员）', params: IdParam, response: { 200: Post } } }, async (req) => {
    const actor = actorOf(req);
    await retirePost(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });
}
