import { Bulletin, BulletinCreate, BulletinReturn, BulletinUpdate, IdParam, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { forbidden, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findBulletin, listBulletins, presentBulletin, warningIdsOf } from './bulletins.repository.js';
import { approveBulletin, createBulletin, returnBulletin, submitBulletin, updateBulletin } from './bulletins.usecases.js';

const tags = ['bulletins'];

/** Bulletins are the centre's work: those who write or approve them see them all. */
function requireBulletins(actor: Actor) {
  if (!actor.grants.some((g) => g.permissions.has('bulletins.write') || g.permissions.has('bulletins.approve'))) throw forbidden();
}

export async function bulletinsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  async function detail(actor: Actor, id: number) {
    const row = await findBulletin(db, id);
    if (!row) throw notFound();
    return presentBulletin(db, actor, row, (await warningIdsOf(db, [id])).get(id) ?? []);
  }

  app.get('/bulletins', { schema: { tags, summary: '通报列表（编写与审批人）', response: { 200: z.object({ items: z.array(Bulletin) }) } } }, async (req) => {
    const actor = actorOf(req);
    requireBulletins(actor);
    const rows = await listBulletins(db);
    const ids = await warningIdsOf(db, rows.map((r) => r.id));
    return { items: await Promise.all(rows.map((r) => presentBulletin(db, actor, r, ids.get(r.id) ?? []))) };
  });
  app.get('/bulletins/:id', { schema: { tags, summary: '通报详情（含按姓名处理方式生成的正文）', params: IdParam, response: { 200: Bulletin } } }, async (req) => {
    const actor = actorOf(req);
    requireBulletins(actor);
    return detail(actor, req.params.id);
  });
  app.post('/bulletins', { schema: { tags, summary: '编写通报：选定预警，选择隐去或公开姓名', body: BulletinCreate, response: { 201: Bulletin } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createBulletin(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });
  app.patch('/bulletins/:id', { schema: { tags, summary: '修改草稿', params: IdParam, body: BulletinUpdate, response: { 200: Bulletin } } }, async (req) => {
    const actor = actorOf(req);
    await updateBulletin(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });
  app.post('/bulletins/:id/submit', { schema: { tags, summary: '提交审批', params: IdParam, response: { 200: Bulletin } } }, async (req) => {
    const actor = actorOf(req);
    await submitBulletin(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });
  app.post('/bulletins/:id/approve', { schema: { tags, summary: '审批发布（须由编写人、提交人以外的另一人）；发布后在门户公开', params: IdParam, response: { 200: Bulletin } } }, async (req) => {
    const actor = actorOf(req);
    await approveBulletin(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });
  app.post('/bulletins/:id/return', { schema: { tags, summary: '退回修改', params: IdParam, body: BulletinReturn, response: { 200: Bulletin } } }, async (req) => {
    const actor = actorOf(req);
    await returnBulletin(ctx, actor, req.params.id, req.body.reason);
    return detail(actor, req.params.id);
  });
}
