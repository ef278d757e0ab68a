import { IdParam, Page, PersonalMatter, PersonalMatterCheck, PersonalMatterCreate, PersonalMattersQuery, type Actor } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { findMatterInScope, listMattersInScope, presentMatter } from './personal-matters.repository.js';
import { checkMatter, submitMatter } from './personal-matters.usecases.js';

const tags = ['personal-matter-reports'];

export async function personalMattersRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: Actor, id: number) {
    const row = await findMatterInScope(db, actor, 'archives.read', id);
    if (!row) throw notFound();
    return presentMatter(actor, row);
  }

  app.get('/personal-matter-reports', { schema: { tags, summary: '个人有关事项报告（权限范围内）', querystring: PersonalMattersQuery, response: { 200: Page(PersonalMatter) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'archives.read');
    const { rows, total } = await listMattersInScope(db, actor, req.query);
    return { items: rows.map((r) => presentMatter(actor, r)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/personal-matter-reports', { schema: { tags, summary: '登记个人有关事项报告（已报告）', body: PersonalMatterCreate, response: { 201: PersonalMatter } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await submitMatter(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.post('/personal-matter-reports/:id/check', { schema: { tags, summary: '登记核查结果（如实报告、漏报、隐瞒不报）', params: IdParam, body: PersonalMatterCheck, response: { 200: PersonalMatter } } }, async (req) => {
    const actor = actorOf(req);
    await checkMatter(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });
}
