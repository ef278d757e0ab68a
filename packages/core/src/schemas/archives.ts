import { z } from 'zod';
import { ACCOUNTABILITY_FORMS, ACCOUNTABLE_ROLES } from '../accountability/catalogue.js';
import { PERSONAL_MATTER_FINDINGS } from '../archives/integrity-credit.js';
import { GRADES } from '../evaluations/rating.js';
import { TALK_CLASSES } from '../people/talk-class.js';
import { DateOnly, Pagination, Text } from './common.js';
import { PostAssignment } from './people.js';
import { Talk } from './talks.js';

// Personal-matter reports (个人有关事项报告): submitted, then checked with a finding.
export const PERSONAL_MATTER_KINDS = ['annual', 'ad_hoc'] as const;
export const PERSONAL_MATTER_KIND_LABELS = { annual: '年度集中报告', ad_hoc: '随时报告' } as const;
export const CHECK_METHODS = ['random', 'targeted'] as const;
export const CHECK_METHOD_LABELS = { random: '随机抽查核实', targeted: '重点查核' } as const;

export const PersonalMatterCreate = z.object({
  personId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(PERSONAL_MATTER_KINDS),
  submittedOn: DateOnly,
  matters: z.string().trim().max(2000).nullish(),
});
export type PersonalMatterCreate = z.infer<typeof PersonalMatterCreate>;

export const PersonalMatterCheck = z.object({
  checkMethod: z.enum(CHECK_METHODS),
  checkedOn: DateOnly,
  finding: z.enum(PERSONAL_MATTER_FINDINGS),
  findingNote: z.string().trim().max(2000).nullish(),
});
export type PersonalMatterCheck = z.infer<typeof PersonalMatterCheck>;

export const PersonalMatter = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  kind: z.enum(PERSONAL_MATTER_KINDS),
  submittedOn: z.string(),
  matters: z.string().nullable(),
  status: z.enum(['submitted', 'checked']),
  checkMethod: z.enum(CHECK_METHODS).nullable(),
  checkedOn: z.string().nullable(),
  finding: z.enum(PERSONAL_MATTER_FINDINGS).nullable(),
  findingNote: z.string().nullable(),
  actions: z.array(z.string()),
});
export type PersonalMatter = z.infer<typeof PersonalMatter>;
export const PersonalMattersQuery = Pagination.extend({
  personId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['submitted', 'checked']).optional(),
});

const Section = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });

export const ArchiveRating = z.object({ runId: z.number().int(), year: z.number().int(), grade: z.enum(GRADES), reason: z.string(), corrected: z.boolean() });
export const ArchiveWarning = z.object({ id: z.number().int(), serialNo: z.string().nullable(), level: z.number().int(), issuedOn: z.string(), status: z.string(), outcome: z.string().nullable(), closedOn: z.string().nullable() });
export const ArchiveAccountability = z.object({
  decisionId: z.number().int(),
  serialNo: z.string(),
  decidedOn: z.string(),
  decisionMaker: z.string(),
  role: z.enum(ACCOUNTABLE_ROLES),
  behaviourTitle: z.string(),
  form: z.enum(ACCOUNTABILITY_FORMS),
});
/** A risk point of a post the person holds or held (or of the person as a leadership member). */
export const ArchiveRiskPoint = z.object({
  id: z.number().int(),
  title: z.string(),
  postName: z.string().nullable(),
  level: z.number().int(),
  status: z.string(),
  measuresDone: z.number().int(),
  measuresTotal: z.number().int(),
});
export const ArchiveCommitment = z.object({ id: z.number().int(), year: z.number().int(), title: z.string(), signedAt: z.string().nullable(), filedAt: z.string().nullable() });

export const IntegrityCreditSchema = z.object({
  score: z.number(),
  base: z.number(),
  floor: z.number(),
  since: z.string(),
  terms: z.array(z.object({ label: z.string(), count: z.number().int(), points: z.number(), subtotal: z.number() })),
  expression: z.string(),
});

export const IntegrityArchive = z.object({
  person: z.object({
    id: z.number().int(),
    name: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    talkClass: z.enum(TALK_CLASSES),
    isLeadershipMember: z.boolean(),
    isPrincipalLeader: z.boolean(),
    retiredAt: z.string().nullable(),
  }),
  posts: z.array(PostAssignment),
  riskPoints: Section(ArchiveRiskPoint),
  commitments: Section(ArchiveCommitment),
  talks: Section(Talk),
  warnings: Section(ArchiveWarning),
  ratings: Section(ArchiveRating),
  accountability: Section(ArchiveAccountability),
  personalMatters: Section(PersonalMatter),
  credit: IntegrityCreditSchema,
  generatedAt: z.string(),
});
export type IntegrityArchive = z.infer<typeof IntegrityArchive>;
export const ArchiveParam = z.object({ personId: z.coerce.number().int().positive() });

// Integrity-opinion replies (党风廉政意见回复).
export const IntegrityOpinionCreate = z
  .object({
    requester: Text(100),
    requestRef: z.string().trim().max(60).nullish(),
    requestedOn: DateOnly,
    purpose: Text(200),
    periodStart: DateOnly,
    periodEnd: DateOnly,
    personIds: z.array(z.number().int().positive()).min(1, '至少一名干部').max(50),
  })
  .refine((o) => o.periodStart <= o.periodEnd, { message: '所询期间的起始日期不能晚于截止日期', path: ['periodEnd'] })
  .refine((o) => new Set(o.personIds).size === o.personIds.length, { message: '人员不能重复', path: ['personIds'] });
export type IntegrityOpinionCreate = z.infer<typeof IntegrityOpinionCreate>;

export const IntegrityOpinionPerson = z.object({
  personId: z.number().int(),
  name: z.string(),
  orgName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  suggestedCategory: z.string(),
  conclusion: z.string(),
  findings: z.array(z.string()),
});

export const IntegrityOpinion = z.object({
  id: z.number().int(),
  serialNo: z.string().nullable(),
  requester: z.string(),
  requestRef: z.string().nullable(),
  requestedOn: z.string(),
  purpose: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(['draft', 'submitted', 'approved']),
  draftedBy: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  repliedOn: z.string().nullable(),
  people: z.array(IntegrityOpinionPerson),
  actions: z.array(z.string()),
});
export type IntegrityOpinion = z.infer<typeof IntegrityOpinion>;
export const IntegrityOpinionsQuery = Pagination.extend({ status: z.enum(['draft', 'submitted', 'approved']).optional() });
export const OpinionPersonParams = z.object({ id: z.coerce.number().int().positive(), personId: z.coerce.number().int().positive() });
export const OpinionCategoryChoice = z.object({ conclusionCategory: z.string().trim().min(1).max(40) });
export const OpinionReview = z.object({ note: z.string().trim().max(1000).nullish() });
export const OpinionReturn = z.object({ note: Text(1000) });
