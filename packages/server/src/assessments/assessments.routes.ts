import {
  AssessmentResult,
  AssessmentResultsQuery,
  AssessmentScheme,
  AssessmentSchemeCreate,
  AssessmentSchemesQuery,
  AssessmentScoresInput,
  BottomRankingList,
  BottomRankingQuery,
  bottomRankingRuns,
  ComputedScores,
  IdParam,
  Page,
  todayIn,
  type Actor,
} from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { orgScope, requirePermission } from '../policy/scope.js';
import { findResultInScope, findSchemeInScope, listResultsInScope, listSchemesInScope, presentResult, presentScheme } from './assessments.repository.js';
import { computedValues, confirmedTotals, confirmResult, createScheme, scoreResult } from './assessments.usecases.js';

const tags = ['assessments'];

export async function assessmentsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function scheme(actor: Actor, id: number) {
    const row = await findSchemeInScope(db, actor, 'assessments.read', id);
    if (!row) throw notFound();
    return presentScheme(actor, row);
  }
  async function result(actor: Actor, id: number) {
    const row = await findResultInScope(db, actor, 'assessments.read', id);
    if (!row) throw notFound();
    return presentResult(actor, row);
  }

  app.get('/assessments', { schema: { tags, summary: '廉政风险防控考核方案列表', querystring: AssessmentSchemesQuery, response: { 200: Page(AssessmentScheme) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'assessments.read');
    const { rows, total } = await listSchemesInScope(db, actor, req.query);
    return { items: rows.map((r) => presentScheme(actor, r)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/assessments', { schema: { tags, summary: '制定考核方案（指标权重合计须为 100%；等次分数线）', body: AssessmentSchemeCreate, response: { 201: AssessmentScheme } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createScheme(ctx, actor, req.body);
    return reply.status(201).send(await scheme(actor, id));
  });

  app.get(
    '/assessments/bottom-ranking',
    { schema: { tags, summary: '“单位绩效考评连续三年位居末位”：按已确认的考核结果认定（年数与末位名次为配置）', querystring: BottomRankingQuery, response: { 200: BottomRankingList } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'assessments.read');
      const rule = await readSetting(db, 'bottom_ranking');
      const findings = bottomRankingRuns(rule, await confirmedTotals(db, req.query.year - rule.years + 1, req.query.year), req.query.year);
      const ids = findings.map((f) => f.orgId);
      const orgs = ids.length
        ? await db.selectFrom('orgs').select(['orgs.id', 'orgs.name']).where('orgs.id', 'in', ids).where(orgScope(actor, 'assessments.read', 'orgs.id', 'orgs.path')).execute()
        : [];
      const principals = orgs.length
        ? await db.selectFrom('people').select(['id', 'name', 'org_id']).where('org_id', 'in', orgs.map((o) => o.id)).where('is_principal_leader', '=', true).where('retired_at', 'is', null).execute()
        : [];
      const behaviour = await db.selectFrom('accountability_behaviours').select(['id', 'code', 'title']).where('detection', '=', 'bottom_ranking_years').where('retired_at', 'is', null).executeTakeFirst();
      return {
        year: req.query.year,
        years: rule.years,
        bottomPlaces: rule.bottomPlaces,
        behaviour: behaviour ?? null,
        items: findings
          .filter((f) => orgs.some((o) => o.id === f.orgId))
          .map((f) => ({
            orgId: f.orgId,
            orgName: orgs.find((o) => o.id === f.orgId)!.name,
            principals: principals.filter((p) => p.org_id === f.orgId).map((p) => ({ personId: p.id, name: p.name })),
            years: f.years,
          })),
      };
    },
  );

  app.get('/assessments/:id', { schema: { tags, summary: '考核方案详情', params: IdParam, response: { 200: AssessmentScheme } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'assessments.read');
    return scheme(actor, req.params.id);
  });

  app.get('/assessments/:id/results', { schema: { tags, summary: '考核结果（按总分排名；grade=excellent 即表彰名单）', params: IdParam, querystring: AssessmentResultsQuery, response: { 200: Page(AssessmentResult) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'assessments.read');
    await scheme(actor, req.params.id);
    const { rows, total } = await listResultsInScope(db, actor, req.params.id, req.query);
    return { items: rows.map((r) => presentResult(actor, r)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/assessments/results/:id', { schema: { tags, summary: '一个单位的考核结果', params: IdParam, response: { 200: AssessmentResult } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'assessments.read');
    return result(actor, req.params.id);
  });

  app.get(
    '/assessments/results/:id/computed',
    { schema: { tags, summary: '自动计算指标的当前值（模块未启用的指标标明不可用，须人工评分）', params: IdParam, response: { 200: ComputedScores } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'assessments.read');
      const r = await findResultInScope(db, actor, 'assessments.read', req.params.id);
      if (!r) throw notFound();
      const values = await computedValues(db, r.scheme_id, r.org_id, todayIn(ctx.clock.now()));
      return { items: [...values].map(([indicatorId, v]) => ({ indicatorId, ...v })) };
    },
  );

  app.put('/assessments/results/:id/scores', { schema: { tags, summary: '评分（人工评分指标；自动计算指标由系统取值）', params: IdParam, body: AssessmentScoresInput, response: { 200: AssessmentResult } } }, async (req) => {
    const actor = actorOf(req);
    await scoreResult(ctx, actor, req.params.id, req.body);
    return result(actor, req.params.id);
  });

  app.post('/assessments/results/:id/confirm', { schema: { tags, summary: '确认考核结果（不及格的以二级预警下达书面整改通知，由单位在预警中答复）', params: IdParam, response: { 200: AssessmentResult } } }, async (req) => {
    const actor = actorOf(req);
    await confirmResult(ctx, actor, req.params.id);
    return result(actor, req.params.id);
  });
}
