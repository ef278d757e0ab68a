import { describe, expect, it } from 'vitest';
import {
  campaignProgress,
  CampaignCreate,
  crossCheckerProblem,
  deadlineProblems,
  nextCampaignStage,
  proposalEditors,
  STAGE_COMPLETED_BY,
  STAGE_DISCOVERY,
  stageCompletionProblem,
  stageOverdue,
  type CampaignDeadlines,
  type StageCompletionFacts,
} from '../src/index.js';

const DEADLINES: CampaignDeadlines = { self_check: '2026-11-30', dept_review: '2026-12-04', cross_check: '2026-12-11', commission_review: '2026-12-18' };

describe('campaign stages [001: 个人自查 → 部门评查 → 交叉互查; 004: 领导组审查]', () => {
  it('run in order and end in 已完成', () => {
    expect([nextCampaignStage('self_check'), nextCampaignStage('dept_review'), nextCampaignStage('cross_check'), nextCampaignStage('commission_review'), nextCampaignStage('closed')]).toEqual([
      'dept_review',
      'cross_check',
      'commission_review',
      'closed',
      null,
    ]);
  });

  it('each stage belongs to one party, and its finds take that stage as 查找方式', () => {
    expect(STAGE_COMPLETED_BY).toEqual({ self_check: 'owner', dept_review: 'owner', cross_check: 'crossChecker', commission_review: 'reviewer' });
    expect(STAGE_DISCOVERY).toEqual({ self_check: 'self_check', dept_review: 'dept_review', cross_check: 'cross_check', commission_review: 'leadership_review' });
    expect(['self_check', 'dept_review', 'cross_check', 'commission_review', 'closed'].map((s) => proposalEditors(s as never))).toEqual([['owner', 'holder'], ['owner'], ['crossChecker'], ['reviewer'], []]);
  });
});

describe('deadlines', () => {
  it('accept stages in order within the period, the same day twice included', () => {
    expect(deadlineProblems('2026-11-23', '2026-12-31', DEADLINES)).toEqual([]);
    expect(deadlineProblems('2026-11-23', '2026-11-23', { self_check: '2026-11-23', dept_review: '2026-11-23', cross_check: '2026-11-23', commission_review: '2026-11-23' })).toEqual([]);
  });

  it('name the stage that comes too early or too late', () => {
    expect(deadlineProblems('2026-11-23', '2026-12-31', { ...DEADLINES, self_check: '2026-11-22' })).toEqual([{ field: 'deadlines.selfCheck', message: '个人自查截止日期不能早于开始日期' }]);
    expect(deadlineProblems('2026-11-23', '2026-12-31', { ...DEADLINES, cross_check: '2026-12-01' })).toEqual([{ field: 'deadlines.crossCheck', message: '交叉互查截止日期不能早于上一阶段的截止日期' }]);
    expect(deadlineProblems('2026-11-23', '2026-12-15', DEADLINES)).toEqual([{ field: 'deadlines.commissionReview', message: '纪委审查截止日期不能晚于结束日期' }]);
    expect(deadlineProblems('2026-12-31', '2026-11-23', DEADLINES)[0]).toEqual({ field: 'endsOn', message: '结束日期不能早于开始日期' });
  });

  it('are checked by the launch schema, which names the field', () => {
    const input = { title: '排查', year: 2026, startsOn: '2026-11-23', endsOn: '2026-12-31', orgIds: [1], deadlines: { selfCheck: '2026-11-30', deptReview: '2026-11-29', crossCheck: '2026-12-11', commissionReview: '2026-12-18' } };
    const res = CampaignCreate.safeParse(input);
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['deadlines.deptReview', '部门评查截止日期不能早于上一阶段的截止日期']]);
    expect(CampaignCreate.parse({ ...input, deadlines: { ...input.deadlines, deptReview: '2026-12-01' } }).subtree).toBe(false);
  });

  it('an org is overdue from the day after its stage’s deadline; a finished one never', () => {
    expect(stageOverdue('self_check', DEADLINES, '2026-11-30')).toBe(false);
    expect(stageOverdue('self_check', DEADLINES, '2026-12-01')).toBe(true);
    expect(stageOverdue('dept_review', DEADLINES, '2026-12-01')).toBe(false);
    expect(stageOverdue('closed', DEADLINES, '2027-06-01')).toBe(false);
  });

  it('progress counts every stage and the overdue ones among them', () => {
    expect(campaignProgress({ self_check: 3, dept_review: 2, closed: 1 }, DEADLINES, '2026-12-01')).toEqual({
      total: 6,
      byStage: { self_check: 3, dept_review: 2, cross_check: 0, commission_review: 0, closed: 1 },
      overdue: 3,
      closed: 1,
    });
    expect(campaignProgress({ self_check: 3, dept_review: 2, commission_review: 4 }, DEADLINES, '2026-12-12').overdue).toBe(5);
  });
});

describe('cross-checker', () => {
  const org = { id: 10, path: '/1/3/10/', kind: 'unit' };
  it('is another unit, neither above nor below the checked one', () => {
    expect(crossCheckerProblem(org, { id: 11, path: '/1/3/11/', kind: 'unit' })).toBeNull();
    expect(crossCheckerProblem(org, org)).toBe('交叉互查单位不能是被检查单位本身');
    expect(crossCheckerProblem(org, { id: 3, path: '/1/3/', kind: 'township_commission' })).toBe('交叉互查单位不能是被检查单位的上级或下级单位');
    expect(crossCheckerProblem(org, { id: 12, path: '/1/3/10/12/', kind: 'unit' })).toBe('交叉互查单位不能是被检查单位的上级或下级单位');
    expect(crossCheckerProblem(org, { id: 13, path: '/1/3/13/', kind: 'section' })).toBe('交叉互查单位须是单位，不能是股室或纪检机构');
  });
});

describe('completing a stage', () => {
  const facts = (f: Partial<StageCompletionFacts>): StageCompletionFacts => ({ stage: 'self_check', missingForms: [], unitFormSubmitted: true, crossCheckerAssigned: false, proposals: [], ...f });

  it('the self-check needs every post form, then the unit form', () => {
    expect(stageCompletionProblem(facts({ missingForms: ['张三（会计）', '李四（出纳）'] }))).toBe('尚有 2 份岗位自查表未提交：张三（会计）、李四（出纳）');
    const seven = Array.from({ length: 7 }, (_, i) => `人${i + 1}（岗）`);
    expect(stageCompletionProblem(facts({ missingForms: seven }))).toBe('尚有 7 份岗位自查表未提交：人1（岗）、人2（岗）、人3（岗）、人4（岗）、人5（岗） 等');
    expect(stageCompletionProblem(facts({ unitFormSubmitted: false }))).toBe('单位自查表尚未提交');
    expect(stageCompletionProblem(facts({}))).toBeNull();
  });

  it('the department review waits for a cross-checker; the cross-check has no precondition', () => {
    expect(stageCompletionProblem(facts({ stage: 'dept_review' }))).toBe('纪委尚未指定交叉互查单位，暂不能进入交叉互查');
    expect(stageCompletionProblem(facts({ stage: 'dept_review', crossCheckerAssigned: true }))).toBeNull();
    expect(stageCompletionProblem(facts({ stage: 'cross_check' }))).toBeNull();
  });

  it('the commission review needs a complete measure on every standing proposal', () => {
    const m = { owner: '所长', dueOn: '2026-12-31' };
    expect(stageCompletionProblem(facts({ stage: 'commission_review', proposals: [{ title: '甲', measures: [m] }, { title: '乙', measures: [] }] }))).toBe('拟定风险点「乙」没有防控措施');
    expect(stageCompletionProblem(facts({ stage: 'commission_review', proposals: [{ title: '甲', measures: [m, { owner: ' ', dueOn: '2026-12-31' }] }] }))).toBe('拟定风险点「甲」第 2 条防控措施缺少责任人或完成时限');
    expect(stageCompletionProblem(facts({ stage: 'commission_review', proposals: [{ title: '甲', measures: [m] }] }))).toBeNull();
    expect(stageCompletionProblem(facts({ stage: 'closed' }))).toBe('该单位的风险排查已完成');
  });
});
