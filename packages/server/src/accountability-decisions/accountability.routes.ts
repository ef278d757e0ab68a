import {
  AccountabilityBehaviourCreate,
  AccountabilityBehaviours,
  AccountabilityDecision,
  AccountabilityDecisionCreate,
  AnswerableLeaders,
  AnswerableLeadersQuery,
  answerableLeaders,
  BehavioursQuery,
  CONSEQUENCE_LABELS,
  DecisionsQuery,
  IdParam,
  Page,
  PendingAccountability,
  SEED_BEHAVIOUR_COUNTS,
  type Actor,
} from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findPersonInScope } from '../people/people.repository.js';
import { orgScope, requirePermission } from '../policy/scope.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { loadTalkerDirectory } from '../talks/talker-directory.js';
import { findDecisionInScope, listBehaviours, listDecisionsInScope, presentDecision } from './accountability.repository.js';
import { createBehaviour, decide, retireBehaviour } from './accountability.usecases.js';

const tags = ['accountability-decisions'];

export async function accountabilityRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: Actor, id: number) {
    const row = await findDecisionInScope(db, actor, id);
    if (!row) throw notFound();
    return presentDecision(actor, row);
  }

  app.get('/accountability-decisions/behaviours', { schema: { tags, summary: '问责情形目录（工作人员、单位负责人）', querystring: BehavioursQuery, response: { 200: AccountabilityBehaviours } } }, async (req) => {
    requirePermission(actorOf(req), 'accountability.read');
    return { items: await listBehaviours(db, req.query.includeRetired), seedCounts: SEED_BEHAVIOUR_COUNTS };
  });

  app.post('/accountability-decisions/behaviours', { schema: { tags, summary: '新增问责情形', body: AccountabilityBehaviourCreate, response: { 201: AccountabilityBehaviours } } }, async (req, reply) => {
    await createBehaviour(ctx, actorOf(req), req.body);
    return reply.status(201).send({ items: await listBehaviours(db), seedCounts: SEED_BEHAVIOUR_COUNTS });
  });

  app.post('/accountability-decisions/behaviours/:id/retire', { schema: { tags, summary: '停用问责情形（已引用的决定不受影响）', params: IdParam, response: { 200: AccountabilityBehaviours } } }, async (req) => {
    await retireBehaviour(ctx, actorOf(req), req.params.id);
    return { items: await listBehaviours(db), seedCounts: SEED_BEHAVIOUR_COUNTS };
  });

  app.get(
    '/accountability-decisions/answerable-leaders',
    { schema: { tags, summary: '一案双查：按组织树提示对违纪违规人员负有监督责任的直接领导和主要领导', querystring: AnswerableLeadersQuery, response: { 200: AnswerableLeaders } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'accountability.write');
      const p = await findPersonInScope(db, actor, 'accountability.write', req.query.personId);
      if (!p) throw notFound();
      const dir = await loadTalkerDirectory(db, [p.org_id]);
      const ids = answerableLeaders(dir, await readSetting(db, 'talker_rules'), { personId: p.id, orgId: p.org_id, isLeadershipMember: p.is_leadership_member, isPrincipalLeader: p.is_principal_leader });
      const all = [...ids.direct, ...ids.principal];
      const holders = [...dir.holders.values()].flat();
      const names = all.length ? new Map((await db.selectFrom('people').innerJoin('orgs', 'orgs.id', 'people.org_id').select(['people.id', 'people.name', 'orgs.name as org_name']).where('people.id', 'in', all).execute()).map((r) => [r.id, r])) : new Map();
      const present = (id: number) => ({ personId: id, name: names.get(id)?.name ?? '', orgName: names.get(id)?.org_name ?? '', postName: holders.find((h) => h.personId === id)?.postName ?? '' });
      return { directLeaders: ids.direct.map(present), principalLeaders: ids.principal.map(present) };
    },
  );

  app.get(
    '/accountability-decisions/pending',
    { schema: { tags, summary: '待作出问责决定的事项：考评为“差”的问责任务、三级预警逾期未整改的移送', response: { 200: PendingAccountability } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'accountability.write');
      const tasks = await db
        .selectFrom('evaluation_tasks as k')
        .innerJoin('evaluation_runs as r', 'r.id', 'k.run_id')
        .innerJoin('evaluation_results as e', 'e.id', 'k.result_id')
        .innerJoin('orgs as o', 'o.id', 'e.org_id')
        .leftJoin('people as p', 'p.id', 'e.person_id')
        .select(['k.id', 'r.year', 'e.org_id', 'o.name as org_name', 'e.person_id', 'p.name as person_name', 'k.created_at'])
        .where('k.kind', '=', 'accountability')
        .where('k.status', '=', 'open')
        .where(orgScope(actor, 'accountability.write', 'e.org_id', 'o.path'))
        .orderBy('k.id')
        .execute();
      const referrals = await db
        .selectFrom('accountability_referrals as f')
        .innerJoin('warnings as w', 'w.id', 'f.warning_id')
        .innerJoin('orgs as o', 'o.id', 'f.subject_org_id')
        .leftJoin('people as p', 'p.id', 'f.subject_person_id')
        .select(['f.id', 'f.reason', 'w.serial_no', 'f.subject_org_id', 'o.name as org_name', 'f.subject_person_id', 'p.name as person_name', 'f.created_at'])
        .where('f.status', '=', 'open')
        .where(orgScope(actor, 'accountability.write', 'f.subject_org_id', 'o.path'))
        .orderBy('f.id')
        .execute();
      return {
        items: [
          ...referrals.map((f) => ({
            sourceKind: 'referral' as const,
            sourceId: Number(f.id),
            title: `三级预警 ${f.serial_no} 逾期未整改移送问责：${f.reason}`,
            orgId: f.subject_org_id,
            orgName: f.org_name,
            personId: f.subject_person_id,
            personName: f.person_name,
            since: new Date(f.created_at).toISOString(),
          })),
          ...tasks.map((k) => ({
          sourceKind: 'rating' as const,
          sourceId: k.id,
          title: `${k.year}年度廉情预警考评为“差”：${CONSEQUENCE_LABELS.accountability}`,
          orgId: k.org_id,
          orgName: k.org_name,
          personId: k.person_id,
          personName: k.person_name,
          since: new Date(k.created_at).toISOString(),
          })),
        ],
      };
    },
  );

  app.get('/accountability-decisions', { schema: { tags, summary: '问责决定列表（所涉人员在权限范围内）', querystring: DecisionsQuery, response: { 200: Page(AccountabilityDecision) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'accountability.read');
    const { rows, total } = await listDecisionsInScope(db, actor, req.query);
    return { items: rows.map((r) => presentDecision(actor, r)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/accountability-decisions/:id', { schema: { tags, summary: '问责决定详情', params: IdParam, response: { 200: AccountabilityDecision } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'accountability.read');
    return detail(actor, req.params.id);
  });

  app.post('/accountability-decisions', { schema: { tags, summary: '作出问责决定（每名相关人员须有问责情形和问责方式；一案双查）', body: AccountabilityDecisionCreate, response: { 201: AccountabilityDecision } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await decide(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });
}
