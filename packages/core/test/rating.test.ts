import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONSEQUENCE_RULE,
  DEFAULT_RATING_RULE,
  describeRatingRule,
  gradeForMaxLevel,
  planConsequenceTasks,
  rateOne,
  rateYear,
  RatingRule,
  ratingReason,
  yearHasEnded,
  type RatedWarning,
  type WarningLevel,
} from '../src/index.js';

const person = (personId: number, orgId = 10) => ({ kind: 'person' as const, personId, orgId });
const org = (orgId: number) => ({ kind: 'org' as const, orgId });
const w = (id: number, level: WarningLevel, issuedOn: string, subject: RatedWarning['subject']): RatedWarning => ({ id, serialNo: `示纪预〔${issuedOn.slice(0, 4)}〕${String(id).padStart(4, '0')}号`, level, issuedOn, subject });

describe('the rating rule (seed 000): 好 none, 中 level 1 only, 差 any level 2 or 3', () => {
  // Every combination of levels received in a year: the highest decides.
  const combos: [WarningLevel[], 'good' | 'fair' | 'poor'][] = [
    [[], 'good'],
    [[1], 'fair'],
    [[1, 1, 1], 'fair'],
    [[2], 'poor'],
    [[3], 'poor'],
    [[1, 2], 'poor'],
    [[1, 3], 'poor'],
    [[2, 3], 'poor'],
    [[1, 2, 3], 'poor'],
    [[3, 1, 1], 'poor'],
    [[2, 2], 'poor'],
  ];
  it.each(combos)('levels %j → %s', (levels, grade) => {
    const warnings = levels.map((level, i) => ({ id: i + 1, serialNo: null, level, issuedOn: `2026-0${i + 1}-10` }));
    const r = rateOne(2026, DEFAULT_RATING_RULE, person(1), warnings);
    expect(r.grade).toBe(grade);
    expect(r.maxLevel).toBe(levels.length ? Math.max(...levels) : 0);
    expect(r.warnings).toHaveLength(levels.length);
  });

  it.each([
    [0, 'good'],
    [1, 'fair'],
    [2, 'poor'],
    [3, 'poor'],
  ] as const)('gradeForMaxLevel(%s) = %s', (level, grade) => {
    expect(gradeForMaxLevel(DEFAULT_RATING_RULE, level)).toBe(grade);
  });

  it('names every warning in the reason, highest level first, then by date', () => {
    const r = rateOne(2026, DEFAULT_RATING_RULE, person(1), [
      { id: 7, serialNo: '示纪预〔2026〕0007号', level: 1, issuedOn: '2026-05-01' },
      { id: 3, serialNo: '示纪预〔2026〕0003号', level: 2, issuedOn: '2026-03-05' },
      { id: 9, serialNo: null, level: 1, issuedOn: '2026-02-01' },
    ]);
    expect(r.warnings.map((x) => x.id)).toEqual([3, 9, 7]);
    expect(r.reason).toBe('2026年度被实施二级预警1次（示纪预〔2026〕0003号，2026-03-05）、一级预警2次（预警#9，2026-02-01；示纪预〔2026〕0007号，2026-05-01），按规则评为“差”');
    expect(ratingReason(2025, 'good', [])).toBe('2025年度未被实施预警，按规则评为“好”');
  });

  it('rates every listed subject, only on warnings issued within the year, persons and orgs apart', () => {
    const warnings = [
      w(1, 1, '2026-01-01', person(1)), // first day counts
      w(2, 2, '2025-12-31', person(1)), // last year: ignored
      w(3, 3, '2027-01-01', person(2)), // next year: ignored
      w(4, 2, '2026-12-31', org(10)), // last day counts; the unit, not its people
      w(5, 1, '2026-06-30', person(3, 11)), // not on the roll (left): rated anyway
    ];
    const results = rateYear({ year: 2026, rule: DEFAULT_RATING_RULE, warnings, personIds: [{ personId: 1, orgId: 10 }, { personId: 2, orgId: 10 }], orgIds: [10, 11] });
    expect(results.map((r) => [r.subject.kind, r.subject.kind === 'person' ? r.subject.personId : r.subject.orgId, r.grade, r.warnings.map((x) => x.id)])).toEqual([
      ['org', 10, 'poor', [4]],
      ['org', 11, 'good', []],
      ['person', 1, 'fair', [1]],
      ['person', 2, 'good', []],
      ['person', 3, 'fair', [5]],
    ]);
  });

  it('follows a configured rule (data, not code)', () => {
    const strict = { none: 'good', level1: 'poor', level2: 'poor', level3: 'poor' } as const;
    expect(rateOne(2026, strict, org(1), [{ id: 1, serialNo: null, level: 1, issuedOn: '2026-02-02' }]).grade).toBe('poor');
    expect(describeRatingRule(DEFAULT_RATING_RULE)).toBe('好：当年未被实施预警；中：最高为一级预警；差：最高为二级或三级预警');
    expect(describeRatingRule(strict)).toBe('好：当年未被实施预警；差：最高为一级或二级或三级预警');
  });

  it.each([
    [{ none: 'good', level1: 'fair', level2: 'poor', level3: 'poor' }, true],
    [{ none: 'good', level1: 'good', level2: 'fair', level3: 'poor' }, true],
    [{ none: 'fair', level1: 'good', level2: 'poor', level3: 'poor' }, false], // a warning cannot improve a grade
    [{ none: 'good', level1: 'fair', level2: 'poor', level3: 'fair' }, false],
    [{ none: 'good', level1: 'fair', level2: 'bad', level3: 'poor' }, false],
  ])('RatingRule %j valid: %s', (rule, ok) => {
    expect(RatingRule.safeParse(rule).success).toBe(ok);
  });

  it.each([
    [2025, '2025-12-31', false],
    [2025, '2026-01-01', true],
    [2026, '2026-11-23', false],
  ])('year %s has ended on %s: %s', (year, today, ended) => {
    expect(yearHasEnded(year, today)).toBe(ended);
  });
});

describe('consequence tasks (seed 000)', () => {
  it('run tasks once, subject tasks per result, a collective talk once per unit', () => {
    const tasks = planConsequenceTasks(DEFAULT_CONSEQUENCE_RULE, [
      { resultId: 1, grade: 'good', orgId: 10, personId: 1 },
      { resultId: 2, grade: 'fair', orgId: 10, personId: 2 },
      { resultId: 3, grade: 'fair', orgId: 11, personId: 3 },
      { resultId: 4, grade: 'poor', orgId: 10, personId: null },
      { resultId: 5, grade: 'poor', orgId: 10, personId: 4 },
      { resultId: 6, grade: 'poor', orgId: 12, personId: 5 },
    ]);
    const show = tasks.map((t) => `${t.kind}:${t.grade ?? '-'}:${t.resultId ?? '-'}:${t.orgId ?? '-'}`);
    expect(show).toEqual([
      'filing:-:-:-',
      'notify_org_dept:-:-:-',
      'award_disqualification:-:-:-',
      'admonishment_talk:fair:2:10',
      'admonishment_talk:fair:3:11',
      'district_bulletin:-:-:-',
      'collective_talk:poor:-:10',
      'accountability:poor:4:10',
      'accountability:poor:5:10',
      'collective_talk:poor:-:12',
      'accountability:poor:6:12',
    ]);
  });

  it('a year of 好 brings nothing', () => {
    expect(planConsequenceTasks(DEFAULT_CONSEQUENCE_RULE, [{ resultId: 1, grade: 'good', orgId: 1, personId: null }])).toEqual([]);
  });
});
