import { z } from 'zod';
import { ACCOUNTABILITY_FORMS, ACCOUNTABLE_ROLES, BEHAVIOUR_DETECTIONS, BEHAVIOUR_SUBJECTS } from '../accountability/catalogue.js';
import { DateOnly, Pagination, QueryBool, Text } from './common.js';

export const AccountabilityBehaviour = z.object({
  id: z.number().int(),
  code: z.string(),
  subject: z.enum(BEHAVIOUR_SUBJECTS),
  title: z.string(),
  source: z.string().nullable(),
  detection: z.enum(BEHAVIOUR_DETECTIONS).nullable(),
  retired: z.boolean(),
});
export type AccountabilityBehaviour = z.infer<typeof AccountabilityBehaviour>;
export const AccountabilityBehaviours = z.object({
  items: z.array(AccountabilityBehaviour),
  /** how many behaviours seed 001 counts per subject, beside how many the catalogue holds */
  seedCounts: z.object({ staff: z.number().int(), unit_head: z.number().int() }),
});
export const BehavioursQuery = z.object({ includeRetired: QueryBool.optional() });
export const AccountabilityBehaviourCreate = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9]{1,9}$/, '代码须为大写字母开头的 2–10 位大写字母或数字'),
  subject: z.enum(BEHAVIOUR_SUBJECTS),
  title: Text(200),
  source: z.string().trim().max(100).nullish(),
});

export const DecisionPersonInput = z.object({
  personId: z.number().int().positive(),
  role: z.enum(ACCOUNTABLE_ROLES),
  behaviourId: z.number({ error: '须指明问责情形' }).int().positive(),
  form: z.enum(ACCOUNTABILITY_FORMS),
});

export const DECISION_SOURCES = ['manual', 'referral', 'rating', 'bottom_ranking'] as const;
export const DECISION_SOURCE_LABELS: Record<(typeof DECISION_SOURCES)[number], string> = {
  manual: '直接立项',
  referral: '三级预警逾期未整改移送',
  rating: '廉情预警考评为“差”',
  bottom_ranking: '考核连续多年末位',
};

export const AccountabilityDecisionCreate = z.object({
  decidedOn: DateOnly,
  decisionMaker: Text(100),
  caseFacts: Text(5000),
  sourceKind: z.enum(DECISION_SOURCES).default('manual'),
  /** the referral, the rating task, or the assessed org the decision follows from */
  sourceId: z.number().int().positive().nullish(),
  people: z.array(DecisionPersonInput).min(1, '至少一名相关人员').max(20),
});
export type AccountabilityDecisionCreate = z.infer<typeof AccountabilityDecisionCreate>;

export const AccountabilityDecision = z.object({
  id: z.number().int(),
  serialNo: z.string(),
  decidedOn: z.string(),
  decisionMaker: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  caseFacts: z.string(),
  sourceKind: z.enum(DECISION_SOURCES),
  sourceId: z.number().int().nullable(),
  people: z.array(
    z.object({
      personId: z.number().int(),
      name: z.string(),
      orgName: z.string(),
      role: z.enum(ACCOUNTABLE_ROLES),
      behaviourId: z.number().int(),
      behaviourCode: z.string(),
      behaviourTitle: z.string(),
      form: z.enum(ACCOUNTABILITY_FORMS),
    }),
  ),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type AccountabilityDecision = z.infer<typeof AccountabilityDecision>;
export const DecisionsQuery = Pagination.extend({
  personId: z.coerce.number().int().positive().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** 一案双查: the leaders answerable for supervising a violator, as the org tree suggests them. */
export const AnswerableLeadersQuery = z.object({ personId: z.coerce.number().int().positive() });
const Leader = z.object({ personId: z.number().int(), name: z.string(), orgName: z.string(), postName: z.string() });
export const AnswerableLeaders = z.object({ directLeaders: z.array(Leader), principalLeaders: z.array(Leader) });

/** What waits for an accountability decision: referrals of unrectified level-3 warnings, and rating tasks. */
export const PendingAccountability = z.object({
  items: z.array(
    z.object({
      sourceKind: z.enum(DECISION_SOURCES),
      sourceId: z.number().int(),
      title: z.string(),
      orgId: z.number().int(),
      orgName: z.string(),
      personId: z.number().int().nullable(),
      personName: z.string().nullable(),
      since: z.string(),
    }),
  ),
});
