import { rateToScore, type ComputedIndicator } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

export interface IndicatorValue {
  available: boolean;
  score: number | null;
  detail: string;
}

/** A computed indicator: each unit's value for the year (the unit's subtree counts), as of `today`. */
export type IndicatorProvider = (db: Executor, orgIds: number[], year: number, today: string) => Promise<Map<number, IndicatorValue>>;

/** A rate per unit (its subtree): how many were due and how many done; nothing due is no score. */
function rateOf(rows: { id: number; due: number; done: number }[], what: (due: number, done: number) => string, none: string): Map<number, IndicatorValue> {
  return new Map(
    rows.map((r) => {
      const score = rateToScore(r.done, r.due);
      return [r.id, score === null ? { available: false, score: null, detail: none } : { available: true, score, detail: what(r.due, r.done) }];
    }),
  );
}

/** 分级谈话按计划完成率: talks of the year's plans due by today (or the year's end) that were held. */
const talksHeldAsPlanned: IndicatorProvider = async (db, orgIds, year, today) => {
  const until = today < `${year}-12-31` ? today : `${year}-12-31`;
  const rows = orgIds.length
    ? await db
        .selectFrom('orgs as u')
        .leftJoin('orgs as o', (j) => j.on(sql<boolean>`o.path LIKE u.path || '%'`))
        .leftJoin('talks as t', (j) =>
          j
            .onRef('t.subject_org_id', '=', 'o.id')
            .on('t.source_kind', '=', 'plan')
            .on('t.status', '<>', 'cancelled')
            .on(sql<boolean>`t.due_on BETWEEN ${`${year}-01-01`}::date AND ${until}::date`),
        )
        .select(['u.id', sql<number>`count(t.id)::int`.as('due'), sql<number>`count(t.id) FILTER (WHERE t.status = 'held')::int`.as('done')])
        .where('u.id', 'in', orgIds)
        .groupBy('u.id')
        .execute()
    : [];
  return rateOf(rows, (due, done) => `到期计划谈话 ${due} 次，已谈 ${done} 次`, `${year}年度截至${until}没有到期的计划谈话，无法计算，请人工评分`);
};

/**
 * 预警按期答复率: warnings issued in the year to the unit or its people (its subtree) whose deadline
 * has passed by today (or the year's end): answered by the deadline, or not.
 */
const warningsAnsweredOnTime: IndicatorProvider = async (db, orgIds, year, today) => {
  const until = today < `${year}-12-31` ? today : `${year}-12-31`;
  const rows = orgIds.length
    ? await db
        .selectFrom('orgs as u')
        .leftJoin('orgs as o', (j) => j.on(sql<boolean>`o.path LIKE u.path || '%'`))
        .leftJoin('warnings as w', (j) =>
          j.onRef('w.subject_org_id', '=', 'o.id').on(sql<boolean>`w.issued_on BETWEEN ${`${year}-01-01`}::date AND ${until}::date AND w.deadline <= ${until}::date`),
        )
        .select([
          'u.id',
          sql<number>`count(w.id)::int`.as('due'),
          sql<number>`count(w.id) FILTER (WHERE EXISTS (
            SELECT 1 FROM warning_answers a WHERE a.warning_id = w.id AND (a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= w.deadline))::int`.as('done'),
        ])
        .where('u.id', 'in', orgIds)
        .groupBy('u.id')
        .execute()
    : [];
  return rateOf(rows, (due, done) => `到期预警 ${due} 件，按期答复 ${done} 件`, `${year}年度截至${until}没有到期的预警，无法计算，请人工评分`);
};

/** 风险点防控措施按期落实率: measures of the unit's current risk points due in the year by today, done by their date. */
const riskMeasuresOnTime: IndicatorProvider = async (db, orgIds, year, today) => {
  const until = today < `${year}-12-31` ? today : `${year}-12-31`;
  const rows = orgIds.length
    ? await db
        .selectFrom('orgs as u')
        .leftJoin('orgs as o', (j) => j.on(sql<boolean>`o.path LIKE u.path || '%'`))
        .leftJoin('risk_points as r', (j) => j.onRef('r.org_id', '=', 'o.id').on('r.status', 'in', ['approved', 'published']))
        .leftJoin('risk_measures as m', (j) => j.onRef('m.risk_point_id', '=', 'r.id').on(sql<boolean>`m.due_on BETWEEN ${`${year}-01-01`}::date AND ${until}::date`))
        .select(['u.id', sql<number>`count(m.id)::int`.as('due'), sql<number>`count(m.id) FILTER (WHERE m.done_on IS NOT NULL AND m.done_on <= m.due_on)::int`.as('done')])
        .where('u.id', 'in', orgIds)
        .groupBy('u.id')
        .execute()
    : [];
  return rateOf(rows, (due, done) => `到期防控措施 ${due} 项，按期落实 ${done} 项`, `${year}年度截至${until}没有到期的防控措施，无法计算，请人工评分`);
};

/** 风险防范承诺书签订率: people of the unit (its subtree) on the roll who signed their commitment of the year. */
const commitmentsSigned: IndicatorProvider = async (db, orgIds, year) => {
  const rows = orgIds.length
    ? await db
        .selectFrom('orgs as u')
        .leftJoin('orgs as o', (j) => j.on(sql<boolean>`o.path LIKE u.path || '%'`))
        .leftJoin('people as p', (j) => j.onRef('p.org_id', '=', 'o.id').on('p.retired_at', 'is', null))
        .select([
          'u.id',
          sql<number>`count(p.id)::int`.as('due'),
          sql<number>`count(p.id) FILTER (WHERE EXISTS (SELECT 1 FROM commitments c WHERE c.person_id = p.id AND c.year = ${year} AND c.campaign_id IS NULL AND c.signed_at IS NOT NULL))::int`.as('done'),
        ])
        .where('u.id', 'in', orgIds)
        .groupBy('u.id')
        .execute()
    : [];
  return rateOf(rows, (due, done) => `在岗 ${due} 人，已签订${year}年度承诺书 ${done} 人`, '单位没有在岗人员，无法计算，请人工评分');
};

/**
 * 廉情信息按期回复率: the reply duties (acceptance notice, result, forwarding) of the clues handled in
 * the unit's subtree that fell due in the year by today, met by their date.
 */
const clueRepliesOnTime: IndicatorProvider = async (db, orgIds, year, today) => {
  const until = today < `${year}-12-31` ? today : `${year}-12-31`;
  if (orgIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; due: number; done: number }>`
    SELECT u.id, count(d.due)::int AS due, count(d.due) FILTER (WHERE d.done IS NOT NULL AND d.done <= d.due)::int AS done
    FROM orgs u
    LEFT JOIN orgs o ON o.path LIKE u.path || '%'
    LEFT JOIN clues c ON c.handler_org_id = o.id
    LEFT JOIN LATERAL (VALUES (c.ack_due, c.ack_done_on), (c.result_due, c.result_done_on), (c.forward_due, c.forward_done_on)) d(due, done)
      ON d.due BETWEEN ${`${year}-01-01`}::date AND ${until}::date
    WHERE u.id = ANY(${sql.val(orgIds)}::int[])
    GROUP BY u.id`.execute(db);
  return rateOf(rows, (due, done) => `到期回复事项 ${due} 项，按期办理 ${done} 项`, `${year}年度截至${until}本单位及下级没有到期的线索回复事项，无法计算，请人工评分`);
};

/**
 * 风险排查各阶段完成率: the stages of the year's self-check campaigns, for the orgs of the unit's
 * subtree, whose deadline has passed by today (or the year's end): finished by their deadline
 * (Asia/Shanghai day of the stage log entry), or not.
 */
const campaignStagesFinished: IndicatorProvider = async (db, orgIds, year, today) => {
  const until = today < `${year}-12-31` ? today : `${year}-12-31`;
  if (orgIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; due: number; done: number }>`
    SELECT u.id, count(s.stage)::int AS due, count(s.stage) FILTER (WHERE s.done_on <= s.deadline)::int AS done
    FROM orgs u
    LEFT JOIN orgs o ON o.path LIKE u.path || '%'
    LEFT JOIN check_campaign_orgs co ON co.org_id = o.id
    LEFT JOIN check_campaigns c ON c.id = co.campaign_id AND c.year = ${year}
    LEFT JOIN LATERAL (
      SELECT st.stage, (c.deadlines ->> st.stage)::date AS deadline,
             (SELECT min(((e ->> 'at')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) FROM jsonb_array_elements(co.stage_log) e WHERE e ->> 'stage' = st.stage) AS done_on
      FROM (VALUES ('self_check'), ('dept_review'), ('cross_check'), ('commission_review')) st(stage)
    ) s ON c.id IS NOT NULL AND s.deadline <= ${until}::date
    WHERE u.id = ANY(${sql.val(orgIds)}::int[])
    GROUP BY u.id`.execute(db);
  return rateOf(rows, (due, done) => `到期排查阶段 ${due} 个，按期完成 ${done} 个`, `${year}年度截至${until}没有到期的风险排查阶段，无法计算，请人工评分`);
};

export const INDICATOR_PROVIDERS: Record<ComputedIndicator, IndicatorProvider> = {
  risk_measures_on_time: riskMeasuresOnTime,
  commitments_signed: commitmentsSigned,
  campaign_stages_finished: campaignStagesFinished,
  warnings_answered_on_time: warningsAnsweredOnTime,
  clue_replies_on_time: clueRepliesOnTime,
  talks_held_as_planned: talksHeldAsPlanned,
};

