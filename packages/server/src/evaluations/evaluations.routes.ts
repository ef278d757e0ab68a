import {
  CONSEQUENCE_GRANULARITY,
  CONSEQUENCE_LABELS,
  describeRatingRule,
  EvaluationConfirm,
  EvaluationCorrection,
  EvaluationPreview,
  EvaluationPreviewQuery,
  EvaluationResult,
  EvaluationResultsQuery,
  EvaluationRun,
  EvaluationRunsQuery,
  EvaluationSettingKeyParam,
  EvaluationSettings,
  EvaluationSettingUpdate,
  EvaluationTask,
  EvaluationTaskDone,
  EvaluationTasksQuery,
  GRADE_LABELS,
  hasPermission,
  IdParam,
  Page,
  RatingRule,
  todayIn,
  yearHasEnded,
  type Actor,
  type ConsequenceKind,
  type ConsequenceRule,
  type Grade,
  type Permission,
} from '@qingfeng/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import { actorOf } from '../http/auth-hook.js';
import { forbidden, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { exportDisqualifications } from './evaluations.export.js';
import { findRun, presentResult, presentRun, previewPage, runPage, runVisible, summaryOf, ratingsOf, type RunRow } from './evaluations.repository.js';
import { completeTask, confirmRun, correctRun, publishRun } from './evaluations.usecases.js';
import { listSettings, readSetting } from './settings.repository.js';
import { updateSetting } from './settings.usecases.js';

const tags = ['evaluations'];

/** The rules are read by those who apply or are rated by them; changed by those who configure. */
function canReadSettings(actor: Actor) {
  const readers: Permission[] = ['evaluations.read', 'evaluations.configure', 'talks.plan', 'assessments.write', 'accountability.write', 'opinions.draft', 'opinions.approve'];
  return readers.some((p) => hasPermission(actor, p));
}

/** Who a task concerns: a person or unit, the unit's people, or every result of the grades that call for it. */
function taskSubject(kind: ConsequenceKind, rule: ConsequenceRule, r: { person_name: string | null; org_name: string | null }): string | null {
  const granularity = CONSEQUENCE_GRANULARITY[kind];
  if (granularity === 'subject') return r.person_name ? `${r.person_name}（${r.org_name}）` : r.org_name;
  if (granularity === 'unit') return `${r.org_name}相关人员`;
  const grades = (Object.keys(rule) as Grade[]).filter((g) => rule[g].includes(kind)).map((g) => `“${GRADE_LABELS[g]}”`);
  return `考评为${grades.join('、')}的单位和个人`;
}

export async function evaluationsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const today = () => todayIn(ctx.clock.now());

  async function run(actor: Actor, id: number): Promise<RunRow> {
    requirePermission(actor, 'evaluations.read');
    const row = await findRun(db, id);
    if (!row || !runVisible(actor, row)) throw notFound();
    return row;
  }
  const presentRunRow = (actor: Actor, row: RunRow) => presentRun(actor, row, describeRatingRule(RatingRule.parse(row.rule)));

  app.get('/evaluations/preview', { schema: { tags, summary: '考评预览：按当年预警逐一评定好/中/差并给出理由（年度未结束也可预览）', querystring: EvaluationPreviewQuery, response: { 200: EvaluationPreview } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'evaluations.run');
    if (!actor.grants.some((g) => g.permissions.has('evaluations.run') && g.scope.kind === 'all')) throw forbidden();
    const { year, ...f } = req.query;
    const rule = await readSetting(db, 'rating_rule');
    const [summary, page, current] = await Promise.all([
      summaryOf(db, ratingsOf(year, rule)),
      previewPage(db, year, rule, f),
      db.selectFrom('evaluation_runs').select('id').where('year', '=', year).where('status', '<>', 'superseded').executeTakeFirst(),
    ]);
    return {
      year,
      ruleText: describeRatingRule(rule),
      yearEnded: yearHasEnded(year, today()),
      currentRunId: current?.id ?? null,
      summary,
      results: { items: page.rows.map((r) => presentResult(year, r)), total: page.total, page: f.page, pageSize: f.pageSize },
    };
  });

  app.get('/evaluations', { schema: { tags, summary: '考评记录（各年度的考评与更正考评）', querystring: EvaluationRunsQuery, response: { 200: z.object({ items: z.array(EvaluationRun) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'evaluations.read');
    let q = db.selectFrom('evaluation_runs').select('id').orderBy('year', 'desc').orderBy('id', 'desc');
    if (req.query.year) q = q.where('year', '=', req.query.year);
    const ids = (await q.execute()).map((r) => r.id);
    const rows = (await Promise.all(ids.map((id) => findRun(db, id)))).filter((r): r is RunRow => !!r && runVisible(actor, r));
    return { items: rows.map((r) => presentRunRow(actor, r)) };
  });

  app.post('/evaluations', { schema: { tags, summary: '确认年度考评（仅限已结束的年度；确认后不可修改）', body: EvaluationConfirm, response: { 201: EvaluationRun } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await confirmRun(ctx, actor, req.body.year);
    return reply.status(201).send(presentRunRow(actor, await run(actor, id)));
  });

  app.get('/evaluations/:id', { schema: { tags, summary: '一次考评', params: IdParam, response: { 200: EvaluationRun } } }, async (req) => {
    const actor = actorOf(req);
    return presentRunRow(actor, await run(actor, req.params.id));
  });

  app.post('/evaluations/:id/publish', { schema: { tags, summary: '发布考评：结果存入个人廉政档案，后果转为跟踪任务', params: IdParam, response: { 200: EvaluationRun } } }, async (req) => {
    const actor = actorOf(req);
    await publishRun(ctx, actor, req.params.id);
    return presentRunRow(actor, await run(actor, req.params.id));
  });

  app.post('/evaluations/:id/corrections', { schema: { tags, summary: '更正考评：按现有记录重新评定并说明理由；原考评保留并标明已被取代', params: IdParam, body: EvaluationCorrection, response: { 201: EvaluationRun } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await correctRun(ctx, actor, req.params.id, req.body.reason);
    return reply.status(201).send(presentRunRow(actor, await run(actor, id)));
  });

  app.get('/evaluations/:id/results', { schema: { tags, summary: '考评结果及理由（权限范围内；本人只见本人）', params: IdParam, querystring: EvaluationResultsQuery, response: { 200: Page(EvaluationResult) } } }, async (req) => {
    const actor = actorOf(req);
    const r = await run(actor, req.params.id);
    const page = await runPage(db, actor, r.id, req.query);
    return { items: page.rows.map((row) => presentResult(r.year, row)), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/evaluations/:id/tasks', { schema: { tags, summary: '考评后果的跟踪任务', params: IdParam, querystring: EvaluationTasksQuery, response: { 200: Page(EvaluationTask) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'evaluations.run');
    const r = await run(actor, req.params.id);
    const rule = await readSetting(db, 'consequences');
    let q = db
      .selectFrom('evaluation_tasks as k')
      .leftJoin('evaluation_results as e', 'e.id', 'k.result_id')
      .leftJoin('people as p', 'p.id', 'e.person_id')
      .leftJoin('orgs as o', (j) => j.on(sql<boolean>`o.id = coalesce(e.org_id, k.org_id)`))
      .select(['k.id', 'k.run_id', 'k.kind', 'k.grade', 'k.status', 'k.due_on', 'k.talk_id', 'k.decision_id', 'k.note', 'k.done_at', 'p.name as person_name', 'o.name as org_name'])
      .where('k.run_id', '=', r.id);
    if (req.query.kind) q = q.where('k.kind', '=', req.query.kind);
    if (req.query.status) q = q.where('k.status', '=', req.query.status);
    const rows = await q
      .select(sql<number>`count(*) OVER ()::int`.as('total'))
      .orderBy('k.id')
      .limit(req.query.pageSize)
      .offset((req.query.page - 1) * req.query.pageSize)
      .execute();
    return {
      items: rows.map((k) => {
        const kind = k.kind as ConsequenceKind;
        return {
          id: k.id,
          runId: k.run_id,
          kind,
          grade: k.grade,
          title: CONSEQUENCE_LABELS[kind],
          subject: taskSubject(kind, rule, k),
          status: k.status,
          dueOn: k.due_on,
          overdue: k.status === 'open' && k.due_on < today(),
          talkId: k.talk_id,
          decisionId: k.decision_id,
          note: k.note,
          doneAt: k.done_at ? new Date(k.done_at).toISOString() : null,
          actions: k.status === 'open' && k.talk_id === null && kind !== 'accountability' ? ['done'] : [],
        };
      }),
      total: rows[0]?.total ?? 0,
      page: req.query.page,
      pageSize: req.query.pageSize,
    };
  });

  app.post('/evaluations/tasks/:id/done', { schema: { tags, summary: '完成一项后果任务（备案、通报组织部、资格名单、全区通报）', params: IdParam, body: EvaluationTaskDone, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    await completeTask(ctx, actorOf(req), req.params.id, req.body.note);
    return { ok: true as const };
  });

  app.get(
    '/evaluations/:id/disqualifications',
    { schema: { tags, summary: '导出取消年度评先评优资格名单（.xlsx，供组织部；记入审计）', params: IdParam, produces: [XLSX_MIME], response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'evaluations.run');
      const r = await run(actor, req.params.id);
      if (r.status !== 'published') throw notFound();
      await db.transaction().execute((trx) =>
        recordAudit(trx, actor, { action: 'DISQUALIFICATION_EXPORTED', objectType: 'evaluation_run', objectId: r.id, summary: `导出${r.year}年度取消评先评优资格名单` }, ctx.clock.now()),
      );
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment(`${r.year}年度取消评先评优资格名单.xlsx`, 'disqualifications.xlsx'))
        .send(exportDisqualifications(db, r.id, r.year, await readSetting(db, 'consequences')));
    },
  );

  app.get('/evaluations/settings', { schema: { tags, summary: '考评、谈话、问责认定、廉洁信用度与意见回复的规则（配置）', response: { 200: EvaluationSettings } } }, async (req) => {
    if (!canReadSettings(actorOf(req))) throw forbidden();
    return { items: await listSettings(db) };
  });

  app.put(
    '/evaluations/settings/:key',
    { schema: { tags, summary: '修改一项规则（按其结构校验；记入审计）', params: EvaluationSettingKeyParam, body: EvaluationSettingUpdate, response: { 200: EvaluationSettings } } },
    async (req) => {
      await updateSetting(ctx, actorOf(req), req.params.key, req.body.value);
      return { items: await listSettings(db) };
    },
  );
}
