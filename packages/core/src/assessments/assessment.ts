// 廉政风险防控管理考核 (seed 001): a scheme of weighted indicators, some computed by the system and
// some scored by hand; the weighted total (0–100) against thresholds gives 优秀/良好/及格/不及格.
// 优秀 is listed for commendation; 不及格 brings a written rectification notice as a level-2 warning.
import { z } from 'zod';

export const ASSESSMENT_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, string> = { excellent: '优秀', good: '良好', pass: '及格', fail: '不及格' };

/** The indicators the system can compute, each from another module (a provider). */
export const COMPUTED_INDICATORS = [
  'risk_measures_on_time',
  'commitments_signed',
  'campaign_stages_finished',
  'warnings_answered_on_time',
  'clue_replies_on_time',
  'talks_held_as_planned',
] as const;
export type ComputedIndicator = (typeof COMPUTED_INDICATORS)[number];
export const COMPUTED_INDICATOR_LABELS: Record<ComputedIndicator, string> = {
  risk_measures_on_time: '风险点防控措施按期落实率',
  commitments_signed: '风险防范承诺书签订率',
  campaign_stages_finished: '风险排查各阶段完成率',
  warnings_answered_on_time: '预警按期答复率',
  clue_replies_on_time: '廉情信息按期回复率',
  talks_held_as_planned: '分级谈话按计划完成率',
};

/** Thresholds are the lowest totals of 优秀, 良好 and 及格; below 及格 is 不及格. */
export const AssessmentThresholds = z
  .object({
    excellent: z.number().min(0).max(100),
    good: z.number().min(0).max(100),
    pass: z.number().min(0).max(100),
  })
  .refine((t) => t.excellent > t.good && t.good > t.pass, { message: '等次分数线须满足：优秀 > 良好 > 及格' });
export type AssessmentThresholds = z.infer<typeof AssessmentThresholds>;
export const DEFAULT_ASSESSMENT_THRESHOLDS: AssessmentThresholds = { excellent: 90, good: 80, pass: 60 };

export interface WeightedIndicator {
  name: string;
  /** percent, at most one decimal */
  weight: number;
}

/** Weights in tenths of a percent, so 33.3 + 33.3 + 33.4 adds up exactly. */
const tenths = (w: number) => Math.round(w * 10);

/** null when the weights add up to 100%, else the message naming the sum. */
export function weightsProblem(indicators: readonly WeightedIndicator[]): string | null {
  if (indicators.length === 0) return '考核方案至少需要一项指标';
  const bad = indicators.find((i) => !(i.weight > 0) || Math.abs(i.weight * 10 - tenths(i.weight)) > 1e-9);
  if (bad) return `指标“${bad.name}”的权重须为大于 0 的数，至多一位小数`;
  const sum = indicators.reduce((s, i) => s + tenths(i.weight), 0);
  return sum === 1000 ? null : `指标权重合计为 ${sum / 10}%，应为 100%`;
}

/** Σ weight × score / 100, scores 0–100 per indicator, rounded to two decimals. */
export function weightedTotal(items: readonly { weight: number; score: number }[]): number {
  const total = items.reduce((s, i) => s + tenths(i.weight) * i.score, 0) / 1000;
  return Math.round(total * 100) / 100;
}

export function assessmentGrade(thresholds: AssessmentThresholds, total: number): AssessmentGrade {
  if (total >= thresholds.excellent) return 'excellent';
  if (total >= thresholds.good) return 'good';
  if (total >= thresholds.pass) return 'pass';
  return 'fail';
}

/** A computed indicator's value as a score: a rate (0–1) becomes 0–100, two decimals. */
export function rateToScore(done: number, due: number): number | null {
  if (due <= 0) return null;
  return Math.round((Math.min(done, due) / due) * 10000) / 100;
}

/**
 * The warning a 不及格 brings (seed 001: 对考核结果为“不及格”的单位，以书面形式下达整改通知). It goes
 * through the warning machinery — an org warning of level 2, whose notice is the 整改通知书 and whose
 * deadline escalates on its own — so the unit answers it like any other warning.
 */
export interface FailingAssessment {
  schemeName: string;
  total: number;
  passMark: number;
  /** the indicators and the unit's score on each, in the scheme's order */
  scores: { name: string; weight: number; score: number }[];
}

export function failingAssessmentWarning(a: FailingAssessment): { level: 2; facts: string; basis: string; disposalMeasures: string[] } {
  // A failing total is below 100, so some indicator lost points.
  const lost = a.scores.filter((s) => s.score < 100).map((s) => `${s.name}（权重${s.weight}%）${s.score}分`);
  return {
    level: 2,
    facts: `在${a.schemeName}中，总分为${a.total}分，低于及格分数线${a.passMark}分，考核等次为“不及格”。失分指标：${lost.join('；')}。`,
    basis: `《${a.schemeName}》考核结果为“不及格”：以书面形式下达整改通知，限期整改。`,
    disposalMeasures: ['限期整改'],
  };
}
