import { CAMPAIGN_STAGE_LABELS, CAMPAIGN_STAGES, type CampaignStage } from '@qingfeng/core';
import { Tag } from 'antd';
import type { Proposal } from './api';

export const STAGE_COLORS: Record<CampaignStage, string> = {
  self_check: '#1677ff',
  dept_review: '#13a8a8',
  cross_check: '#722ed1',
  commission_review: '#d48806',
  closed: '#389e0d',
};

export const STAGE_OPTIONS = CAMPAIGN_STAGES.map((s) => ({ value: s, label: CAMPAIGN_STAGE_LABELS[s] }));

export function StageTag({ stage }: { stage: CampaignStage }) {
  return <Tag color={STAGE_COLORS[stage]}>{CAMPAIGN_STAGE_LABELS[stage]}</Tag>;
}

export function OverdueTag() {
  return <Tag color="red">逾期</Tag>;
}

export const PROPOSAL_STATUS_LABELS: Record<Proposal['status'], string> = { proposed: '拟定', rejected: '已否定', accepted: '已转为风险点' };
const PROPOSAL_STATUS_COLORS: Record<Proposal['status'], string> = { proposed: 'processing', rejected: 'default', accepted: 'success' };

export function ProposalStatusTag({ status }: { status: Proposal['status'] }) {
  return <Tag color={PROPOSAL_STATUS_COLORS[status]}>{PROPOSAL_STATUS_LABELS[status]}</Tag>;
}

/** The actions recorded in a proposal's history. */
export const PROPOSAL_EVENT_LABELS: Record<string, string> = { add: '提出', amend: '修改', reject: '否定', accept: '审查通过，转为风险点' };
