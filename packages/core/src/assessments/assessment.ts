// 廉政风险防控管理考核 (seed 001): a scheme of weighted indicators, some computed by the system and
// some scored by hand; the weighted total (0–100) against thresholds gives 优秀/良好/及格/不及格.
// 优秀 is listed for commendation; 不及格 brings a written rectification notice.
import { z } from 'zod';
import { chineseDate, type OfficialDocument } from '../documents/official-document.js';

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

/** Working days a unit has to report its rectification after a 不及格 notice. */
export const RECTIFICATION_WORKING_DAYS = 20;

export interface RectificationNoticeFacts {
  serialNo: string;
  issuedOn: string;
  deadline: string;
  /** the organising org (the commission), printed as issuer */
  issuer: string;
  orgName: string;
  schemeName: string;
  total: number;
  passMark: number;
  /** the indicators and the unit's score on each */
  scores: { name: string; weight: number; score: number }[];
}

/** 整改通知 (seed 001: 对考核结果为“不及格”的单位，以书面形式下达整改通知) as an official document. */
export function rectificationNoticeDocument(n: RectificationNoticeFacts): OfficialDocument {
  return {
    header: { issuerMark: n.issuer, docNumber: n.serialNo },
    title: `关于${n.orgName}廉政风险防控管理考核不及格限期整改的通知`,
    recipients: n.orgName,
    body: [
      { kind: 'paragraph', text: `在${n.schemeName}中，你单位总分为${n.total}分，低于及格分数线${n.passMark}分，考核等次为“不及格”。各项指标得分如下：` },
      { kind: 'table', header: ['考核指标', '权重', '得分'], rows: n.scores.map((s) => [s.name, `${s.weight}%`, String(s.score)]), widths: [6, 2, 2] },
      { kind: 'paragraph', text: `请你单位对照失分指标剖析原因，制定整改措施，落实整改责任，并于${chineseDate(n.deadline)}前将书面整改情况报告报送区纪委监委。` },
    ],
    issuer: n.issuer,
    date: n.issuedOn,
  };
}
