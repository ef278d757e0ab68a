import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_FORMULA, DEFAULT_OPINION_CATEGORIES, DEFAULT_OPINION_SETTINGS, integrityCredit, opinionDocument, opinionFindings, suggestOpinionCategory, type CreditFacts, type OpinionFacts } from '../src/index.js';

const none: CreditFacts = { warnings: [], ratings: [], accountability: [], personalMatters: [] };

describe('integrity credit (廉洁信用度): a configured formula shown with its terms', () => {
  it('is the base when the archive is clean', () => {
    expect(integrityCredit(DEFAULT_CREDIT_FORMULA, none, '2026-11-23')).toEqual({
      score: 100,
      base: 100,
      floor: 0,
      since: '2024-01-01',
      terms: [],
      expression: '100 = 100',
    });
  });

  it('deducts each fact in the window by its configured points and shows every term', () => {
    const facts: CreditFacts = {
      warnings: [
        { level: 2, issuedOn: '2026-03-05' },
        { level: 1, issuedOn: '2024-01-01' }, // first day of the window
        { level: 3, issuedOn: '2023-12-31' }, // before the window
      ],
      ratings: [
        { year: 2026, grade: 'poor' },
        { year: 2025, grade: 'good' },
        { year: 2023, grade: 'poor' },
      ],
      accountability: [{ form: 'admonish_remind', decidedOn: '2026-04-01' }],
      personalMatters: [
        { finding: 'minor_omission', checkedOn: '2025-06-01' },
        { finding: 'accurate', checkedOn: '2026-06-01' },
        { finding: null, checkedOn: null },
      ],
    };
    const c = integrityCredit(DEFAULT_CREDIT_FORMULA, facts, '2026-11-23');
    expect(c.terms).toEqual([
      { label: '二级预警', count: 1, points: 10, subtotal: 10 },
      { label: '一级预警', count: 1, points: 5, subtotal: 5 },
      { label: '廉情预警考评“差”', count: 1, points: 15, subtotal: 15 },
      { label: '问责：诫勉提醒', count: 1, points: 5, subtotal: 5 },
      { label: '个人有关事项报告：漏报', count: 1, points: 5, subtotal: 5 },
    ]);
    expect(c.score).toBe(60);
    expect(c.expression).toBe('100 − 二级预警1次×10 − 一级预警1次×5 − 廉情预警考评“差”1次×15 − 问责：诫勉提醒1次×5 − 个人有关事项报告：漏报1次×5 = 60');
  });

  it('never goes below the floor', () => {
    const heavy: CreditFacts = { ...none, accountability: [1, 2, 3].map(() => ({ form: 'case_transfer' as const, decidedOn: '2026-01-05' })) };
    const c = integrityCredit({ ...DEFAULT_CREDIT_FORMULA, floor: 10 }, heavy, '2026-11-23');
    expect(c.score).toBe(10);
    expect(c.expression).toBe('100 − 问责：纪律处分（移送立案）3次×40（不低于10） = 10');
  });

  it('a future-dated fact does not count yet', () => {
    expect(integrityCredit(DEFAULT_CREDIT_FORMULA, { ...none, warnings: [{ level: 1, issuedOn: '2026-12-01' }] }, '2026-11-23').score).toBe(100);
  });
});

describe('integrity opinion reply (党风廉政意见回复)', () => {
  const codes = DEFAULT_OPINION_CATEGORIES.map((c) => c.code);
  const clean: OpinionFacts = { warnings: [], ratings: [], accountability: [], personalMatters: [], closedClues: 0, pendingClues: 0 };

  it.each([
    ['clean', clean, 'no_clue'],
    ['clues received and closed, nothing found', { ...clean, closedClues: 2 }, 'cleared'],
    ['a level-1 warning', { ...clean, warnings: [{ level: 1, issuedOn: '2026-02-01', serialNo: null }] }, 'handled_minor'],
    ['an admonishment', { ...clean, accountability: [{ formLabel: '诫勉提醒', group: '三诫勉', decidedOn: '2026-03-01', behaviour: '办事拖拉' }] }, 'handled_minor'],
    ['a pending clue', { ...clean, pendingClues: 2 }, 'pending'],
    ['a case transfer', { ...clean, pendingClues: 1, accountability: [{ formLabel: '纪律处分（移送立案）', group: '纪律处分', decidedOn: '2026-03-01', behaviour: '不严格依法行政' }] }, 'in_penalty'],
  ] as [string, OpinionFacts, string][])('%s → %s', (_label, facts, code) => {
    expect(suggestOpinionCategory(facts, codes)).toBe(code);
  });

  it('falls back to the first category when the configured list lacks the suggested code', () => {
    expect(suggestOpinionCategory({ ...clean, pendingClues: 1 }, ['ok', 'other'])).toBe('ok');
  });

  it('states findings of the period, and pending clues only as the policy allows', () => {
    const facts: OpinionFacts = {
      warnings: [
        { level: 2, issuedOn: '2026-03-05', serialNo: 'x' },
        { level: 1, issuedOn: '2026-01-05', serialNo: 'y' },
        { level: 1, issuedOn: '2026-02-05', serialNo: 'z' },
      ],
      ratings: [{ year: 2025, gradeLabel: '中' }],
      accountability: [{ formLabel: '诫勉提醒', group: '三诫勉', decidedOn: '2026-04-01', behaviour: '办事拖拉' }],
      personalMatters: [{ year: 2025, findingLabel: '漏报（情节较轻）', finding: 'minor_omission' }],
      closedClues: 2,
      pendingClues: 1,
    };
    expect(opinionFindings(facts, 'state_existence_only')).toEqual([
      '所询期间被实施二级预警1次、一级预警2次。',
      '廉情预警考评：2025年度“中”。',
      '2026-04-01因“办事拖拉”受到诫勉提醒。',
      '所询期间收到反映该同志问题的线索2件，均已办结。',
      '2025年度个人有关事项报告经核查为漏报（情节较轻）。',
      '有反映该同志的问题线索正在核查中。',
    ]);
    expect(opinionFindings(facts, 'omit')).not.toContain('有反映该同志的问题线索正在核查中。');
    expect(opinionFindings({ ...clean, ratings: [{ year: 2024, gradeLabel: '好' }, { year: 2025, gradeLabel: '好' }] }, 'omit')).toEqual(['所询期间未被实施廉情预警。', '廉情预警考评均为“好”（2024、2025年度）。']);
  });
});

describe('the reply as an official document', () => {
  it('carries the 文号, the recipients, per cadre the findings and the conclusion', () => {
    const doc = opinionDocument(
      {
        serialNo: '示纪廉复〔2026〕1号',
        requester: '中共示范区委组织部',
        requestRef: '示组函〔2026〕12号',
        purpose: '拟提拔任用',
        periodStart: '2023-11-01',
        periodEnd: '2026-10-31',
        repliedOn: '2026-11-23',
        people: [
          { name: '王芳', orgName: '区财政局', findings: ['所询期间未被实施廉情预警。'], conclusion: '截至目前，未收到反映该同志问题的信访举报和问题线索。' },
          { name: '李强', orgName: '区教育局', findings: ['所询期间被实施一级预警1次。'], conclusion: '已按规定处理完毕。' },
        ],
      },
      DEFAULT_OPINION_SETTINGS,
    );
    expect(doc.header).toEqual({ issuerMark: '中共示范区纪律检查委员会', docNumber: '示纪廉复〔2026〕1号' });
    expect(doc.title).toBe('关于王芳等2名同志党风廉政情况的复函');
    expect(doc.recipients).toBe('中共示范区委组织部');
    expect(doc.body[0]).toEqual({ kind: 'paragraph', text: '你部《示组函〔2026〕12号》收悉。因拟提拔任用，经查阅2023年11月1日至2026年10月31日期间的信访举报、廉情预警、考评、问责和个人有关事项报告核查等情况，现将有关同志党风廉政情况回复如下：' });
    expect(doc.body.slice(1, 4)).toEqual([
      { kind: 'heading', level: 1, text: '王芳同志（区财政局）' },
      { kind: 'paragraph', text: '所询期间未被实施廉情预警。' },
      { kind: 'paragraph', text: '截至目前，未收到反映该同志问题的信访举报和问题线索。' },
    ]);
    expect(doc).toMatchObject({ issuer: '中共示范区纪律检查委员会', date: '2026-11-23', record: { printer: '中共示范区纪委办公室', printDate: '2026-11-23' } });
  });
});
