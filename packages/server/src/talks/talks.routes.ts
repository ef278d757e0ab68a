import { IdParam, Page, Talk, TalkCancel, TalkCreate, TalkerOptions, TalkerOptionsQuery, TalkRecord, TalksQuery, todayIn, type Actor } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findPersonInScope } from '../people/people.repository.js';
import { requirePermission } from '../policy/scope.js';
import { eligibleTalkers } from './talk-eligibility.js';
import { findTalkInScope, listTalksInScope, presentTalk } from './talks.repository.js';
import { cancelTalk, createTalk, recordPlannedTalk } from './talks.usecases.js';

const tags = ['talks'];

export async function talksRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const today = () => todayIn(ctx.clock.now());

  async function detail(actor: Actor, id: number) {
    const row = await findTalkInScope(db, actor, 'talks.read', id);
    if (!row) throw notFound();
    return presentTalk(actor, row, today());
  }

  app.get('/talks', { schema: { tags, summary: '谈话列表（权限范围内的谈话对象，以及本人担任谈话人的谈话）', querystring: TalksQuery, response: { 200: Page(Talk) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'talks.read');
    const { rows, total } = await listTalksInScope(db, actor, req.query);
    return { items: rows.map((r) => presentTalk(actor, r, today())), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get(
    '/talks/talkers',
    { schema: { tags, summary: '可担任某人谈话人的人员（按分级谈话规则与组织树）', querystring: TalkerOptionsQuery, response: { 200: TalkerOptions } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'talks.write');
      const p = await findPersonInScope(db, actor, 'talks.write', req.query.personId);
      if (!p) throw notFound();
      const rule = await eligibleTalkers(
        db,
        { kind: req.query.kind, sourceKind: 'manual' },
        { personId: p.id, orgId: p.org_id, talkClass: p.talk_class, isLeadershipMember: p.is_leadership_member, isPrincipalLeader: p.is_principal_leader },
      );
      if (!rule) return { role: null, reason: '该类谈话不限定谈话人', talkers: [] };
      const talkers = rule.eligible.length
        ? await db
            .selectFrom('people')
            .innerJoin('orgs', 'orgs.id', 'people.org_id')
            .leftJoin('post_assignments as a', (j) => j.onRef('a.person_id', '=', 'people.id').on('a.ended_on', 'is', null))
            .leftJoin('posts', 'posts.id', 'a.post_id')
            .select(['people.id', 'people.name', 'orgs.name as org_name', 'posts.name as post_name'])
            .where('people.id', 'in', rule.eligible)
            .orderBy('people.id')
            .execute()
        : [];
      const seen = new Set<number>();
      return {
        role: rule.role,
        reason: rule.reason,
        talkers: talkers.filter((t) => !seen.has(t.id) && seen.add(t.id)).map((t) => ({ personId: t.id, name: t.name, orgName: t.org_name, postName: t.post_name ?? '' })),
      };
    },
  );

  app.get('/talks/:id', { schema: { tags, summary: '谈话详情', params: IdParam, response: { 200: Talk } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'talks.read');
    return detail(actor, req.params.id);
  });

  app.post('/talks', { schema: { tags, summary: '登记一次谈话（未列入计划的谈话，如提醒谈话、集体廉政谈话）', body: TalkCreate, response: { 201: Talk } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createTalk(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.post('/talks/:id/record', { schema: { tags, summary: '登记已安排的谈话（谈话人或谈话组织部门）', params: IdParam, body: TalkRecord, response: { 200: Talk } } }, async (req) => {
    const actor = actorOf(req);
    await recordPlannedTalk(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/talks/:id/cancel', { schema: { tags, summary: '取消计划中的谈话（须说明理由）', params: IdParam, body: TalkCancel, response: { 200: Talk } } }, async (req) => {
    const actor = actorOf(req);
    await cancelTalk(ctx, actor, req.params.id, req.body.reason);
    return detail(actor, req.params.id);
  });
}

