// DOMAIN.md · CheckCampaign (风险排查). Seed 001: forms sent top-down and filled bottom-up
// (《单位自查表》《岗位自查表》), then the three-level search 个人自查 → 部门评查 → 交叉互查, and
// the commission's review (seed 004: 领导组审查). Each org of a campaign goes through the stages on
// its own; the campaign sets one deadline per stage.

import type { DiscoveryMethod } from './labels.js';

export const CAMPAIGN_STAGES = ['self_check', 'dept_review', 'cross_check', 'commission_review', 'closed'] as const;
export type CampaignStage = (typeof CAMPAIGN_STAGES)[number];
/** The stages that have work in them (every stage but the last). */
export type WorkStage = Exclude<CampaignStage, 'closed'>;
export const WORK_STAGES = CAMPAIGN_STAGES.slice(0, -1) as readonly WorkStage[];

export const CAMPAIGN_STAGE_LABELS: Record<CampaignStage, string> = {
  self_check: '个人自查',
  dept_review: '部门评查',
  cross_check: '交叉互查',
  commission_review: '纪委审查',
  closed: '已完成',
};

export function nextCampaignStage(stage: CampaignStage): CampaignStage | null {
  const i = CAMPAIGN_STAGES.indexOf(stage);
  return i >= 0 && i < CAMPAIGN_STAGES.length - 1 ? CAMPAIGN_STAGES[i + 1]! : null;
}

/**
 * Who acts in a stage: the org itself ('owner': its own discipline officer) for the self-check and
 * the department review, the org assigned by the commission for the cross-check, and the
 * commission (or dispatched group) that reviews the org's risk points for the last stage. In the
 * self-check, each holder of a post also fills their own post form ('holder').
 */
export type CampaignParty = 'owner' | 'holder' | 'crossChecker' | 'reviewer';
export const STAGE_COMPLETED_BY: Record<WorkStage, Exclude<CampaignParty, 'holder'>> = {
  self_check: 'owner',
  dept_review: 'owner',
  cross_check: 'crossChecker',
  commission_review: 'reviewer',
};

/** Proposed risk points found in a stage take that stage as their 查找方式 [001, 004]. */
export const STAGE_DISCOVERY: Record<WorkStage, DiscoveryMethod> = {
  self_check: 'self_check',
  dept_review: 'dept_review',
  cross_check: 'cross_check',
  commission_review: 'leadership_review',
};

export type CampaignDeadlines = Record<WorkStage, string>;
export const DEADLINE_FIELDS: Record<WorkStage, 'selfCheck' | 'deptReview' | 'crossCheck' | 'commissionReview'> = {
  self_check: 'selfCheck',
  dept_review: 'deptReview',
  cross_check: 'crossCheck',
  commission_review: 'commissionReview',
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** The period holds the stages in order: each deadline within the period and not before the one before it. */
export function deadlineProblems(startsOn: string, endsOn: string, deadlines: CampaignDeadlines): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (endsOn < startsOn) out.push({ field: 'endsOn', message: '结束日期不能早于开始日期' });
  let previous = startsOn;
  for (const stage of WORK_STAGES) {
    const d = deadlines[stage];
    const field = `deadlines.${DEADLINE_FIELDS[stage]}`;
    if (d < previous) out.push({ field, message: `${CAMPAIGN_STAGE_LABELS[stage]}截止日期不能早于${previous === startsOn ? '开始日期' : '上一阶段的截止日期'}` });
    else if (d > endsOn) out.push({ field, message: `${CAMPAIGN_STAGE_LABELS[stage]}截止日期不能晚于结束日期` });
    previous = d > previous ? d : previous;
  }
  return out;
}

/** An org's current stage is overdue the day after its deadline; a finished org never is. */
export function stageOverdue(stage: CampaignStage, deadlines: CampaignDeadlines, today: string): boolean {
  return stage !== 'closed' && today > deadlines[stage];
}

export interface OrgRef {
  id: number;
  path: string;
  kind: string;
}

/**
 * 交叉互查 is done by another org [001]: not the org itself, nor one above or below it in the tree
 * (they would check themselves), and an org that has work of its own (a unit), not a section.
 */
export function crossCheckerProblem(org: OrgRef, checker: OrgRef): string | null {
  if (checker.id === org.id) return '交叉互查单位不能是被检查单位本身';
  if (checker.path.startsWith(org.path) || org.path.startsWith(checker.path)) return '交叉互查单位不能是被检查单位的上级或下级单位';
  if (checker.kind !== 'unit') return '交叉互查单位须是单位，不能是股室或纪检机构';
  return null;
}

export interface StageCompletionFacts {
  stage: CampaignStage;
  /** Post forms of the org not yet submitted: "姓名（岗位）". */
  missingForms: string[];
  unitFormSubmitted: boolean;
  crossCheckerAssigned: boolean;
  /** Proposals still standing (not rejected), with their measures. */
  proposals: { title: string; measures: { owner: string; dueOn: string | null }[] }[];
}

/**
 * Why the org cannot leave its stage now, or null. The self-check ends when every post form and the
 * unit form are in; the cross-check needs a cross-checker; the commission review turns the standing
 * proposals into risk points, so each needs a measure with an owner and a date (as a submitted point).
 */
export function stageCompletionProblem(f: StageCompletionFacts): string | null {
  switch (f.stage) {
    case 'closed':
      return '该单位的风险排查已完成';
    case 'self_check': {
      if (f.missingForms.length) {
        const shown = f.missingForms.slice(0, 5).join('、');
        return `尚有 ${f.missingForms.length} 份岗位自查表未提交：${shown}${f.missingForms.length > 5 ? ' 等' : ''}`;
      }
      return f.unitFormSubmitted ? null : '单位自查表尚未提交';
    }
    case 'dept_review':
      return f.crossCheckerAssigned ? null : '纪委尚未指定交叉互查单位，暂不能进入交叉互查';
    case 'cross_check':
      return null;
    case 'commission_review': {
      for (const p of f.proposals) {
        if (p.measures.length === 0) return `拟定风险点「${p.title}」没有防控措施`;
        const i = p.measures.findIndex((m) => !m.owner.trim() || !m.dueOn);
        if (i >= 0) return `拟定风险点「${p.title}」第 ${i + 1} 条防控措施缺少责任人或完成时限`;
      }
      return null;
    }
  }
}

/** The parties that may add, amend or reject proposed points in a stage (self-check: the holder on their own form too). */
export function proposalEditors(stage: CampaignStage): CampaignParty[] {
  switch (stage) {
    case 'self_check':
      return ['owner', 'holder'];
    case 'dept_review':
      return ['owner'];
    case 'cross_check':
      return ['crossChecker'];
    case 'commission_review':
      return ['reviewer'];
    case 'closed':
      return [];
  }
}

/** The commission's overview from the number of orgs in each stage: all stages, total, finished, and how many are past their stage's deadline. */
export function campaignProgress(counts: Partial<Record<CampaignStage, number>>, deadlines: CampaignDeadlines, today: string) {
  const byStage = Object.fromEntries(CAMPAIGN_STAGES.map((s) => [s, counts[s] ?? 0])) as Record<CampaignStage, number>;
  const total = CAMPAIGN_STAGES.reduce((n, s) => n + byStage[s], 0);
  const overdue = WORK_STAGES.reduce((n, s) => n + (stageOverdue(s, deadlines, today) ? byStage[s] : 0), 0);
  return { total, byStage, overdue, closed: byStage.closed };
}
