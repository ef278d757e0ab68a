import { describe, expect, it } from 'vitest';
import {
  answerableLeaders,
  assignTalker,
  commissionTalkers,
  DEFAULT_TALKER_RULES,
  EMPTY_CALENDAR,
  talkDueDates,
  talkerCandidates,
  type HolidayCalendar,
  type PostHolder,
  type TalkerDirectory,
  type TalkSubject,
} from '../src/index.js';

// A small tree: commission 1 (书记 100, 副书记 101/102, 常委 103/104) with dispatched group 2
// (组长 200) supervising department 10; department 10 (局长 110 principal, 副局长 111/112, 纪检监察员
// 113) with section 11 (科员 114); township commission 20 (纪（工）委书记 120) with unit 21 (所长 121
// principal, 纪检负责人 122, 会计 123) and community 22 (主任 130 principal, 社区工作者 131).
const orgs = new Map(
  [
    { id: 1, parentId: null, kind: 'commission' },
    { id: 2, parentId: 1, kind: 'dispatched_group' },
    { id: 10, parentId: 1, kind: 'unit' },
    { id: 11, parentId: 10, kind: 'section' },
    { id: 20, parentId: 1, kind: 'township_commission' },
    { id: 21, parentId: 20, kind: 'unit' },
    { id: 22, parentId: 20, kind: 'unit' },
  ].map((o) => [o.id, o]),
);
const h = (personId: number, orgId: number, postName: string, isLeadershipPost = false, isPrincipalLeader = false): PostHolder => ({ personId, orgId, postName, isLeadershipPost, isPrincipalLeader });
const holders: PostHolder[] = [
  h(100, 1, '书记', true, true),
  h(101, 1, '副书记', true),
  h(102, 1, '副书记', true),
  h(103, 1, '常委', true),
  h(104, 1, '常委', true),
  h(200, 2, '组长', true),
  h(201, 2, '监督员'),
  h(110, 10, '党组书记、局长', true, true),
  h(111, 10, '副局长', true),
  h(112, 10, '副局长', true),
  h(113, 10, '纪检监察员'),
  h(114, 11, '科员'),
  h(120, 20, '纪（工）委书记', true),
  h(121, 21, '所长', true, true),
  h(122, 21, '纪检负责人'),
  h(123, 21, '会计'),
  h(130, 22, '主任', true, true),
  h(131, 22, '社区工作者'),
];
const dir: TalkerDirectory = {
  orgs,
  supervisedBy: new Map([[10, [2]]]),
  holders: new Map([...new Set(holders.map((x) => x.orgId))].map((o) => [o, holders.filter((x) => x.orgId === o)])),
};
const subject = (personId: number, orgId: number, talkClass: 'A' | 'B' | 'C', leader = false, principal = false): TalkSubject => ({ personId, orgId, talkClass, isLeadershipMember: leader, isPrincipalLeader: principal });

describe('talker by talk class and the org tree (seed 001)', () => {
  it.each([
    // [who, subject, role, assignable, eligible]
    ['A: principal of a supervised department → the group leader (standing members may too)', subject(110, 10, 'A', true, true), 'group_leader', [200], [103, 104, 200]],
    ['A: section member under a supervised department → the group leader', subject(114, 11, 'A'), 'group_leader', [200], [103, 104, 200]],
    ['A: principal of a township unit (no group) → the standing members', subject(121, 21, 'A', true, true), 'standing_member', [103, 104], [103, 104]],
    ['B: a deputy → the principal of their unit', subject(111, 10, 'B', true), 'leader_in_charge', [110], [110]],
    ['B: staff of a section → the deputies of the department', subject(114, 11, 'B'), 'leader_in_charge', [111, 112], [110, 111, 112]],
    ['B: staff of a unit with only a principal → the principal', subject(123, 21, 'B'), 'leader_in_charge', [121], [121]],
    ['B: a principal → the township commission leader above', subject(121, 21, 'B', true, true), 'leader_in_charge', [120], [120]],
    ['C: an accountant → the unit’s discipline officer', subject(123, 21, 'C'), 'discipline_officer', [122], [122]],
    ['C: section staff → the department’s 纪检监察员', subject(114, 11, 'C'), 'discipline_officer', [113], [113]],
    ['C: community worker (no officer) → the township 纪（工）委书记', subject(131, 22, 'C'), 'discipline_officer', [120], [120]],
    ['C: the discipline officer himself → the next one up', subject(122, 21, 'C'), 'discipline_officer', [120], [120]],
  ] as const)('%s', (_label, s, role, assignable, eligible) => {
    const c = talkerCandidates(dir, DEFAULT_TALKER_RULES, s);
    expect({ role: c.role, assignable: c.assignable, eligible: c.eligible }).toEqual({ role, assignable, eligible });
  });

  it('finds nobody when the posts are missing, and says why', () => {
    const bare: TalkerDirectory = { orgs, supervisedBy: new Map(), holders: new Map() };
    expect(talkerCandidates(bare, DEFAULT_TALKER_RULES, subject(123, 21, 'C'))).toEqual({ role: null, assignable: [], eligible: [], reason: 'C类：所在单位及上级均未登记“纪检负责人、纪检监察员、纪（工）委书记”岗位' });
    expect(talkerCandidates(bare, DEFAULT_TALKER_RULES, subject(121, 21, 'A')).reason).toBe('A类：未找到岗位为“常委”的纪委常委');
    expect(assignTalker({ role: null, assignable: [], eligible: [], reason: '' }, 5)).toBeNull();
  });

  it('spreads subjects over several talkers deterministically', () => {
    const c = talkerCandidates(dir, DEFAULT_TALKER_RULES, subject(121, 21, 'A', true, true));
    expect([assignTalker(c, 120), assignTalker(c, 121), assignTalker(c, 122)]).toEqual([103, 104, 103]);
  });

  it('finds the commission’s deputy secretaries and principal for the talks ratings demand', () => {
    expect(commissionTalkers(dir, DEFAULT_TALKER_RULES, 21, 'deputy_secretary')).toEqual([101, 102]);
    expect(commissionTalkers(dir, DEFAULT_TALKER_RULES, 11, 'commission_principal')).toEqual([100]);
  });
});

describe('talk schedule from a plan', () => {
  const CAL: HolidayCalendar = { holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']), workdays: new Set() };
  it.each([
    [0, []],
    [1, ['2026-12-31']],
    [2, ['2026-06-30', '2026-12-31']],
    // quarters: 2026-03-31 Tue, 06-30 Tue, 09-30 Wed, 12-31 Thu
    [4, ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']],
    [5, ['2026-03-31', '2026-05-29', '2026-08-31', '2026-10-30', '2026-12-31']],
  ])('%s a year → %j (last working day of each period)', (times, dates) => {
    expect(talkDueDates(CAL, 2026, times)).toEqual(dates);
  });

  it('moves a period end on a rest day back to the last working day', () => {
    // 2026-01-31 is a Saturday; 2026-05-31 a Sunday
    expect(talkDueDates(EMPTY_CALENDAR, 2026, 12).slice(0, 5)).toEqual(['2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30', '2026-05-29']);
  });

  it('leaves out periods already over when the plan is made', () => {
    expect(talkDueDates(CAL, 2026, 4, '2026-07-01')).toEqual(['2026-09-30', '2026-12-31']);
    expect(talkDueDates(CAL, 2026, 4, '2026-09-30')).toEqual(['2026-09-30', '2026-12-31']);
  });

  it('refuses impossible frequencies', () => {
    expect(() => talkDueDates(CAL, 2026, 13)).toThrow(RangeError);
    expect(() => talkDueDates(CAL, 2026, 1.5)).toThrow(RangeError);
  });
});

describe('一案双查: the leaders answerable for a violator (seed 003)', () => {
  it.each([
    ['section staff: the deputies in charge and the department’s principal', { personId: 114, orgId: 11 }, [111, 112], [110]],
    ['a deputy: the principal only (he is the direct leader too)', { personId: 111, orgId: 10, isLeadershipMember: true }, [], [110]],
    ['a unit’s accountant: the unit’s principal', { personId: 123, orgId: 21 }, [], [121]],
    ['a principal: the township leader above, and the nearest principal above (here the commission’s)', { personId: 121, orgId: 21, isLeadershipMember: true, isPrincipalLeader: true }, [120], [100]],
  ] as const)('%s', (_label, v, direct, principal) => {
    expect(answerableLeaders(dir, DEFAULT_TALKER_RULES, { isLeadershipMember: false, isPrincipalLeader: false, ...v })).toEqual({ direct, principal });
  });
});
