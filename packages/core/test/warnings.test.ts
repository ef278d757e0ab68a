import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  DEFAULT_WARNING_RULES,
  escalationDeadlines,
  escalationTarget,
  isOverdue,
  isWarningIssuer,
  isWarningSubject,
  warningActions,
  type Actor,
  type Permission,
  type ResolvedScope,
  missingAnswerFields,
  noticeDocument,
  missingRecords,
  requiredAnswerFields,
  ruleFor,
  transition,
  unknownMeasures,
  warningDeadline,
  warningLook,
  WARNING_STATUSES,
  type HolidayCalendar,
  type WarningStatus,
} from '../src/index.js';

const range = (from: string, to: string) => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) days.push(d);
  return days;
};

// The real 2026 calendar (国办发明电〔2025〕7号), as migration 0005 seeds it.
const CAL_2026: HolidayCalendar = {
  holidays: new Set([
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ]),
  workdays: new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
};
const rules = DEFAULT_WARNING_RULES;

describe('what each level demands (seed 000)', () => {
  it('level 1: a written explanation; level 2: explanation, rectification, written report; level 3: talk, filing, rectification, report', () => {
    expect(rules.map((r) => [r.level, r.demands, r.notices])).toEqual([
      [1, ['explanation'], ['warning_notice']],
      [2, ['explanation', 'rectification', 'rectification_report'], ['rectification_notice']],
      [3, ['admonishment_talk', 'personnel_filing', 'rectification', 'rectification_report'], ['rectification_notice', 'admonishment_notice']],
    ]);
  });

  it.each([
    [1, ['explanation']],
    [2, ['explanation', 'causes', 'measures', 'report']],
    [3, ['causes', 'measures', 'report']],
  ] as const)('level %i answer asks for %j', (level, fields) => {
    expect(requiredAnswerFields(ruleFor(rules, level).demands)).toEqual(fields);
  });

  it.each([
    ['level 1, explained', 1, { explanation: '已说明' }, []],
    ['level 1, blank explanation', 1, { explanation: '  ' }, ['explanation']],
    ['level 2, report only', 2, { report: '已整改' }, ['explanation', 'causes', 'measures']],
    ['level 2, complete', 2, { explanation: 'a', causes: 'b', measures: 'c', report: 'd' }, []],
    ['level 3, no report', 3, { causes: 'b', measures: 'c' }, ['report']],
  ] as const)('missing answer fields: %s', (_l, level, answer, missing) => {
    expect(missingAnswerFields(ruleFor(rules, level).demands, answer)).toEqual(missing);
  });

  it.each([
    [1, { talkHeld: false, filed: false }, []],
    [3, { talkHeld: false, filed: false }, ['admonishment_talk', 'personnel_filing']],
    [3, { talkHeld: true, filed: false }, ['personnel_filing']],
    [3, { talkHeld: true, filed: true }, []],
  ] as const)('level %i records before acceptance %j → missing %j', (level, records, missing) => {
    expect(missingRecords(ruleFor(rules, level).demands, records)).toEqual(missing);
  });

  it('measures come from the dictionary of the subject kind', () => {
    expect(unknownMeasures('person', ['提醒', '诫勉谈话'])).toEqual([]);
    expect(unknownMeasures('person', ['纪检建议书'])).toEqual(['纪检建议书']);
    expect(unknownMeasures('org', ['责成召开专题民主生活会', '罚款'])).toEqual(['罚款']);
  });
});

describe('the state machine', () => {
  const cases: [WarningStatus, 1 | 2 | 3, Parameters<typeof transition>[2], boolean, ReturnType<typeof transition>][] = [
    ['issued', 1, 'acknowledge', false, { ok: true, status: 'acknowledged', outcome: null }],
    ['acknowledged', 1, 'acknowledge', false, { ok: false, code: 'warnings.already_acknowledged' }],
    ['issued', 1, 'respond', false, { ok: false, code: 'warnings.not_acknowledged' }],
    ['acknowledged', 2, 'respond', false, { ok: true, status: 'answered', outcome: null }],
    ['answered', 2, 'respond', false, { ok: false, code: 'warnings.already_answered' }],
    ['answered', 1, 'accept', false, { ok: true, status: 'closed', outcome: 'accepted' }],
    ['acknowledged', 1, 'accept', false, { ok: false, code: 'warnings.not_answered' }],
    ['answered', 1, 'judge_inadequate', false, { ok: true, status: 'escalated', outcome: 'inadequate' }],
    ['answered', 2, 'judge_inadequate', false, { ok: true, status: 'escalated', outcome: 'inadequate' }],
    ['answered', 3, 'judge_inadequate', false, { ok: true, status: 'referred', outcome: 'inadequate' }],
    ['issued', 1, 'escalate_overdue', true, { ok: true, status: 'escalated', outcome: 'overdue' }],
    ['acknowledged', 3, 'escalate_overdue', true, { ok: true, status: 'referred', outcome: 'overdue' }],
    ['acknowledged', 1, 'escalate_overdue', false, { ok: false, code: 'warnings.not_overdue' }],
    ['answered', 1, 'escalate_overdue', true, { ok: false, code: 'warnings.not_overdue' }],
    ['closed', 1, 'judge_inadequate', false, { ok: false, code: 'warnings.closed' }],
    ['closed', 1, 'accept', false, { ok: false, code: 'warnings.closed' }],
    ['escalated', 1, 'escalate_overdue', true, { ok: false, code: 'warnings.closed' }],
    ['referred', 3, 'respond', false, { ok: false, code: 'warnings.closed' }],
  ];
  it.each(cases)('%s (level %i) + %s (overdue %s)', (status, level, event, overdue, expected) => {
    expect(transition(status, level, event, overdue)).toEqual(expected);
  });

  it('every status is covered', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(WARNING_STATUSES));
  });

  it.each([
    ['issued', '2026-10-08', '2026-10-08', false], // the deadline day is still in time
    ['issued', '2026-10-08', '2026-10-09', true],
    ['acknowledged', '2026-10-08', '2026-10-12', true],
    ['answered', '2026-10-08', '2026-10-12', false], // waits for the reviewer
    ['closed', '2026-10-08', '2026-10-12', false],
  ] as const)('%s with deadline %s is overdue on %s: %s', (status, deadline, today, expected) => {
    expect(isOverdue({ status, deadline }, today)).toBe(expected);
  });
});

describe('escalation (seed 000)', () => {
  it('1 → 2 → 3 → accountability referral', () => {
    expect([1, 2, 3].map((l) => escalationTarget(l as 1 | 2 | 3))).toEqual([
      { kind: 'warning', level: 2 },
      { kind: 'warning', level: 3 },
      { kind: 'referral' },
    ]);
  });
});

describe('deadlines on the 2026 working-day calendar', () => {
  // Default limits: level 1 five working days, level 2 ten, level 3 fifteen.
  it.each([
    ['level 1 issued the day before 国庆', 1, '2026-09-30', null, '2026-10-13'], // 10-08, 09, 10 (调休 Saturday), 12, 13
    ['level 1 issued on the Friday before the 中秋 break', 1, '2026-09-18', null, '2026-09-24'], // 9-20 调休 Sun counts
    ['level 2 issued just before 中秋 and 国庆', 2, '2026-09-24', null, '2026-10-15'], // 9-28, 29, 30, then 10-08 … 15 with the 调休 Saturday
    ['level 1 issued on the Friday before 春节', 1, '2026-02-13', null, '2026-02-27'], // 14 (调休), 24, 25, 26, 27
    ['level 3 across 春节', 3, '2026-02-10', null, '2026-03-09'],
    ['level 2 in an ordinary fortnight', 2, '2026-11-23', null, '2026-12-07'],
    ['a chosen deadline on 国庆 moves to the first working day after it', 1, '2026-09-28', '2026-10-03', '2026-10-08'],
    ['a chosen deadline on the 春节 Monday moves to Tuesday', 1, '2026-02-10', '2026-02-23', '2026-02-24'],
    ['a chosen deadline on a 调休 Saturday stays', 1, '2026-09-28', '2026-10-10', '2026-10-10'],
    ['a chosen working day stays', 1, '2026-11-23', '2026-11-30', '2026-11-30'],
  ] as const)('%s', (_label, level, issuedOn, chosen, expected) => {
    expect(warningDeadline(CAL_2026, ruleFor(rules, level), issuedOn, chosen)).toBe(expected);
  });

  it('escalations raised on the first day after 国庆 get their deadlines per level', () => {
    expect(escalationDeadlines(CAL_2026, rules, '2026-10-08')).toEqual({ 2: '2026-10-21', 3: '2026-10-28' });
  });
});

describe('colours', () => {
  it('blue/orange/red by level; overdue highlighted', () => {
    expect(warningLook(rules, 1, false)).toEqual({ colour: '#1677ff', highlight: null });
    expect(warningLook(rules, 2, false)).toEqual({ colour: '#fa8c16', highlight: null });
    expect(warningLook(rules, 3, true)).toEqual({ colour: '#f5222d', highlight: '#a8071a' });
    const green = rules.map((r) => (r.level === 1 ? { ...r, colour: '#52c41a' } : r));
    expect(warningLook(green, 1, true, '#000000')).toEqual({ colour: '#52c41a', highlight: '#000000' });
  });
});

describe('notices', () => {
  const facts = {
    serialNo: '示纪预〔2026〕1号',
    issuedOn: '2026-11-23',
    subjectKind: 'person' as const,
    subjectName: '王芳',
    subjectOrgName: '东城街道财政所',
    issuerOrgName: '示范区纪委监委',
    facts: '报销私人行程交通费。',
    disposalMeasures: ['提醒'],
    deadline: '2026-11-30',
  };

  it('预警通知书 for level 1: addressed to the person, what is demanded and by when, 此件不公开', () => {
    const doc = noticeDocument({ ...facts, kind: 'warning_notice', level: 1, demands: ['explanation'], talk: null });
    expect(doc).toMatchObject({
      header: { issuerMark: '示范区纪委监委', docNumber: '示纪预〔2026〕1号' },
      title: '关于对王芳同志发出廉政风险一级预警的通知',
      recipients: '王芳同志',
      issuer: '示范区纪委监委',
      date: '2026-11-23',
      note: '此件不公开',
    });
    const text = JSON.stringify(doc.body);
    expect(text).toContain('报销私人行程交通费。');
    expect(text).toContain('就上述问题提交书面情况说明（书面情况说明）');
    expect(text).toContain('请于2026年11月30日前');
  });

  it('整改通知书 for a unit at level 3 is copied to the personnel department; 诫勉谈话通知 gives the talk', () => {
    const base = { ...facts, subjectKind: 'org' as const, subjectName: '东城街道财政所', level: 3 as const, demands: ['admonishment_talk', 'personnel_filing', 'rectification', 'rectification_report'] as const };
    const rect = noticeDocument({ ...base, demands: [...base.demands], kind: 'rectification_notice', talk: null });
    expect(rect.title).toBe('关于责令东城街道财政所限期整改的通知（三级预警）');
    expect(rect.record).toEqual({ cc: '同级组织人事部门', printer: '示范区纪委监委', printDate: '2026-11-23' });
    expect(JSON.stringify(rect.body)).toContain('移送问责');
    const talk = noticeDocument({ ...base, demands: [...base.demands], kind: 'admonishment_notice', talk: { scheduledOn: '2026-12-10', place: '区纪委谈话室', talker: '区纪委副书记' } });
    expect(talk.title).toBe('关于对东城街道财政所主要负责人进行诫勉谈话的通知');
    expect(JSON.stringify(talk.body)).toContain('谈话时间：2026年12月10日；谈话地点：区纪委谈话室；谈话人：区纪委副书记。');
  });
});

describe('who answers and who issues', () => {
  const grant = (roleCode: string, permissions: Permission[], scope: ResolvedScope) => ({ roleCode, permissions: new Set(permissions), scope });
  const actor = (personId: number | null, ...grants: ReturnType<typeof grant>[]): Actor => ({ userId: 1, username: 'u', displayName: 'U', personId, orgId: 9, grants });
  const cadre = actor(70, grant('cadre', ['warnings.read', 'warnings.answer'], { kind: 'self', personId: 70, orgIds: [9] }));
  const unitOfficer = actor(71, grant('unit_officer', ['warnings.read', 'warnings.answer'], { kind: 'subtrees', paths: ['1.5.9.'] }));
  const admin = actor(null, grant('sysadmin', ['warnings.read', 'warnings.issue', 'warnings.answer'], { kind: 'all' }));
  const town = actor(null, grant('township', ['warnings.read', 'warnings.issue'], { kind: 'subtrees', paths: ['1.5.'] }));
  const toCadre = { subjectKind: 'person' as const, subjectPersonId: 70, subjectOrgId: 9, subjectOrgPath: '1.5.9.' };
  const toUnit = { subjectKind: 'org' as const, subjectPersonId: null, subjectOrgId: 9, subjectOrgPath: '1.5.9.' };

  it.each([
    ['the cadre answers their own warning', cadre, toCadre, true],
    ['the cadre does not answer for the unit', cadre, toUnit, false],
    ['the unit officer answers for the unit', unitOfficer, toUnit, true],
    ['the unit officer does not answer for a colleague', unitOfficer, toCadre, false],
    ['an all-scope administrator answers for no unit', admin, toUnit, false],
    ['an issuer is no subject', town, toUnit, false],
  ] as const)('%s', (_l, a, w, expected) => {
    expect(isWarningSubject(a, w)).toBe(expected);
  });

  it('actions follow the state, the deadline and the role', () => {
    const w = { ...toUnit, level: 3 as const, status: 'issued' as const, deadline: '2026-11-30', talkHeld: false };
    expect(warningActions(unitOfficer, w, '2026-11-23')).toEqual(['acknowledge']);
    expect(warningActions(unitOfficer, { ...w, status: 'acknowledged' }, '2026-11-23')).toEqual(['answer']);
    expect(warningActions(unitOfficer, { ...w, status: 'acknowledged' }, '2026-12-01')).toEqual([]);
    expect(warningActions(town, { ...w, status: 'acknowledged' }, '2026-12-01')).toEqual(['escalate', 'scheduleTalk', 'recordTalk', 'recordFiling']);
    expect(warningActions(town, { ...w, status: 'answered', talkHeld: true }, '2026-12-01')).toEqual(['review', 'recordFiling']);
    expect(warningActions(town, { ...w, status: 'closed' }, '2026-12-01')).toEqual([]);
    expect(isWarningIssuer(town, { subjectOrgId: 30, subjectOrgPath: '1.30.' })).toBe(false);
  });
});
