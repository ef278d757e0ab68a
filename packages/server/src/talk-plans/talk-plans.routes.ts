import { IdParam, Page, TalkPlan, TalkPlanCreate, TalkPlansQuery, TalkScheduleResult, todayIn, type Actor } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { findPlanInScope, listPlansInScope, presentPlan } from './talk-plans.repository.js';
import { createPlan, generateSchedule } from './talk-plans.usecases.js';

const tags = ['talk-plans'];

export async function talkPlansRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const today = () => todayIn(ctx.clock.now());

  async function detail(actor: Actor, id: number) {
    const row = await findPlanInScope(db, actor, 'talks.read', id, today());
    if (!row) throw notFound();
    return presentPlan(actor, row, today());
  }

  app.get('/talk-plans', { schema: { tags, summary: '谈话计划列表', querystring: TalkPlansQuery, response: { 200: Page(TalkPlan) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'talks.read');
    const { rows, total } = await listPlansInScope(db, actor, req.query, today());
    return { items: rows.map((r) => presentPlan(actor, r, today())), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/talk-plans/:id', { schema: { tags, summary: '谈话计划详情', params: IdParam, response: { 200: TalkPlan } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'talks.read');
    return detail(actor, req.params.id);
  });

  app.post('/talk-plans', { schema: { tags, summary: '制定谈话计划（范围为一个组织及其下级；各类人员每年谈话次数）', body: TalkPlanCreate, response: { 201: TalkPlan } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createPlan(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.post(
    '/talk-plans/:id/schedule',
    { schema: { tags, summary: '按计划生成谈话安排：逐人确定应谈日期与谈话人（已生成的不重复）', params: IdParam, response: { 200: TalkScheduleResult } } },
    async (req) => {
      const actor = actorOf(req);
      const result = await generateSchedule(ctx, actor, req.params.id);
      return { plan: await detail(actor, req.params.id), ...result };
    },
  );
}
