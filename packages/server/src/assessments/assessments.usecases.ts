import {
  assessmentGrade,
  COMPUTED_INDICATOR_LABELS,
  failingAssessmentWarning,
  todayIn,
  weightedTotal,
  weightsProblem,
  type Actor,
  type AssessmentSchemeCreate,
  type AssessmentScoresInput,
  type AssessmentThresholds,
  type ComputedIndicator,
} from '@qingfeng/core';

import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { findOrgInScope, orgIdsOutOfScope } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { issueWarningWithin } from '../warnings/warnings.usecases.js';
import { INDICATOR_PROVIDERS, type IndicatorValue } from './assessment-providers.js';
import { findResultInScope, type ResultRow } from './assessments.repository.js';

export async function createScheme(ctx: AppContext, actor: Actor, input: AssessmentSchemeCreate): Promise<number> {
  requirePermission(actor, 'assessments.write');
  const problem = weightsProblem(input.indicators);
  if (problem) throw new AppError('assessments.weights_not_100', problem, { issues: [{ field: 'indicators', message: problem }] });
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await findOrgInScope(trx, actor, 'assessments.write', input.orgId);
    if (!org) throw new AppError('not_found', '考核组织单位不存在或不在您的权限范围内');
    if (await trx.selectFrom('assessment_schemes').select('id').where('year', '=', input.year).where('name', '=', input.name).executeTakeFirst()) {
      throw invalid('name', `${input.year}年度已有名为“${input.name}”的考核方案`);
    }
    let orgIds: number[];
    if (input.orgIds?.length) {
      const outside = await orgIdsOutOfScope(trx, actor, 'assessments.write', input.orgIds);
      const notUnder = await trx.selectFrom('orgs').select('id').where('id', 'in', input.orgIds).where('path', 'not like', `${org.path}%`).execute();
      if (outside.length || notUnder.length) throw invalid('orgIds', `单位 ${[...outside, ...notUnder.map((o) => o.id)].join('、')} 不在本方案的范围内`);
      orgIds = [...new Set(input.orgIds)];
    } else {
      orgIds = (
        await trx.selectFrom('orgs').select('id').where('kind', '=', 'unit').where('retired_at', 'is', null).where('path', 'like', `${org.path}%`).where('id', '<>', org.id).orderBy('path').execute()
      ).map((o) => o.id);
    }
    if (orgIds.length === 0) throw invalid('orgIds', '方案范围内没有可考核的单位');
    const { id } = await trx
      .insertInto('assessment_schemes')
      .values({ year: input.year, name: input.name, org_id: input.orgId, thresholds: JSON.stringify(input.thresholds), created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('assessment_indicators')
      .values(input.indicators.map((i, position) => ({ scheme_id: id, position, name: i.name, weight: i.weight, provider: i.provider ?? null, description: i.description ?? null })))
      .execute();
    for (let i = 0; i < orgIds.length; i += 1000) {
      await trx.insertInto('assessment_results').values(orgIds.slice(i, i + 1000).map((orgId) => ({ scheme_id: id, org_id: orgId, status: 'pending' as const }))).execute();
    }
    await recordAudit(trx, actor, { action: 'ASSESSMENT_SCHEME_CREATED', objectType: 'assessment_scheme', objectId: id, orgId: input.orgId, summary: `制定考核方案「${input.name}」（${orgIds.length} 个单位）`, after: { ...input, orgIds: undefined } }, now);
    return id;
  });
}

async function schemeOf(db: Executor, schemeId: number) {
  const scheme = await db.selectFrom('assessment_schemes').select(['id', 'year', 'name', 'thresholds']).where('id', '=', schemeId).executeTakeFirstOrThrow();
  const indicators = await db.selectFrom('assessment_indicators').select(['id', 'name', 'weight', 'provider']).where('scheme_id', '=', schemeId).orderBy('position').execute();
  return { ...scheme, thresholds: scheme.thresholds as AssessmentThresholds, indicators: indicators.map((i) => ({ ...i, weight: Number(i.weight), provider: i.provider as ComputedIndicator | null })) };
}

/** The computed indicators of one unit as they stand today. */
export async function computedValues(db: Executor, schemeId: number, orgId: number, today: string): Promise<Map<number, IndicatorValue>> {
  const scheme = await schemeOf(db, schemeId);
  const values = new Map<number, IndicatorValue>();
  for (const i of scheme.indicators) {
    if (!i.provider) continue;
    const v = (await INDICATOR_PROVIDERS[i.provider](db, [orgId], scheme.year, today)).get(orgId);
    values.set(i.id, v ?? { available: false, score: null, detail: `${COMPUTED_INDICATOR_LABELS[i.provider]}无法计算` });
  }
  return values;
}

async function resultForWrite(db: Executor, actor: Actor, id: number) {
  requirePermission(actor, 'assessments.write');
  const row = await findResultInScope(db, actor, 'assessments.write', id);
  if (row) return row;
  if (await findResultInScope(db, actor, 'assessments.read', id)) throw new AppError('auth.forbidden');
  throw notFound();
}

/**
 * Scores one unit: the hand-scored indicators from the input, the computed ones from the system —
 * except those whose module is absent (or that have nothing to count), which the assessor scores
 * by hand with a note. The weighted total against the thresholds gives the grade.
 */
export async function scoreResult(ctx: AppContext, actor: Actor, id: number, input: AssessmentScoresInput): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const result = await resultForWrite(trx, actor, id);
    if (result.status === 'confirmed') throw new AppError('assessments.result_confirmed');
    const scheme = await schemeOf(trx, result.scheme_id);
    const computed = await computedValues(trx, result.scheme_id, result.org_id, todayIn(now));
    const given = new Map<number, { score: number; note: string | null }>();
    input.scores.forEach((s, i) => {
      const indicator = scheme.indicators.find((x) => x.id === s.indicatorId);
      if (!indicator) throw invalid(`scores.${i}.indicatorId`, `指标 ${s.indicatorId} 不属于本考核方案`);
      if (computed.get(s.indicatorId)?.available) throw invalid(`scores.${i}.indicatorId`, `指标“${indicator.name}”由系统自动计算，不能人工评分`);
      if (indicator.provider && !s.note?.trim()) throw invalid(`scores.${i}.note`, `指标“${indicator.name}”暂不能自动计算，人工评分须说明依据`);
      given.set(s.indicatorId, { score: s.score, note: s.note?.trim() || null });
    });
    const rows = scheme.indicators.map((i) => {
      const c = computed.get(i.id);
      if (c?.available) return { result_id: id, indicator_id: i.id, score: c.score!, source: 'computed' as const, detail: c.detail };
      const g = given.get(i.id);
      return g ? { result_id: id, indicator_id: i.id, score: g.score, source: 'manual' as const, detail: g.note } : null;
    });
    const missing = scheme.indicators.filter((_, k) => rows[k] === null).map((i) => i.name);
    if (missing.length) throw new AppError('assessments.scores_incomplete', `尚有指标未评分：${missing.join('、')}`, { issues: [{ field: 'scores', message: `未评分：${missing.join('、')}` }] });
    const scored = rows.filter((r): r is NonNullable<typeof r> => r !== null);
    const total = weightedTotal(scheme.indicators.map((i, k) => ({ weight: i.weight, score: Number(scored[k]!.score) })));
    const grade = assessmentGrade(scheme.thresholds, total);
    await trx.deleteFrom('assessment_scores').where('result_id', '=', id).execute();
    await trx.insertInto('assessment_scores').values(scored).execute();
    await trx.updateTable('assessment_results').set({ status: 'scored', total, grade }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'ASSESSMENT_SCORED', objectType: 'assessment_result', objectId: id, orgId: result.org_id, summary: `考核评分「${result.org_name}」：${total} 分`, after: { total, grade } }, now);
  });
}

/**
 * Fixes the result. 不及格 issues the unit a level-2 warning whose 整改通知书 is the written notice of
 * seed 001 — answered, reviewed and escalated by the warning machinery — and the result keeps its
 * link; 优秀 joins the commendation list.
 */
export async function confirmResult(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const result = await resultForWrite(trx, actor, id);
    if (result.status === 'confirmed') throw new AppError('assessments.result_confirmed');
    if (result.status !== 'scored') throw new AppError('assessments.not_scored');
    const warning = result.grade === 'fail' ? await issueFailingWarning(trx, actor, result, now) : null;
    await trx
      .updateTable('assessment_results')
      .set({ status: 'confirmed', confirmed_by: actor.userId, confirmed_at: now, warning_id: warning?.id ?? null })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'ASSESSMENT_CONFIRMED',
        objectType: 'assessment_result',
        objectId: id,
        orgId: result.org_id,
        summary: `确认考核结果「${result.org_name}」${warning ? `，以二级预警下达整改通知 ${warning.serialNo}` : ''}`,
        after: { grade: result.grade, warningId: warning?.id ?? null },
      },
      now,
    );
  });
}

async function issueFailingWarning(trx: Executor, actor: Actor, result: ResultRow, now: Date) {
  const scheme = await schemeOf(trx, result.scheme_id);
  const draft = failingAssessmentWarning({
    schemeName: scheme.name,
    total: Number(result.total),
    passMark: scheme.thresholds.pass,
    scores: scheme.indicators.map((i) => ({ name: i.name, weight: i.weight, score: Number(result.scores.find((s) => s.indicatorId === i.id)?.score ?? 0) })),
  });
  return issueWarningWithin(trx, actor, { subjectKind: 'org', subjectOrgId: result.org_id, ...draft }, now);
}

/** Confirmed totals of the given years, for the bottom-ranking rule. */
export async function confirmedTotals(db: Executor, fromYear: number, toYear: number) {
  const rows = await db
    .selectFrom('assessment_results as r')
    .innerJoin('assessment_schemes as s', 's.id', 'r.scheme_id')
    .select(['r.scheme_id', 's.year', 'r.org_id', 'r.total'])
    .where('r.status', '=', 'confirmed')
    .where('s.year', '>=', fromYear)
    .where('s.year', '<=', toYear)
    .execute();
  return rows.map((r) => ({ schemeId: r.scheme_id, year: r.year, orgId: r.org_id, total: Number(r.total) }));
}

