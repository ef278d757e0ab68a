import { z } from 'zod';
import { CAMPAIGN_STAGES, deadlineProblems, WORK_STAGES, DEADLINE_FIELDS, type CampaignDeadlines } from '../risk/campaign.js';
import { DateOnly, Pagination, QueryBool, Text } from './common.js';
import { DiscoveryMethodSchema, MeasureInput, RiskPointFields } from './risk.js';

// DOMAIN.md · CheckCampaign (风险排查): API shapes.

export const CampaignStageSchema = z.enum(CAMPAIGN_STAGES);

const Deadlines = z.object({ selfCheck: DateOnly, deptReview: DateOnly, crossCheck: DateOnly, commissionReview: DateOnly });
export const deadlinesOf = (d: z.infer<typeof Deadlines>): CampaignDeadlines =>
  Object.fromEntries(WORK_STAGES.map((s) => [s, d[DEADLINE_FIELDS[s]]])) as CampaignDeadlines;

export const CampaignCreate = z
  .object({
    title: Text(100),
    year: z.number().int().min(2000).max(2100),
    startsOn: DateOnly,
    endsOn: DateOnly,
    deadlines: Deadlines,
    orgIds: z.array(z.number().int().positive()).min(1, '至少选择一个单位').max(500),
    subtree: z.boolean().default(false).describe('为真时，所选单位下属的各单位（不含股室）一并纳入排查'),
  })
  .superRefine((c, ctx) => {
    for (const p of deadlineProblems(c.startsOn, c.endsOn, deadlinesOf(c.deadlines))) ctx.addIssue({ code: 'custom', path: p.field.split('.'), message: p.message });
  });
export type CampaignCreate = z.infer<typeof CampaignCreate>;

const StageCounts = z.object(Object.fromEntries(CAMPAIGN_STAGES.map((s) => [s, z.number().int()])) as Record<(typeof CAMPAIGN_STAGES)[number], z.ZodNumber>);

export const Campaign = z.object({
  id: z.number().int(),
  title: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  deadlines: Deadlines,
  launchedByOrg: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** Counted over the orgs of the campaign the caller can see. */
  progress: z.object({ total: z.number().int(), byStage: StageCounts, overdue: z.number().int(), closed: z.number().int() }),
  actions: z.array(z.string()),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignsQuery = Pagination.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const CampaignOrgsQuery = Pagination.extend({
  stage: CampaignStageSchema.optional(),
  overdue: QueryBool.optional().describe('只看已超过本阶段截止日期的单位'),
});

export const CampaignOrg = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  stage: CampaignStageSchema,
  stageDeadline: z.string().nullable(),
  overdue: z.boolean(),
  crossOrgId: z.number().int().nullable(),
  crossOrgName: z.string().nullable(),
  formsTotal: z.number().int(),
  formsSubmitted: z.number().int(),
  unitFormSubmitted: z.boolean(),
  proposalCount: z.number().int().describe('未被否定的拟定风险点数'),
  stagesDone: z.array(z.object({ stage: CampaignStageSchema, at: z.string(), by: z.string() })),
  actions: z.array(z.string()),
});
export type CampaignOrg = z.infer<typeof CampaignOrg>;

export const PostForm = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  campaignTitle: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  postId: z.number().int(),
  postName: z.string(),
  personId: z.number().int(),
  personName: z.string(),
  findings: z.string().nullable(),
  submittedAt: z.string().nullable(),
  deadline: z.string(),
  actions: z.array(z.string()),
});

export const ProposalEvent = z.object({ stage: CampaignStageSchema, action: z.string(), actor: z.string(), comment: z.string().nullable(), at: z.string() });

export const Proposal = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  orgId: z.number().int(),
  targetOrgId: z.number().int(),
  targetOrgName: z.string(),
  formId: z.number().int().nullable(),
  stage: CampaignStageSchema.describe('提出的阶段'),
  discovery: DiscoveryMethodSchema,
  status: z.enum(['proposed', 'rejected', 'accepted']),
  objectLevel: RiskPointFields.shape.objectLevel,
  postId: z.number().int().nullable(),
  postName: z.string().nullable(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  title: z.string(),
  category: RiskPointFields.shape.category,
  manifestation: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  measures: z.array(MeasureInput.omit({ doneOn: true })),
  riskPointId: z.number().int().nullable(),
  history: z.array(ProposalEvent),
  actions: z.array(z.string()),
});
export type Proposal = z.infer<typeof Proposal>;

export const CampaignOrgDetail = CampaignOrg.extend({
  campaignId: z.number().int(),
  campaignTitle: z.string(),
  findings: z.string().nullable().describe('单位自查表：本单位自查情况'),
  forms: z.array(PostForm),
  proposals: z.array(Proposal),
  /** What a proposal may be about: the posts of the unit and its sections, and its leadership members. */
  posts: z.array(z.object({ id: z.number().int(), name: z.string(), orgId: z.number().int(), orgName: z.string() })),
  leaders: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

const ProposalFields = RiskPointFields.pick({ objectLevel: true, postId: true, personId: true, title: true, category: true, manifestation: true, likelihood: true, impact: true }).extend({
  targetOrgId: z.number().int().positive().optional().describe('登记在哪个单位或股室（默认为被排查单位本身）'),
  formId: z.number().int().positive().optional().describe('岗位自查表（个人自查时由岗位人员填写）'),
  measures: z.array(MeasureInput.omit({ doneOn: true })).max(20),
});
export const ProposalCreate = ProposalFields.extend({ measures: ProposalFields.shape.measures.default([]) });
export type ProposalCreate = z.infer<typeof ProposalCreate>;
export const ProposalAmend = ProposalFields.omit({ targetOrgId: true, formId: true }).partial().extend({ comment: z.string().trim().max(500).nullish() });
export type ProposalAmend = z.infer<typeof ProposalAmend>;
export const ProposalReject = z.object({ comment: Text(500) });

export const UnitFormSubmit = z.object({ findings: Text(5000) });
export const PostFormSubmit = z.object({ findings: Text(5000) });
export const CrossCheckerAssign = z.object({ crossOrgId: z.number().int().positive() });
export const CampaignOrgParams = z.object({ id: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });
export const ProposalParams = z.object({ id: z.coerce.number().int().positive(), proposalId: z.coerce.number().int().positive() });
