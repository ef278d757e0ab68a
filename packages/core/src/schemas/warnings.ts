import { z } from 'zod';
import { AttachmentMeta } from './shared-modules.js';
import { DateOnly, Pagination, QueryBool, Text } from './common.js';
import { WARNING_DEMAND_KEYS, NOTICE_KIND_KEYS } from '../warnings/levels.js';
import { WARNING_OUTCOMES, WARNING_STATUSES } from '../warnings/state.js';

// Three-tier warnings (三级预警), their notices, answers and reviews; bulletins (通报) and
// leadership reports (内刊、专题报告): the three layers of feedback of seed 000.

export const WarningLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const WarningLevelQuery = z.coerce.number().int().min(1).max(3).transform((n) => n as 1 | 2 | 3);
export const SubjectKindSchema = z.enum(['person', 'org']);
export const WarningStatusSchema = z.enum(WARNING_STATUSES);
export const WarningDemandSchema = z.enum(WARNING_DEMAND_KEYS);
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色应为 #RRGGBB');

export const WarningLevelRuleSchema = z.object({
  level: WarningLevelSchema,
  name: z.string(),
  demands: z.array(WarningDemandSchema),
  deadlineWorkingDays: z.number().int(),
  colour: z.string(),
  notices: z.array(z.enum(NOTICE_KIND_KEYS)),
  escalationMeasures: z.object({ person: z.array(z.string()), org: z.array(z.string()) }),
});
export const WarningConfig = z.object({
  rules: z.array(WarningLevelRuleSchema),
  overdueColour: z.string(),
  measures: z.object({ person: z.array(z.string()), org: z.array(z.string()) }),
});
export const WarningLevelRuleUpdate = z.object({
  demands: z.array(WarningDemandSchema).min(1, '至少一项要求').optional(),
  deadlineWorkingDays: z.number().int().min(1).max(60).optional(),
  colour: Colour.optional(),
});
export const WarningLevelParam = z.object({ level: WarningLevelQuery });

const SubjectFields = {
  subjectKind: SubjectKindSchema,
  subjectPersonId: z.number().int().positive().nullish(),
  subjectOrgId: z.number().int().positive().nullish(),
};
function subjectNamed(v: { subjectKind: string; subjectPersonId?: number | null | undefined; subjectOrgId?: number | null | undefined }, ctx: z.RefinementCtx) {
  if (v.subjectKind === 'person' && !v.subjectPersonId) ctx.addIssue({ code: 'custom', path: ['subjectPersonId'], message: '对个人预警须指定被预警人' });
  if (v.subjectKind === 'org' && !v.subjectOrgId) ctx.addIssue({ code: 'custom', path: ['subjectOrgId'], message: '对单位预警须指定被预警单位' });
}

const IssueFields = z.object({
  ...SubjectFields,
  level: WarningLevelSchema,
  /** The facts the subject reads in the notice. */
  facts: Text(4000),
  /** The internal basis (the clue's gist, the decision): never shown to the subject. */
  basis: Text(2000),
  clueId: z.number().int().positive().nullish(),
  disposalMeasures: z.array(z.string().trim().min(1)).min(1, '至少选择一项处置措施').max(6),
});

export const WarningIssue = IssueFields.extend({
  /** A date; when absent, the level's number of working days from today. */
  deadline: DateOnly.nullish(),
}).superRefine(subjectNamed);
export type WarningIssue = z.infer<typeof WarningIssue>;

/** 补录: a warning issued on paper in the past, entered with its original 文号 and dates. */
export const WarningBackRegister = IssueFields.extend({
  serialNo: Text(60),
  issuedOn: DateOnly,
  deadline: DateOnly,
  acknowledgedOn: DateOnly.nullish(),
  /** Already rectified and accepted on paper. */
  closedOn: DateOnly.nullish(),
}).superRefine((v, ctx) => {
  subjectNamed(v, ctx);
  if (v.deadline < v.issuedOn) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '整改期限不能早于发出日期' });
  if (v.closedOn && v.closedOn < v.issuedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '办结日期不能早于发出日期' });
});
export type WarningBackRegister = z.infer<typeof WarningBackRegister>;

const AnswerText = z.string().trim().max(8000, '不能超过8000个字符').nullish();
/** The subject's answer (multipart text fields beside the files). */
export const WarningAnswerFields = z.object({ explanation: AnswerText, causes: AnswerText, measures: AnswerText, report: AnswerText });
export type WarningAnswerFields = z.infer<typeof WarningAnswerFields>;

export const WarningReview = z
  .object({
    verdict: z.enum(['accepted', 'inadequate']),
    comment: z.string().trim().max(2000).nullish(),
    /** When the verdict raises a level-3 warning: the admonishment talk it schedules. */
    talk: z.object({ scheduledOn: DateOnly, place: Text(100), talker: Text(100) }).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.verdict === 'inadequate' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: '判定整改不到位须写明理由' });
  });
export type WarningReview = z.infer<typeof WarningReview>;

export const WarningTalkSchedule = z.object({ scheduledOn: DateOnly, place: Text(100), talker: Text(100) });
export const WarningTalkRecord = z.object({ heldOn: DateOnly, participants: Text(500), record: Text(4000) });
export const WarningFiling = z.object({ filedOn: DateOnly, department: Text(100) });

export const WarningNotice = z.object({ id: z.number().int(), kind: z.enum(NOTICE_KIND_KEYS), kindLabel: z.string(), serialNo: z.string(), issuedOn: DateOnly });
export const WarningAnswer = z.object({
  id: z.number().int(),
  explanation: z.string().nullable(),
  causes: z.string().nullable(),
  measures: z.string().nullable(),
  report: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  attachments: z.array(AttachmentMeta),
});
export const WarningReviewRecord = z.object({
  id: z.number().int(),
  answerId: z.number().int(),
  verdict: z.enum(['accepted', 'inadequate']),
  comment: z.string().nullable(),
  reviewedBy: z.string(),
  reviewedAt: z.string(),
});

export const Warning = z.object({
  id: z.number().int(),
  serialNo: z.string(),
  level: WarningLevelSchema,
  levelName: z.string(),
  subjectKind: SubjectKindSchema,
  subjectPersonId: z.number().int().nullable(),
  subjectName: z.string().describe('个人：姓名（所在单位）；单位：单位名称'),
  subjectOrgId: z.number().int(),
  subjectOrgName: z.string(),
  issuerOrgName: z.string(),
  issuedOn: DateOnly,
  deadline: DateOnly,
  status: WarningStatusSchema,
  statusLabel: z.string(),
  outcome: z.enum(WARNING_OUTCOMES).nullable(),
  closedOn: DateOnly.nullable(),
  backRegistered: z.boolean(),
  overdue: z.boolean(),
  colour: z.string(),
  highlight: z.string().nullable(),
  facts: z.string(),
  disposalMeasures: z.array(z.string()),
  demands: z.array(z.object({ key: WarningDemandSchema, label: z.string() })),
  parentWarningId: z.number().int().nullable(),
  childWarningId: z.number().int().nullable(),
  acknowledgedAt: z.string().nullable(),
  talk: z
    .object({ scheduledOn: DateOnly.nullable(), place: z.string().nullable(), talker: z.string().nullable(), heldOn: DateOnly.nullable(), participants: z.string().nullable(), record: z.string().nullable() })
    .nullable(),
  filing: z.object({ filedOn: DateOnly, department: z.string() }).nullable(),
  /** Only for those who issue and review warnings; the subject never sees the clue or the basis. */
  clueId: z.number().int().nullable().optional(),
  basis: z.string().optional(),
  actions: z.array(z.string()),
});
export type Warning = z.infer<typeof Warning>;

export const WarningChainLink = z.object({ id: z.number().int(), serialNo: z.string(), level: WarningLevelSchema, status: WarningStatusSchema, statusLabel: z.string(), issuedOn: DateOnly, deadline: DateOnly, colour: z.string() });
export const WarningAuditEntry = z.object({ id: z.number().int(), occurredAt: z.string(), actorLabel: z.string(), action: z.string(), actionLabel: z.string(), objectId: z.string().nullable(), summary: z.string() });

export const WarningDetail = Warning.extend({
  notices: z.array(WarningNotice),
  answers: z.array(WarningAnswer),
  reviews: z.array(WarningReviewRecord),
  /** The whole escalation chain, first warning first. */
  chain: z.array(WarningChainLink),
  referral: z.object({ id: z.number().int(), reason: z.string(), status: z.string(), createdAt: z.string() }).nullable(),
  /** Issuers only: every recorded step of the chain. */
  audit: z.array(WarningAuditEntry).optional(),
});
export type WarningDetail = z.infer<typeof WarningDetail>;

export const WarningsQuery = Pagination.extend({
  level: WarningLevelQuery.optional(),
  status: z.enum([...WARNING_STATUSES, 'open']).optional(),
  overdue: QueryBool.optional(),
  q: z.string().trim().max(50).optional(),
});

export const WarningSweepResult = z.object({ asOf: DateOnly, escalated: z.number().int(), referred: z.number().int() });
export type WarningSweepResult = z.infer<typeof WarningSweepResult>;

export const NoticeParams = z.object({ id: z.coerce.number().int().positive(), noticeId: z.coerce.number().int().positive(), format: z.enum(['docx', 'pdf']) });

// Bulletins (通报): to the public, names redacted or kept, a second person approves.
export const BULLETIN_STATUSES = ['draft', 'pending', 'published'] as const;
export const BULLETIN_STATUS_LABELS = { draft: '草稿', pending: '待审批', published: '已发布' } as const;
export const REDACTIONS = { redacted: '隐去姓名（王某）', named: '公开姓名' } as const;
export const Bulletin = z.object({
  id: z.number().int(),
  title: z.string(),
  intro: z.string(),
  redaction: z.enum(['redacted', 'named']),
  status: z.enum(BULLETIN_STATUSES),
  warningIds: z.array(z.number().int()),
  /** The text the portal shows, composed from the warnings with the chosen redaction. */
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedOn: DateOnly.nullable(),
  returnReason: z.string().nullable(),
  actions: z.array(z.string()),
});
export type Bulletin = z.infer<typeof Bulletin>;
export const BulletinCreate = z.object({
  title: Text(100),
  intro: Text(2000),
  redaction: z.enum(['redacted', 'named']),
  warningIds: z.array(z.number().int().positive()).min(1, '至少选择一条预警').max(50),
});
export const BulletinUpdate = BulletinCreate.partial();
export const BulletinReturn = z.object({ reason: Text(500) });
export const PortalBulletin = z.object({ id: z.number().int(), title: z.string(), body: z.string(), publishedOn: DateOnly });

// Leadership reports (内刊、专题报告): compiled from selected warnings and statistics.
export const LEADERSHIP_REPORT_KINDS = { internal_bulletin: '内刊', thematic_report: '专题报告' } as const;
export const WarningStatistics = z.object({
  total: z.number().int(),
  byLevel: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int() }),
  open: z.number().int(),
  overdue: z.number().int(),
  closed: z.number().int(),
  escalated: z.number().int(),
  referred: z.number().int(),
});
export type WarningStatistics = z.infer<typeof WarningStatistics>;
export const LeadershipReport = z.object({
  id: z.number().int(),
  kind: z.enum(['internal_bulletin', 'thematic_report']),
  title: z.string(),
  periodFrom: DateOnly,
  periodTo: DateOnly,
  summary: z.string(),
  recommendations: z.string().nullable(),
  warnings: z.array(z.object({ id: z.number().int(), serialNo: z.string(), level: WarningLevelSchema, subjectName: z.string(), facts: z.string(), statusLabel: z.string() })),
  statistics: WarningStatistics,
  createdBy: z.string(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type LeadershipReport = z.infer<typeof LeadershipReport>;
export const LeadershipReportCreate = z
  .object({
    kind: z.enum(['internal_bulletin', 'thematic_report']),
    title: Text(100),
    periodFrom: DateOnly,
    periodTo: DateOnly,
    summary: Text(8000),
    recommendations: z.string().trim().max(4000).nullish(),
    warningIds: z.array(z.number().int().positive()).max(100).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: '结束日期不能早于开始日期' });
  });

/** What a clue's approved 发出预警 disposal pre-fills in the issue form (GET /clues/:id/warning-draft). */
export const WarningDraft = z.object({
  subjectKind: SubjectKindSchema,
  subjectPersonId: z.number().int().nullable(),
  subjectOrgId: z.number().int().nullable(),
  level: WarningLevelSchema,
  facts: z.string(),
  basis: z.string(),
  clueId: z.number().int(),
  disposalMeasures: z.array(z.string()),
});
