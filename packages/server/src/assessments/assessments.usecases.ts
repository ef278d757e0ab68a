import {
  addWorkingDays,
  assessmentGrade,
  RECTIFICATION_WORKING_DAYS,
  rectificationNoticeDocument,
  COMPUTED_INDICATOR_LABELS,
  formatSerial,
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
import { loadCalendar } from '../calendar/calendar.repository.js';
import { renderOfficialDocx } from '../documents/index.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { nextNumber } from '../numbering/numbering.js';
import { findOrgInScope, orgIdsOutOfScope } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { INDICATOR_PROVIDERS, type IndicatorValue } from './assessment-providers.js';
import { findResultInScope } from './assessments.repository.js';

/** 文号 of the written rectification notice a 不及格 result brings (seed 001). */
export const RECTIFICATION_NOTICE_SERIAL = '示纪考整〔{year}〕{seq}号';

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
  const scheme = await db.selectFrom('assessment_schemes').select(['id', 'year', 'thresholds']).where('id', '=', schemeId).executeTakeFirstOrThrow();
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

async function resultForWrite(db: Executor, actor: Actor, id: number, permission: 'assessments.write' | 'assessments.rectify') {
  requirePermission(actor, permission);
  const row = await findResultInScope(db, actor, permission, id);
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
    const result = await resultForWrite(trx, actor, id, 'assessments.write');
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

/** Fixes the result. 不及格 brings a numbered written rectification notice; 优秀 joins the commendation list. */
export async function confirmResult(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const result = await resultForWrite(trx, actor, id, 'assessments.write');
    if (result.status === 'confirmed') throw new AppError('assessments.result_confirmed');
    if (result.status !== 'scored') throw new AppError('assessments.not_scored');
    const today = todayIn(now);
    const year = Number(today.slice(0, 4));
    const notice = result.grade === 'fail' ? formatSerial(RECTIFICATION_NOTICE_SERIAL, { year, seq: await nextNumber(trx, 'assessment_rectification_notice', year) }) : null;
    await trx
      .updateTable('assessment_results')
      .set({ status: 'confirmed', confirmed_by: actor.userId, confirmed_at: now, notice_serial: notice, notice_issued_on: notice ? today : null })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'ASSESSMENT_CONFIRMED', objectType: 'assessment_result', objectId: id, orgId: result.org_id, summary: `确认考核结果「${result.org_name}」${notice ? `，下达整改通知 ${notice}` : ''}`, after: { grade: result.grade, notice } },
      now,
    );
  });
}

export async function reportRectification(ctx: AppContext, actor: Actor, id: number, report: string, reportedOn: string): Promise<void> {
  const now = ctx.clock.now();
  if (reportedOn > todayIn(now)) throw invalid('reportedOn', '报送日期不能晚于今天');
  await ctx.database.db.transaction().execute(async (trx) => {
    const result = await resultForWrite(trx, actor, id, 'assessments.rectify');
    if (result.status !== 'confirmed' || result.grade !== 'fail') throw new AppError('assessments.not_failed');
    if (result.rectification_reported_on) throw new AppError('request.invalid', '整改情况已报送');
    await trx.updateTable('assessment_results').set({ rectification_report: report, rectification_reported_on: reportedOn }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'RECTIFICATION_REPORTED', objectType: 'assessment_result', objectId: id, orgId: result.org_id, summary: `报送考核整改情况「${result.org_name}」` }, now);
  });
}

/** The written rectification notice of a 不及格 unit (Word, official layout); the download is audited. */
export async function rectificationNoticeDocx(ctx: AppContext, actor: Actor, id: number): Promise<{ bytes: Buffer; fileName: string }> {
  const db = ctx.database.db;
  requirePermission(actor, 'assessments.read');
  const r = await findResultInScope(db, actor, 'assessments.read', id);
  if (!r) throw notFound();
  if (!r.notice_serial || !r.notice_issued_on) throw new AppError('assessments.not_failed', '该单位考核未下达整改通知');
  const scheme = await schemeOf(db, r.scheme_id);
  const meta = await db.selectFrom('assessment_schemes as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.name', 'o.name as issuer']).where('s.id', '=', r.scheme_id).executeTakeFirstOrThrow();
  const doc = rectificationNoticeDocument({
    serialNo: r.notice_serial,
    issuedOn: r.notice_issued_on,
    deadline: addWorkingDays(await loadCalendar(db), r.notice_issued_on, RECTIFICATION_WORKING_DAYS),
    issuer: meta.issuer,
    orgName: r.org_name,
    schemeName: meta.name,
    total: Number(r.total),
    passMark: scheme.thresholds.pass,
    scores: scheme.indicators.map((i) => ({ name: i.name, weight: i.weight, score: Number(r.scores.find((s) => s.indicatorId === i.id)?.score ?? 0) })),
  });
  const bytes = await renderOfficialDocx(doc);
  await db.transaction().execute((trx) =>
    recordAudit(trx, actor, { action: 'ASSESSMENT_NOTICE_DOWNLOADED', objectType: 'assessment_result', objectId: id, orgId: r.org_id, summary: `下载整改通知 ${r.notice_serial}（Word）` }, ctx.clock.now()),
  );
  return { bytes, fileName: `${r.notice_serial}.docx` };
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

