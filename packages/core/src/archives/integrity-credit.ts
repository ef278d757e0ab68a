// 廉洁信用度 (seed 001: "依据廉政档案记录、考核每名干部的廉洁信用度"): a score computed from the
// archive by a formula that is configuration. It is always shown with its terms, so that nobody has
// to trust a bare number.
import { z } from 'zod';
import { ACCOUNTABILITY_FORMS, ACCOUNTABILITY_FORM_LABELS, type AccountabilityForm } from '../accountability/catalogue.js';
import { GRADE_LABELS, type Grade } from '../evaluations/rating.js';
import { WARNING_LEVEL_LABELS, type WarningLevel } from '../warnings/levels.js';

export const PERSONAL_MATTER_FINDINGS = ['accurate', 'minor_omission', 'concealment'] as const;
export type PersonalMatterFinding = (typeof PERSONAL_MATTER_FINDINGS)[number];
export const PERSONAL_MATTER_FINDING_LABELS: Record<PersonalMatterFinding, string> = {
  accurate: '如实报告',
  minor_omission: '漏报（情节较轻）',
  concealment: '隐瞒不报',
};

const Points = z.number().min(0).max(100);

export const CreditFormula = z.object({
  base: z.number().min(0).max(1000),
  /** facts older than this many years (before 1 January of the year that many years back) do not count */
  windowYears: z.number().int().min(1).max(20),
  floor: z.number().min(0),
  warning: z.object({ level1: Points, level2: Points, level3: Points }),
  rating: z.object({ fair: Points, poor: Points }),
  accountability: z.object(Object.fromEntries(ACCOUNTABILITY_FORMS.map((f) => [f, Points])) as Record<AccountabilityForm, typeof Points>),
  personalMatter: z.object({ minor_omission: Points, concealment: Points }),
});
export type CreditFormula = z.infer<typeof CreditFormula>;

export const DEFAULT_CREDIT_FORMULA: CreditFormula = {
  base: 100,
  windowYears: 3,
  floor: 0,
  warning: { level1: 5, level2: 10, level3: 20 },
  rating: { fair: 5, poor: 15 },
  accountability: { admonish_remind: 5, admonish_supervise: 8, admonish_correct: 10, circulated_criticism: 15, suspension: 20, reassignment: 20, case_transfer: 40 },
  personalMatter: { minor_omission: 5, concealment: 20 },
};

export interface CreditFacts {
  warnings: { level: WarningLevel; issuedOn: string }[];
  ratings: { year: number; grade: Grade }[];
  accountability: { form: AccountabilityForm; decidedOn: string }[];
  personalMatters: { finding: PersonalMatterFinding | null; checkedOn: string | null }[];
}

export interface CreditTerm {
  label: string;
  count: number;
  /** points per occurrence (deducted) */
  points: number;
  subtotal: number;
}

export interface IntegrityCredit {
  score: number;
  base: number;
  floor: number;
  since: string;
  terms: CreditTerm[];
  /** e.g. 100 − 二级预警1次×10 − 考评“中”1次×5 = 85 */
  expression: string;
}

/**
 * The credit as of `today`: base minus the points of every fact dated since 1 January of the year
 * `windowYears − 1` years back (a three-year window in 2026 counts 2024–2026), never below `floor`.
 */
export function integrityCredit(formula: CreditFormula, facts: CreditFacts, today: string): IntegrityCredit {
  const year = Number(today.slice(0, 4));
  const firstYear = year - formula.windowYears + 1;
  const since = `${firstYear}-01-01`;
  const inWindow = (d: string | null) => d !== null && d >= since && d <= today;
  const terms: CreditTerm[] = [];
  const term = (label: string, count: number, points: number) => {
    if (count > 0 && points > 0) terms.push({ label, count, points, subtotal: count * points });
  };
  for (const level of [3, 2, 1] as const) {
    term(WARNING_LEVEL_LABELS[level], facts.warnings.filter((w) => w.level === level && inWindow(w.issuedOn)).length, formula.warning[`level${level}`]);
  }
  for (const grade of ['poor', 'fair'] as const) {
    term(`廉情预警考评“${GRADE_LABELS[grade]}”`, facts.ratings.filter((r) => r.grade === grade && r.year >= firstYear && r.year <= year).length, formula.rating[grade]);
  }
  for (const form of [...ACCOUNTABILITY_FORMS].reverse()) {
    term(`问责：${ACCOUNTABILITY_FORM_LABELS[form]}`, facts.accountability.filter((a) => a.form === form && inWindow(a.decidedOn)).length, formula.accountability[form]);
  }
  for (const finding of ['concealment', 'minor_omission'] as const) {
    term(`个人有关事项报告：${finding === 'concealment' ? '隐瞒不报' : '漏报'}`, facts.personalMatters.filter((p) => p.finding === finding && inWindow(p.checkedOn)).length, formula.personalMatter[finding]);
  }
  const deducted = terms.reduce((s, t) => s + t.subtotal, 0);
  const score = Math.max(formula.floor, formula.base - deducted);
  const expression = `${formula.base}${terms.map((t) => ` − ${t.label}${t.count}次×${t.points}`).join('')}${score !== formula.base - deducted ? `（不低于${formula.floor}）` : ''} = ${score}`;
  return { score, base: formula.base, floor: formula.floor, since, terms, expression };
}
