// 廉情预警考评 (seed 000): every unit and every person is rated each year from the warnings they
// received in that year — 好 none, 中 level 1 only, 差 any level 2 or 3. The rule is data (a grade
// for "no warning" and for each highest level); the default is the seed's.
import { z } from 'zod';
import { WARNING_LEVEL_LABELS, WARNING_LEVELS, type WarningLevel } from '../warnings/levels.js';

export const GRADES = ['good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { good: '好', fair: '中', poor: '差' };
/** Worse grades sort higher. */
const GRADE_RANK: Record<Grade, number> = { good: 0, fair: 1, poor: 2 };


const GradeEnum = z.enum(GRADES);

/** The grade for a year without warning, and for each highest warning level received. */
export const RatingRule = z
  .object({ none: GradeEnum, level1: GradeEnum, level2: GradeEnum, level3: GradeEnum })
  .refine((r) => GRADE_RANK[r.none] <= GRADE_RANK[r.level1] && GRADE_RANK[r.level1] <= GRADE_RANK[r.level2] && GRADE_RANK[r.level2] <= GRADE_RANK[r.level3], {
    message: '预警级别越高，评定等次不能越好',
  });
export type RatingRule = z.infer<typeof RatingRule>;

/** Seed 000: 好 no warning in the year, 中 level 1, 差 level 2 or 3. */
export const DEFAULT_RATING_RULE: RatingRule = { none: 'good', level1: 'fair', level2: 'poor', level3: 'poor' };

export function gradeForMaxLevel(rule: RatingRule, maxLevel: 0 | WarningLevel): Grade {
  return maxLevel === 0 ? rule.none : maxLevel === 1 ? rule.level1 : maxLevel === 2 ? rule.level2 : rule.level3;
}

/** The rule in words: 好：当年未被实施预警；中：最高为一级预警；差：最高为二级或三级预警. */
export function describeRatingRule(rule: RatingRule): string {
  return GRADES.map((g) => {
    const conditions: string[] = [];
    if (rule.none === g) conditions.push('当年未被实施预警');
    const levels = WARNING_LEVELS.filter((l) => gradeForMaxLevel(rule, l) === g);
    if (levels.length) conditions.push(`最高为${levels.map((l) => WARNING_LEVEL_LABELS[l].slice(0, 2)).join('或')}预警`);
    return conditions.length ? `${GRADE_LABELS[g]}：${conditions.join('，或')}` : null;
  })
    .filter((x): x is string => x !== null)
    .join('；');
}

export type RatingSubject = { kind: 'person'; personId: number; orgId: number } | { kind: 'org'; orgId: number };

export interface RatedWarning {
  id: number;
  serialNo: string | null;
  level: WarningLevel;
  /** ISO date */
  issuedOn: string;
  subject: RatingSubject;
}

export interface WarningRef {
  id: number;
  serialNo: string | null;
  level: WarningLevel;
  issuedOn: string;
}

export interface Rating {
  subject: RatingSubject;
  grade: Grade;
  maxLevel: 0 | WarningLevel;
  /** The warnings of the year that decided the grade, highest level first, then by date. */
  warnings: WarningRef[];
  reason: string;
}

const subjectKey = (s: RatingSubject) => (s.kind === 'person' ? `p${s.personId}` : `o${s.orgId}`);

const byLevelThenDate = (a: WarningRef, b: WarningRef) => b.level - a.level || a.issuedOn.localeCompare(b.issuedOn) || a.id - b.id;

/**
 * Why a subject got its grade, naming every warning of the year, e.g.
 * 2026年度被实施二级预警1次（示纪预〔2026〕0002号，2026-03-05）、一级预警1次（…），按规则评为“差”.
 */
export function ratingReason(year: number, grade: Grade, warnings: readonly WarningRef[]): string {
  if (warnings.length === 0) return `${year}年度未被实施预警，按规则评为“${GRADE_LABELS[grade]}”`;
  const parts = [...WARNING_LEVELS]
    .reverse()
    .map((level) => {
      const ws = warnings.filter((w) => w.level === level).sort(byLevelThenDate);
      if (ws.length === 0) return null;
      const refs = ws.map((w) => `${w.serialNo ?? `预警#${w.id}`}，${w.issuedOn}`).join('；');
      return `${WARNING_LEVEL_LABELS[level]}${ws.length}次（${refs}）`;
    })
    .filter((p): p is string => p !== null);
  return `${year}年度被实施${parts.join('、')}，按规则评为“${GRADE_LABELS[grade]}”`;
}

export function rateOne(year: number, rule: RatingRule, subject: RatingSubject, warnings: readonly WarningRef[]): Rating {
  const sorted = [...warnings].sort(byLevelThenDate);
  const maxLevel = (sorted[0]?.level ?? 0) as 0 | WarningLevel;
  const grade = gradeForMaxLevel(rule, maxLevel);
  return { subject, grade, maxLevel, warnings: sorted, reason: ratingReason(year, grade, sorted) };
}

/**
 * Rates every listed person and org for `year` from the warnings issued in that year (by `issuedOn`).
 * A warning addressed to a person counts for that person, one addressed to an org for that org.
 * Subjects with a warning in the year are rated even when not listed: nobody escapes a rating by
 * having left the roll. Results: orgs first, then people, each by id.
 */
export function rateYear(input: { year: number; rule: RatingRule; warnings: readonly RatedWarning[]; personIds: readonly { personId: number; orgId: number }[]; orgIds: readonly number[] }): Rating[] {
  const from = `${input.year}-01-01`;
  const to = `${input.year}-12-31`;
  const subjects = new Map<string, { subject: RatingSubject; warnings: WarningRef[] }>();
  for (const orgId of input.orgIds) subjects.set(`o${orgId}`, { subject: { kind: 'org', orgId }, warnings: [] });
  for (const p of input.personIds) subjects.set(`p${p.personId}`, { subject: { kind: 'person', personId: p.personId, orgId: p.orgId }, warnings: [] });
  for (const w of input.warnings) {
    if (w.issuedOn < from || w.issuedOn > to) continue;
    const key = subjectKey(w.subject);
    const entry = subjects.get(key) ?? { subject: w.subject, warnings: [] };
    entry.warnings.push({ id: w.id, serialNo: w.serialNo, level: w.level, issuedOn: w.issuedOn });
    subjects.set(key, entry);
  }
  return [...subjects.values()]
    .map((s) => rateOne(input.year, input.rule, s.subject, s.warnings))
    .sort((a, b) =>
      a.subject.kind !== b.subject.kind
        ? a.subject.kind === 'org'
          ? -1
          : 1
        : a.subject.kind === 'org'
          ? a.subject.orgId - b.subject.orgId
          : (a.subject as { personId: number }).personId - (b.subject as { personId: number }).personId,
    );
}

/** A run may be confirmed only once its year has ended (Asia/Shanghai); before, only previewed. */
export function yearHasEnded(year: number, today: string): boolean {
  return today > `${year}-12-31`;
}
