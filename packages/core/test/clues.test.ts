import { describe, expect, it } from 'vitest';
import {
  acknowledgeDue,
  actsForHandler,
  approvalLevel,
  canClose,
  clueActions,
  ClueCreate,
  DEFAULT_LEDGER_TEMPLATE,
  DEFAULT_REPLY_DUTY_LIMITS,
  DisposalPropose,
  findDuplicate,
  formatQueryCode,
  formatSerial,
  forwardDue,
  isDutyOverdue,
  isSubjectOf,
  leadingZeroBits,
  nextStatus,
  normaliseQueryCode,
  openDuties,
  PortalReportCreate,
  queryTerms,
  resultDue,
  routeClue,
  searchTerms,
  textSimilarity,
  type ClueStatus,
  type DisposalMode,
  type DispositionEvent,
  type HolidayCalendar,
  type ReporterKind,
  type RoutingTree,
  warningDraftFromClue,
} from '../src/index.js';

// A tree like the demo district: commission 1; township 10 (东城) with unit 11 and its section 12;
// township 20; group 30 supervising departments 40 and 50 (50 has unit 51); department 60 unsupervised.
const TREE: RoutingTree = {
  centre: { orgId: 1, path: '1.' },
  townships: [
    { orgId: 10, path: '1.10.' },
    { orgId: 20, path: '1.20.' },
  ],
  groups: [{ orgId: 30, path: '1.30.', supervisedPaths: ['1.40.', '1.50.'] }],
};

describe('routeClue: township for its subtree, group for its supervised units, centre otherwise', () => {
  it.each([
    ['a unit in a township', '1.10.11.', false, { kind: 'township', orgId: 10 }],
    ['a section deep in a township', '1.10.11.12.', false, { kind: 'township', orgId: 10 }],
    ['another township', '1.20.21.', false, { kind: 'township', orgId: 20 }],
    ['the township commission itself goes to the centre', '1.10.', false, { kind: 'centre', orgId: 1 }],
    ['a supervised department', '1.40.', false, { kind: 'group', orgId: 30 }],
    ['a unit under a supervised department', '1.50.51.', false, { kind: 'group', orgId: 30 }],
    ['the dispatched group itself goes to the centre', '1.30.', false, { kind: 'centre', orgId: 1 }],
    ['an unsupervised department', '1.60.', false, { kind: 'centre', orgId: 1 }],
    ['unknown subject', null, false, { kind: 'centre', orgId: 1 }],
    ['the commission as a whole goes above', '1.', false, { kind: 'above' }],
    ['the principal leader goes above, wherever recorded', '1.', true, { kind: 'above' }],
    ['the principal leader goes above even without an org', null, true, { kind: 'above' }],
    ['prefix trap: 1.100. is not under 1.10.', '1.100.', false, { kind: 'centre', orgId: 1 }],
  ] as const)('%s', (_label, orgPath, principal, expected) => {
    expect(routeClue(TREE, { orgPath, concernsCommissionPrincipal: principal })).toEqual(expected);
  });

  it('the nearest township wins when commissions nest', () => {
    const nested: RoutingTree = { ...TREE, townships: [...TREE.townships, { orgId: 13, path: '1.10.13.' }] };
    expect(routeClue(nested, { orgPath: '1.10.13.14.', concernsCommissionPrincipal: false })).toEqual({ kind: 'township', orgId: 13 });
    expect(routeClue(nested, { orgPath: '1.10.13.', concernsCommissionPrincipal: false })).toEqual({ kind: 'township', orgId: 10 });
  });
});

describe('actsForHandler and isSubjectOf', () => {
  it.each([
    [{ id: 10, parentId: 1, kind: 'township_commission' }, 10, true],
    [{ id: 2, parentId: 1, kind: 'section' }, 1, true], // the centre is a section of the commission
    [{ id: 11, parentId: 10, kind: 'unit' }, 10, false], // a unit is not its township's handler
    [{ id: 12, parentId: 11, kind: 'section' }, 10, false], // sections act for their own parent only
    [null, 10, false],
  ] as const)('%o handles for %i: %s', (org, handler, expected) => {
    expect(actsForHandler(org, handler)).toBe(expected);
  });

  it.each([
    ['the subject person', { personId: 7, orgPath: '1.10.11.' }, { personId: 7, orgPath: '1.10.11.' }, true],
    ['a colleague in the subject org', { personId: 8, orgPath: '1.10.11.' }, { personId: 7, orgPath: '1.10.11.' }, true],
    ['an account below the subject org', { personId: null, orgPath: '1.10.11.12.' }, { personId: null, orgPath: '1.10.11.' }, true],
    ['the township above the subject', { personId: null, orgPath: '1.10.' }, { personId: 7, orgPath: '1.10.11.' }, false],
    ['a sibling unit', { personId: null, orgPath: '1.10.13.' }, { personId: null, orgPath: '1.10.11.' }, false],
    ['unknown subject', { personId: 8, orgPath: '1.10.11.' }, { personId: null, orgPath: null }, false],
    ['prefix trap', { personId: null, orgPath: '1.100.' }, { personId: null, orgPath: '1.10.' }, false],
  ] as const)('%s', (_l, actor, subject, expected) => {
    expect(isSubjectOf(actor, subject)).toBe(expected);
  });
});

// 2026: 国庆 10-01…10-07 rest, 09-20 and 10-10 adjusted workdays.
const CAL: HolidayCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};

describe('reply duties in working days', () => {
  const L = DEFAULT_REPLY_DUTY_LIMITS;
  it.each([
    ['named, plain weeks', '2026-11-02', 'named', '2026-11-23'],
    ['named, across 国庆 with the 10-10 Saturday workday', '2026-09-28', 'named', '2026-10-23'],
    ['anonymous: no acceptance notice is owed', '2026-11-02', 'anonymous', null],
    ['no reporter', '2026-11-02', 'none', null],
  ] as [string, string, ReporterKind, string | null][])('acknowledge: %s', (_l, received, kind, expected) => {
    expect(acknowledgeDue(CAL, L, received, kind)).toBe(expected);
  });

  it('result notice 15 working days after closing; forwarding 5 working days after receipt', () => {
    expect(resultDue(CAL, L, '2026-11-23', 'named')).toBe('2026-12-14');
    expect(resultDue(CAL, L, '2026-11-23', 'anonymous')).toBeNull();
    expect(forwardDue(CAL, L, '2026-09-29')).toBe('2026-10-12'); // 09-30, 10-08, 10-09, 10-10 (调休), 10-12
  });

  it('limits are configuration', () => {
    expect(acknowledgeDue(CAL, { ...L, acknowledgeDays: 5 }, '2026-11-02', 'named')).toBe('2026-11-09');
  });

  it.each([
    [{ kind: 'acknowledge', due: '2026-11-20', doneOn: null }, '2026-11-20', false],
    [{ kind: 'acknowledge', due: '2026-11-20', doneOn: null }, '2026-11-23', true],
    [{ kind: 'acknowledge', due: '2026-11-20', doneOn: '2026-11-21' }, '2026-11-23', false],
    [{ kind: 'result', due: null, doneOn: null }, '2030-01-01', false],
  ] as const)('isDutyOverdue %o on %s → %s', (duty, today, expected) => {
    expect(isDutyOverdue(duty, today)).toBe(expected);
  });

  it('open duties, earliest first', () => {
    expect(
      openDuties([
        { kind: 'result', due: '2026-12-14', doneOn: null },
        { kind: 'acknowledge', due: '2026-11-20', doneOn: '2026-11-10' },
        { kind: 'forward', due: '2026-11-09', doneOn: null },
        { kind: 'acknowledge', due: null, doneOn: null },
      ]).map((d) => d.kind),
    ).toEqual(['forward', 'result']);
  });
});

describe('disposition state machine', () => {
  const ctx = (mode: DisposalMode, reporter: ReporterKind = 'none', replies = 0) => ({ mode, reporter, repliesToReporter: replies });
  it.each([
    ['registered', 'propose', ctx('conclude'), { ok: true, status: 'pending_approval' }],
    ['pending_approval', 'approve', ctx('conclude'), { ok: true, status: 'disposing' }],
    ['pending_approval', 'approve', ctx('merge'), { ok: true, status: 'merged' }],
    ['pending_approval', 'approve', ctx('warning'), { ok: true, status: 'disposing' }],
    ['pending_approval', 'reject', ctx('talk_inquiry'), { ok: true, status: 'registered' }],
    ['disposing', 'complete', ctx('conclude'), { ok: true, status: 'closed' }],
    ['disposing', 'complete', ctx('conclude', 'named', 1), { ok: true, status: 'closed' }],
    ['disposing', 'complete', ctx('conclude', 'anonymous', 1), { ok: true, status: 'closed' }],
    ['disposing', 'complete', ctx('conclude', 'named', 0), { ok: false, code: 'clues.reply_required' }],
    ['disposing', 'complete', ctx('hold', 'anonymous', 0), { ok: false, code: 'clues.reply_required' }],
    ['registered', 'complete', ctx('conclude'), { ok: false, code: 'clues.bad_state' }],
    ['registered', 'approve', ctx('conclude'), { ok: false, code: 'clues.bad_state' }],
    ['pending_approval', 'propose', ctx('conclude'), { ok: false, code: 'clues.bad_state' }],
    ['closed', 'propose', ctx('conclude'), { ok: false, code: 'clues.bad_state' }],
    ['merged', 'propose', ctx('conclude'), { ok: false, code: 'clues.bad_state' }],
    ['disposing', 'reject', ctx('conclude'), { ok: false, code: 'clues.bad_state' }],
  ] as [ClueStatus, DispositionEvent, ReturnType<typeof ctx>, object][])('%s --%s--> %o', (status, event, c, expected) => {
    expect(nextStatus(status, event, c)).toMatchObject(expected);
  });

  it.each([
    ['none', 0, true],
    ['named', 0, false],
    ['named', 2, true],
    ['anonymous', 0, false],
  ] as [ReporterKind, number, boolean][])('canClose(%s, %i) = %s', (kind, n, expected) => {
    expect(canClose(kind, n)).toBe(expected);
  });

  it.each([
    ['preliminary_verification', 'centre'],
    ['transfer', 'centre'],
    ['warning', 'centre'],
    ['talk_inquiry', 'handler'],
    ['hold', 'handler'],
    ['conclude', 'handler'],
    ['merge', 'handler'],
  ] as [DisposalMode, string][])('approvalLevel(%s) = %s', (mode, level) => {
    expect(approvalLevel(mode)).toBe(level);
  });

  it('actions follow state and capabilities', () => {
    const all = { handles: true, routes: true, approvesHere: true, approvesCentre: true, revealsReporter: true };
    const none = { handles: false, routes: false, approvesHere: false, approvesCentre: false, revealsReporter: false };
    const town = { ...none, handles: true, approvesHere: true };
    expect(clueActions({ status: 'registered', reporter: 'named', pendingMode: null, named: true }, all)).toEqual(['route', 'grade', 'propose', 'reply', 'attach', 'revealReporter']);
    expect(clueActions({ status: 'registered', reporter: 'none', pendingMode: null, named: false }, none)).toEqual([]);
    expect(clueActions({ status: 'pending_approval', reporter: 'none', pendingMode: 'conclude', named: false }, town)).toEqual(['grade', 'approve', 'attach']);
    expect(clueActions({ status: 'pending_approval', reporter: 'none', pendingMode: 'preliminary_verification', named: false }, town)).toEqual(['grade', 'attach']);
    expect(clueActions({ status: 'disposing', reporter: 'anonymous', pendingMode: null, named: false }, town)).toEqual(['grade', 'close', 'reply', 'attach']);
    expect(clueActions({ status: 'closed', reporter: 'anonymous', pendingMode: null, named: false }, town)).toEqual(['reply']);
  });
});

describe('Chinese full-text terms (bigrams)', () => {
  it.each([
    ['收受红包礼金', ['收受', '受红', '红包', '包礼', '礼金']],
    ['红包', ['红包']],
    ['贿', ['贿']],
    ['某局2025年 ＡＢＣ项目', ['某局', '2025', '年', 'abc', '项目']],
    ['吃拿卡要，违规收费。', ['吃拿', '拿卡', '卡要', '违规', '规收', '收费']],
    ['', []],
  ])('%s', (text, expected) => {
    expect(searchTerms(text)).toEqual(expected);
  });

  it('a query for 红包 is contained in the terms of 收受红包', () => {
    const doc = new Set(searchTerms('反映某所长收受红包'));
    expect(queryTerms('红包')!.every((t) => doc.has(t))).toBe(true);
    expect(queryTerms('红包礼金')!.every((t) => doc.has(t))).toBe(false);
  });

  it('one Han character has no index term: the caller scans', () => {
    expect(queryTerms('贿')).toBeNull();
    expect(queryTerms('  ')).toBeNull();
    expect(queryTerms('低保 2025')).toEqual(['低保', '2025']);
  });

  it('similarity and duplicates: same subject, inside the window, similar text', () => {
    expect(textSimilarity('收受红包礼金', '收受红包礼金')).toBe(1);
    expect(textSimilarity('收受红包', '违规收费')).toBe(0);
    const base = { subjectPersonId: 7, subjectOrgId: 11, subjectText: null, receivedOn: '2026-11-20', content: '反映财政所会计张某收受红包礼金，并违规报销' };
    const candidates = [
      { id: 1, ...base, content: '反映财政所会计张某收受红包礼金' },
      { id: 2, ...base, subjectPersonId: 8, content: base.content },
      { id: 3, ...base, receivedOn: '2026-05-01', content: base.content },
      { id: 4, ...base, content: '反映财政所违规收费' },
    ];
    expect(findDuplicate(base, candidates, 90)).toEqual({ id: 1, similarity: 14 / 18 });
    expect(findDuplicate(base, candidates.slice(1), 90)).toBeNull();
    expect(findDuplicate({ ...base, subjectPersonId: null, subjectOrgId: null, subjectText: '某社区主任' }, [{ id: 5, ...base, subjectPersonId: null, subjectOrgId: null, subjectText: '某社区主任' }], 90)).toEqual({ id: 5, similarity: 1 });
  });
});

describe('portal secrets', () => {
  it.each([
    ['1234 5678 9012 3456 7890', '12345678901234567890'],
    ['12345678901234567890', '12345678901234567890'],
    ['1234-5678-9012-3456-7890', '12345678901234567890'],
    ['1234567890123456789', null],
    ['1234567890123456789a', null],
    ['', null],
  ])('normaliseQueryCode(%s)', (input, expected) => {
    expect(normaliseQueryCode(input)).toBe(expected);
  });

  it('formats a code in groups of four', () => {
    expect(formatQueryCode('12345678901234567890')).toBe('1234 5678 9012 3456 7890');
  });

  it.each([
    [[0xff], 0],
    [[0x00, 0xff], 8],
    [[0x00, 0x0f], 12],
    [[0x00, 0x00, 0x01], 23],
    [[0x10, 0x00], 3],
    [[0x00, 0x00], 16],
  ])('leadingZeroBits(%o) = %i', (bytes, bits) => {
    expect(leadingZeroBits(new Uint8Array(bytes))).toBe(bits);
  });
});

describe('schemas and the ledger number', () => {
  it('ledger numbers count per year in the configured format', () => {
    expect(formatSerial(DEFAULT_LEDGER_TEMPLATE, { year: 2026, seq: 1 })).toBe('示纪预〔2026〕0001号');
    expect(formatSerial(DEFAULT_LEDGER_TEMPLATE, { year: 2027, seq: 12345 })).toBe('示纪预〔2027〕12345号');
  });

  it('ClueCreate: channel from the dictionary, bounded content, reporter defaults to none', () => {
    const ok = ClueCreate.parse({ channel: 'petition', problemType: 'gifts', content: ' 收受红包 ' });
    expect(ok).toMatchObject({ content: '收受红包', reporter: { kind: 'none' } });
    expect(ClueCreate.safeParse({ channel: 'rumour', problemType: 'gifts', content: 'x' }).success).toBe(false);
    expect(ClueCreate.safeParse({ channel: 'petition', problemType: 'gifts', content: '   ' }).success).toBe(false);
    expect(ClueCreate.safeParse({ channel: 'petition', problemType: 'gifts', content: '字'.repeat(5001) }).success).toBe(false);
    expect(ClueCreate.safeParse({ channel: 'petition', problemType: 'gifts', content: 'x', reporter: { kind: 'named', identity: { name: '王某', phone: 'abc' } } }).success).toBe(false);
  });

  it('DisposalPropose: what each mode needs', () => {
    const issues = (v: unknown) => (DisposalPropose.safeParse(v).error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);
    expect(issues({ mode: 'warning', note: '建议预警' })).toEqual(['level:发出预警须提出建议的预警等级']);
    expect(issues({ mode: 'transfer', note: '移送' })).toEqual(['transferTo:线索移送须写明移送对象']);
    expect(issues({ mode: 'merge', note: '并案' })).toEqual(['mergeIntoId:并案处理须指明并入的线索']);
    expect(issues({ mode: 'warning', level: 2, note: '建议二级预警' })).toEqual([]);
  });

  it('PortalReportCreate needs a proof of work', () => {
    const base = { reporter: { kind: 'anonymous' }, subjectText: '某所长', problemType: 'gifts', content: '收受红包' };
    expect(PortalReportCreate.safeParse(base).success).toBe(false);
    expect(PortalReportCreate.safeParse({ ...base, challengeId: 'a'.repeat(32), nonce: '123' }).success).toBe(true);
  });
});

describe('the warning a 发出预警 disposal calls for [000]', () => {
  const clue = { id: 7, ledgerNo: '示纪预〔2026〕0007号', channel: 'audit' as const, problemType: 'banqueting' as const, subjectPersonId: 42, subjectOrgId: 9, clueLevel: 3 as const, disposalLevel: null, disposalNote: '建议预警' };
  it('goes to the person when the clue names one, at the disposal’s level, else the clue’s', () => {
    expect(warningDraftFromClue(clue)).toEqual({
      subjectKind: 'person',
      subjectPersonId: 42,
      subjectOrgId: null,
      level: 3,
      facts: '经了解，你在“违规吃喝”方面存在严重问题。请对照本通知的要求，在期限内如实说明情况并认真整改。',
      basis: '预警信息台账 示纪预〔2026〕0007号（审计）；处置意见：建议预警',
      clueId: 7,
      disposalMeasures: ['提醒'],
    });
    expect(warningDraftFromClue({ ...clue, disposalLevel: 1 }).level).toBe(1);
    expect(warningDraftFromClue({ ...clue, disposalLevel: null, clueLevel: null }).facts).toContain('苗头性、倾向性问题');
  });
  it('goes to the org otherwise, with an org measure; the facts never carry the ledger number or channel', () => {
    const d = warningDraftFromClue({ ...clue, subjectPersonId: null });
    expect([d.subjectKind, d.subjectPersonId, d.subjectOrgId, d.disposalMeasures]).toEqual(['org', null, 9, ['对责任领导诫勉谈话']]);
    expect(d.facts).not.toMatch(/示纪预|审计/);
  });
});
