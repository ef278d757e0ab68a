import { z } from 'zod';
import { CLUE_CHANNEL_CODES, CLUE_STATUS_CODES, DISPOSAL_MODE_CODES, PROBLEM_TYPE_CODES, REPLY_KINDS, REPLY_VIAS } from '../clues/dictionaries.js';
import { DateOnly, Page, Pagination, QueryBool, Text } from './common.js';
import { IdNumber } from './people.js';
import { AttachmentMeta } from './shared-modules.js';

// Warning clues (廉情信息/预警信息) and the ledger (预警信息台账); the public side is at the end.

export const ClueChannelSchema = z.enum(CLUE_CHANNEL_CODES);
export const ProblemTypeSchema = z.enum(PROBLEM_TYPE_CODES);
export const DisposalModeSchema = z.enum(DISPOSAL_MODE_CODES);
export const ClueStatusSchema = z.enum(CLUE_STATUS_CODES);
export const ClueLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const ReplyKindSchema = z.enum(Object.keys(REPLY_KINDS) as ['acceptance', 'result', 'message']);
export const ReplyViaSchema = z.enum(Object.keys(REPLY_VIAS) as ['portal', 'phone', 'letter', 'in_person', 'sms']);

const Phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');

/** A named reporter's identity: stored encrypted, never listed, revealed only with a permission. */
export const ReporterIdentity = z.object({
  name: Text(50),
  phone: Phone,
  idNumber: IdNumber.nullish(),
});
export type ReporterIdentity = z.infer<typeof ReporterIdentity>;

export const ClueReporterInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('anonymous') }),
  z.object({ kind: z.literal('named'), identity: ReporterIdentity }),
]);

/** Content: not blank, at most 5,000 characters. */
export const ClueContent = Text(5000);

export const ClueCreate = z
  .object({
    channel: ClueChannelSchema,
    problemType: ProblemTypeSchema,
    content: ClueContent,
    factsOn: DateOnly.nullish().describe('问题发生日期'),
    sourceDocument: Text(200).nullish().describe('来源文书（如信访件编号、审计报告文号）'),
    subjectPersonId: z.number().int().positive().nullish().describe('被反映人（组织树中的人员）'),
    subjectOrgId: z.number().int().positive().nullish().describe('被反映单位（组织树中的单位）；给出人员时默认为其所在单位'),
    subjectText: Text(200).nullish().describe('被反映对象（自由文本：姓名、单位、职务；对象不明时填写所知情况）'),
    reporter: ClueReporterInput.default({ kind: 'none' }),
  })
  .describe('登记或报送一条线索');
export type ClueCreate = z.infer<typeof ClueCreate>;

export const ClueBatch = z.object({ items: z.array(z.unknown()).min(1, '至少一条').max(1000, '每批最多 1000 条') });
export const ClueBatchResult = z.object({ count: z.number().int(), ids: z.array(z.number().int()), ledgerNos: z.array(z.string()), sealed: z.number().int() });

export const ClueQuery = Pagination.extend({
  q: z.string().trim().max(100).optional().describe('全文检索（内容、被反映对象、台账编号）'),
  channel: ClueChannelSchema.optional(),
  problemType: ProblemTypeSchema.optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  status: ClueStatusSchema.optional(),
  handlerOrgId: z.coerce.number().int().positive().optional(),
  orgId: z.coerce.number().int().positive().optional().describe('被反映单位（含下级）'),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  duplicates: QueryBool.optional().describe('只看疑似重复件'),
  overdue: QueryBool.optional().describe('只看答复或转送逾期的线索'),
});
export type ClueQuery = z.infer<typeof ClueQuery>;
export const ClueExportQuery = ClueQuery.omit({ page: true, pageSize: true });

const Named = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const Clue = z.object({
  id: z.number().int(),
  ledgerNo: z.string(),
  channel: ClueChannelSchema,
  problemType: ProblemTypeSchema,
  content: z.string(),
  factsOn: z.string().nullable(),
  subjectPerson: Named,
  subjectOrg: Named,
  subjectText: z.string().nullable(),
  handlerOrg: z.object({ id: z.number().int(), name: z.string() }),
  routedAs: z.enum(['township', 'group', 'centre', 'manual']),
  level: ClueLevelSchema.nullable(),
  status: ClueStatusSchema,
  reporterKind: z.enum(['none', 'anonymous', 'named']),
  receivedOn: z.string(),
  duplicateOf: z.object({ id: z.number().int(), ledgerNo: z.string() }).nullable(),
  mergedInto: z.object({ id: z.number().int(), ledgerNo: z.string() }).nullable(),
  disposalMode: DisposalModeSchema.nullable(),
  ackDue: z.string().nullable(),
  resultDue: z.string().nullable(),
  forwardDue: z.string().nullable(),
  overdue: z.boolean(),
  actions: z.array(z.string()),
});
export type Clue = z.infer<typeof Clue>;

/** A ledger page; the total is exact up to 1,000 matches, beyond that `totalCapped` says "more". */
export const ClueList = Page(Clue).extend({ totalCapped: z.boolean().describe('匹配超过 1000 件时 total 为 1000（精确总数见 /clues/statistics）') });

export const ClueDisposal = z.object({
  id: z.number().int(),
  mode: DisposalModeSchema,
  level: ClueLevelSchema.nullable(),
  note: z.string(),
  transferTo: z.string().nullable(),
  mergeInto: z.object({ id: z.number().int(), ledgerNo: z.string() }).nullable(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decision: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  outcome: z.string().nullable(),
});

export const ClueMessage = z.object({
  id: z.number().int(),
  direction: z.enum(['to_reporter', 'from_reporter']),
  kind: ReplyKindSchema,
  via: ReplyViaSchema,
  body: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
});

export const ClueDetail = Clue.extend({
  sourceDocument: z.string().nullable(),
  sourceOrg: Named,
  registeredBy: z.string().nullable(),
  acceptanceNo: z.string().nullable().describe('网上举报的受理编号（不含查询码，不能凭此查询）'),
  outOfJurisdiction: z.boolean(),
  outcome: z.string().nullable(),
  closedOn: z.string().nullable(),
  disposals: z.array(ClueDisposal),
  messages: z.array(ClueMessage),
  attachments: z.array(AttachmentMeta),
  merged: z.array(z.object({ id: z.number().int(), ledgerNo: z.string() })),
});
export type ClueDetail = z.infer<typeof ClueDetail>;

/** Registering may divert a report about the commission's principal leader to the commission above. */
export const ClueRegistered = z.discriminatedUnion('sealed', [
  z.object({ sealed: z.literal(false), clue: ClueDetail }),
  z.object({ sealed: z.literal(true), message: z.string() }),
]);

export const ClueTriage = z.object({
  level: ClueLevelSchema.nullish(),
  problemType: ProblemTypeSchema.optional(),
  outOfJurisdiction: z.boolean().optional().describe('不属于本级管辖：须在规定工作日内移送'),
});

export const ClueAssignment = z.object({
  handlerOrgId: z.number().int().positive(),
  subjectOrgId: z.number().int().positive().nullish().describe('同时补正被反映单位'),
  reason: Text(500),
});

export const DisposalPropose = z
  .object({
    mode: DisposalModeSchema,
    level: ClueLevelSchema.nullish().describe('发出预警时的建议预警等级'),
    note: Text(2000),
    transferTo: Text(100).nullish().describe('移送对象（线索移送时必填）'),
    mergeIntoId: z.number().int().positive().nullish().describe('并入的线索（并案处理时必填）'),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'warning' && !v.level) ctx.addIssue({ code: 'custom', path: ['level'], message: '发出预警须提出建议的预警等级' });
    if (v.mode === 'transfer' && !v.transferTo) ctx.addIssue({ code: 'custom', path: ['transferTo'], message: '线索移送须写明移送对象' });
    if (v.mode === 'merge' && !v.mergeIntoId) ctx.addIssue({ code: 'custom', path: ['mergeIntoId'], message: '并案处理须指明并入的线索' });
  });
export type DisposalPropose = z.infer<typeof DisposalPropose>;

export const DisposalDecision = z.object({ approve: z.boolean(), comment: Text(500).nullish() });
export const DisposalParams = z.object({ id: z.coerce.number().int().positive(), disposalId: z.coerce.number().int().positive() });
export const ClueClose = z.object({ outcome: Text(2000) });
export const ClueReplyCreate = z.object({ kind: ReplyKindSchema, via: ReplyViaSchema, body: Text(2000) });

export const ClueStatistics = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  byChannel: z.array(z.object({ key: z.string(), count: z.number().int() })),
  byProblemType: z.array(z.object({ key: z.string(), count: z.number().int() })),
  byLevel: z.array(z.object({ key: z.string(), count: z.number().int() })),
  byStatus: z.array(z.object({ key: z.string(), count: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
});

export const SealedReportSummary = z.object({ id: z.number().int(), receivedOn: z.string() });
export const SealedReport = SealedReportSummary.extend({ payload: z.record(z.string(), z.unknown()) });

// —— The public portal (no login) ——

export const PortalChallenge = z.object({ id: z.string(), difficulty: z.number().int(), expiresAt: z.string() });

const Proof = { challengeId: z.string().regex(/^[0-9a-f]{32}$/, '验证信息不正确'), nonce: z.string().regex(/^\d{1,16}$/, '验证信息不正确') };

export const PortalReportCreate = z.object({
  ...Proof,
  reporter: z.discriminatedUnion('kind', [z.object({ kind: z.literal('anonymous') }), z.object({ kind: z.literal('named'), identity: ReporterIdentity })]),
  subjectText: Text(200).describe('被反映人及其单位、职务'),
  problemType: ProblemTypeSchema,
  content: ClueContent,
  factsOn: DateOnly.nullish(),
  concernsCommissionPrincipal: z.boolean().default(false).describe('反映区纪委监委主要负责人：直接报送上级纪委监委'),
});
export type PortalReportCreate = z.infer<typeof PortalReportCreate>;

export const PortalReceipt = z.discriminatedUnion('sealed', [
  z.object({ sealed: z.literal(false), acceptanceNo: z.string(), queryCode: z.string().describe('只显示这一次；服务器只保存其 argon2id 摘要') }),
  z.object({ sealed: z.literal(true), message: z.string() }),
]);

export const PortalReportQuery = z.object({ acceptanceNo: z.string().trim().max(40), queryCode: z.string().max(40) });
export const PortalMessageCreate = PortalReportQuery.extend({ ...Proof, body: Text(2000) });

export const PortalReportStatus = z.object({
  acceptanceNo: z.string(),
  receivedOn: z.string(),
  status: z.string(),
  messages: z.array(z.object({ direction: z.enum(['to_reporter', 'from_reporter']), kind: ReplyKindSchema, body: z.string(), createdAt: z.string() })),
});
