import { describe, expect, it } from 'vitest';
import { assessmentGrade, AssessmentThresholds, bottomRankingRuns, DEFAULT_ASSESSMENT_THRESHOLDS, failingAssessmentWarning, rateToScore, weightedTotal, weightsProblem, type RankedResult } from '../src/index.js';

describe('assessment weights must sum to 100%', () => {
  const ind = (...weights: number[]) => weights.map((weight, i) => ({ name: `指标${i + 1}`, weight }));
  it.each([
    [ind(40, 30, 30), null],
    [ind(33.3, 33.3, 33.4), null],
    [ind(100), null],
    [ind(40, 30, 25), '指标权重合计为 95%，应为 100%'],
    [ind(60, 50), '指标权重合计为 110%，应为 100%'],
    [ind(33.3, 33.3, 33.3), '指标权重合计为 99.9%，应为 100%'],
    [ind(50, 0, 50), '指标“指标2”的权重须为大于 0 的数，至多一位小数'],
    [ind(50, -10, 60), '指标“指标2”的权重须为大于 0 的数，至多一位小数'],
    [ind(33.33, 66.67), '指标“指标1”的权重须为大于 0 的数，至多一位小数'],
    [[], '考核方案至少需要一项指标'],
  ])('%j → %s', (indicators, problem) => {
    expect(weightsProblem(indicators)).toBe(problem);
  });
});

describe('weighted total and grade (seed 001: 优秀/良好/及格/不及格)', () => {
  it.each([
    [[{ weight: 40, score: 100 }, { weight: 60, score: 50 }], 70],
    [[{ weight: 33.3, score: 90 }, { weight: 33.3, score: 80 }, { weight: 33.4, score: 70 }], 79.99],
    [[{ weight: 100, score: 0 }], 0],
  ])('%j → %s', (items, total) => {
    expect(weightedTotal(items)).toBe(total);
  });

  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79.99, 'pass'],
    [60, 'pass'],
    [59.99, 'fail'],
    [0, 'fail'],
  ] as const)('%s → %s with 90/80/60', (total, grade) => {
    expect(assessmentGrade(DEFAULT_ASSESSMENT_THRESHOLDS, total)).toBe(grade);
  });

  it('thresholds must descend', () => {
    expect(AssessmentThresholds.safeParse({ excellent: 90, good: 80, pass: 60 }).success).toBe(true);
    expect(AssessmentThresholds.safeParse({ excellent: 80, good: 80, pass: 60 }).success).toBe(false);
    expect(AssessmentThresholds.safeParse({ excellent: 90, good: 50, pass: 60 }).success).toBe(false);
  });

  it('a computed rate becomes a score, and is unknown when nothing was due', () => {
    expect(rateToScore(3, 4)).toBe(75);
    expect(rateToScore(2, 3)).toBe(66.67);
    expect(rateToScore(5, 4)).toBe(100);
    expect(rateToScore(0, 0)).toBeNull();
  });
});

describe('bottom of the ranking three years running (seed 001)', () => {
  const r = (year: number, orgId: number, total: number, schemeId = year): RankedResult => ({ schemeId, year, orgId, total });
  const years = (...rows: [number, Record<number, number>][]) => rows.flatMap(([year, totals]) => Object.entries(totals).map(([o, t]) => r(year, Number(o), t)));

  it('flags the unit last in each of the three years up to the given one', () => {
    const results = years([2024, { 1: 70, 2: 80, 3: 90 }], [2025, { 1: 65, 2: 85, 3: 95 }], [2026, { 1: 50, 2: 60, 3: 99 }]);
    expect(bottomRankingRuns({ years: 3, bottomPlaces: 1 }, results, 2026)).toEqual([
      { orgId: 1, years: [{ year: 2024, place: 3, of: 3, total: 70 }, { year: 2025, place: 3, of: 3, total: 65 }, { year: 2026, place: 3, of: 3, total: 50 }] },
    ]);
  });

  it('a year off the bottom, or not assessed, breaks the run', () => {
    const results = years([2024, { 1: 70, 2: 60 }], [2025, { 1: 65, 2: 85 }], [2026, { 1: 50, 2: 60 }]);
    expect(bottomRankingRuns({ years: 3, bottomPlaces: 1 }, results, 2026)).toEqual([]);
    const gap = years([2024, { 1: 70, 2: 80 }], [2026, { 1: 50, 2: 60 }]);
    expect(bottomRankingRuns({ years: 3, bottomPlaces: 1 }, gap, 2026)).toEqual([]);
    expect(bottomRankingRuns({ years: 2, bottomPlaces: 1 }, years([2025, { 1: 65, 2: 85 }], [2026, { 1: 50, 2: 60 }]), 2026).map((f) => f.orgId)).toEqual([1]);
  });

  it('ties at the bottom are all at the bottom; bottomPlaces widens it', () => {
    const results = years([2024, { 1: 70, 2: 70, 3: 90 }], [2025, { 1: 60, 2: 60, 3: 95 }], [2026, { 1: 50, 2: 50, 3: 99 }]);
    expect(bottomRankingRuns({ years: 3, bottomPlaces: 1 }, results, 2026).map((f) => f.orgId)).toEqual([1, 2]);
    expect(bottomRankingRuns({ years: 3, bottomPlaces: 1 }, results, 2026)[0]!.years[0]).toEqual({ year: 2024, place: 2, of: 3, total: 70 });
    const spread = years([2024, { 1: 70, 2: 75, 3: 90 }], [2025, { 1: 60, 2: 65, 3: 95 }], [2026, { 1: 50, 2: 55, 3: 99 }]);
    expect(bottomRankingRuns({ years: 3, bottomPlaces: 2 }, spread, 2026).map((f) => f.orgId)).toEqual([1, 2]);
  });

  it('ranks within a scheme: two schemes in a year are two rankings', () => {
    const results = [r(2026, 1, 50, 10), r(2026, 2, 90, 10), r(2026, 3, 99, 11), r(2026, 4, 95, 11)];
    expect(bottomRankingRuns({ years: 2, bottomPlaces: 1 }, [...results, r(2025, 1, 1, 9), r(2025, 4, 1, 8), r(2025, 9, 5, 8)], 2026).map((f) => f.orgId)).toEqual([1, 4]);
  });
});

describe('不及格 goes through the warning machinery (seed 001: 以书面形式下达整改通知)', () => {
  const scores = [
    { name: '风险排查与防控措施落实', weight: 40, score: 52 },
    { name: '制度建设与执行', weight: 35, score: 100 },
    { name: '廉政教育与谈话', weight: 25, score: 56 },
  ];
  it('an org warning of level 2 whose facts name the total, the pass mark and the indicators that lost points', () => {
    expect(failingAssessmentWarning({ schemeName: '2025年度乡镇（街道）站所廉政风险防控管理考核', total: 49.8, passMark: 60, scores })).toEqual({
      level: 2,
      facts: '在2025年度乡镇（街道）站所廉政风险防控管理考核中，总分为49.8分，低于及格分数线60分，考核等次为“不及格”。失分指标：风险排查与防控措施落实（权重40%）52分；廉政教育与谈话（权重25%）56分。',
      basis: '《2025年度乡镇（街道）站所廉政风险防控管理考核》考核结果为“不及格”：以书面形式下达整改通知，限期整改。',
      disposalMeasures: ['限期整改'],
    });
  });
});
