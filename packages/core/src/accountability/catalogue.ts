// 问责 (seed 001, 003, 004): the catalogue of accountable behaviours is data (table
// accountability_behaviours, seeded by migration 0400 from the seeds, edited through the API); the
// forms of accountability and the roles of 一案双查 are fixed here.
import { z } from 'zod';

export const BEHAVIOUR_SUBJECTS = ['staff', 'unit_head'] as const;
export type BehaviourSubject = (typeof BEHAVIOUR_SUBJECTS)[number];
export const BEHAVIOUR_SUBJECT_LABELS: Record<BehaviourSubject, string> = { staff: '当事人（工作人员）', unit_head: '单位负责人' };

/** A behaviour the system detects from its own records. */
export const BEHAVIOUR_DETECTIONS = ['bottom_ranking_years'] as const;
export type BehaviourDetection = (typeof BEHAVIOUR_DETECTIONS)[number];

/** How many behaviours seed 001 counts for each subject (the catalogue page shows the gap). */
export const SEED_BEHAVIOUR_COUNTS: Record<BehaviourSubject, number> = { staff: 14, unit_head: 9 };

/** Forms of accountability (seed 004): 三诫勉, 通报批评, 岗位处理, 纪律处分. */
export const ACCOUNTABILITY_FORMS = ['admonish_remind', 'admonish_supervise', 'admonish_correct', 'circulated_criticism', 'suspension', 'reassignment', 'case_transfer'] as const;
export type AccountabilityForm = (typeof ACCOUNTABILITY_FORMS)[number];
export const ACCOUNTABILITY_FORM_LABELS: Record<AccountabilityForm, string> = {
  admonish_remind: '诫勉提醒',
  admonish_supervise: '诫勉督导',
  admonish_correct: '诫勉纠错',
  circulated_criticism: '通报批评',
  suspension: '停职检查',
  reassignment: '调整岗位',
  case_transfer: '纪律处分（移送立案）',
};
export const ACCOUNTABILITY_FORM_GROUPS: Record<AccountabilityForm, string> = {
  admonish_remind: '三诫勉',
  admonish_supervise: '三诫勉',
  admonish_correct: '三诫勉',
  circulated_criticism: '通报批评',
  suspension: '岗位处理',
  reassignment: '岗位处理',
  case_transfer: '纪律处分',
};

/** 一案双查 (seed 003): the violator, and the leaders answerable for supervising them. */
export const ACCOUNTABLE_ROLES = ['violator', 'direct_leader', 'principal_leader'] as const;
export type AccountableRole = (typeof ACCOUNTABLE_ROLES)[number];
export const ACCOUNTABLE_ROLE_LABELS: Record<AccountableRole, string> = {
  violator: '违纪违规人员',
  direct_leader: '负有失职失察责任的直接领导',
  principal_leader: '负有失职失察责任的主要领导',
};

export const BottomRankingRule = z.object({
  /** consecutive years at the bottom */
  years: z.number().int().min(2).max(10),
  /** the last N places of a scheme's ranking count as the bottom */
  bottomPlaces: z.number().int().min(1).max(50),
});
export type BottomRankingRule = z.infer<typeof BottomRankingRule>;
export const DEFAULT_BOTTOM_RANKING_RULE: BottomRankingRule = { years: 3, bottomPlaces: 1 };

export interface RankedResult {
  schemeId: number;
  year: number;
  orgId: number;
  total: number;
}

export interface BottomRankingFinding {
  orgId: number;
  /** the years at the bottom, oldest first, with the place and the number of units ranked */
  years: { year: number; place: number; of: number; total: number }[];
}

/**
 * 单位绩效考评连续三年位居末位: units among the last `bottomPlaces` of their scheme's ranking in each
 * of the `years` years up to `lastYear`. A unit is at the bottom when fewer than `bottomPlaces`
 * units of its scheme scored strictly lower (ties at the bottom are all at the bottom). A year in
 * which the unit was not assessed breaks the run.
 */
export function bottomRankingRuns(rule: BottomRankingRule, results: readonly RankedResult[], lastYear: number): BottomRankingFinding[] {
  const bottom = new Map<number, Map<number, { place: number; of: number; total: number }>>();
  const bySchemeYear = new Map<string, RankedResult[]>();
  for (const r of results) {
    const key = `${r.schemeId}:${r.year}`;
    bySchemeYear.set(key, [...(bySchemeYear.get(key) ?? []), r]);
  }
  for (const group of bySchemeYear.values()) {
    const totals = group.map((r) => r.total);
    const countWhere = (test: (x: number) => boolean) => totals.reduce((n, x) => n + (test(x) ? 1 : 0), 0);
    for (const r of group) {
      if (countWhere((x) => x < r.total) >= rule.bottomPlaces) continue;
      const higher = countWhere((x) => x > r.total);
      const years = bottom.get(r.orgId) ?? new Map();
      years.set(r.year, { place: higher + 1, of: group.length, total: r.total });
      bottom.set(r.orgId, years);
    }
  }
  const findings: BottomRankingFinding[] = [];
  for (const [orgId, years] of bottom) {
    const run = Array.from({ length: rule.years }, (_, i) => lastYear - rule.years + 1 + i);
    if (run.every((y) => years.has(y))) findings.push({ orgId, years: run.map((year) => ({ year, ...years.get(year)! })) });
  }
  return findings.sort((a, b) => a.orgId - b.orgId);
}
