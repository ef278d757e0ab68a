import { z } from 'zod';
import { ASSESSMENT_GRADES, AssessmentThresholds, COMPUTED_INDICATORS } from '../assessments/assessment.js';
import { Pagination, Text } from './common.js';
import { WarningStatusSchema } from './warnings.js';

const Year = z.coerce.number().int().min(2000).max(2100);

export const AssessmentIndicatorInput = z.object({
  name: Text(100),
  weight: z.number().gt(0, '权重须大于 0').max(100, '权重不能超过 100'),
  /** a computed indicator names its provider; a hand-scored one has none */
  provider: z.enum(COMPUTED_INDICATORS).nullish(),
  description: z.string().trim().max(500).nullish(),
});

export const AssessmentSchemeCreate = z.object({
  year: z.number().int().min(2000).max(2100),
  name: Text(100),
  orgId: z.number().int().positive(),
  thresholds: AssessmentThresholds,
  indicators: z.array(AssessmentIndicatorInput).min(1, '至少一项指标').max(30),
  /** the units assessed; by default every unit (单位) in the org's subtree */
  orgIds: z.array(z.number().int().positive()).max(5000).optional(),
});
export type AssessmentSchemeCreate = z.infer<typeof AssessmentSchemeCreate>;

export const AssessmentIndicator = z.object({
  id: z.number().int(),
  name: z.string(),
  weight: z.number(),
  provider: z.enum(COMPUTED_INDICATORS).nullable(),
  description: z.string().nullable(),
});

const GradeCount = z.object({ excellent: z.number().int(), good: z.number().int(), pass: z.number().int(), fail: z.number().int() });

export const AssessmentScheme = z.object({
  id: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  thresholds: AssessmentThresholds,
  indicators: z.array(AssessmentIndicator),
  counts: z.object({ pending: z.number().int(), scored: z.number().int(), confirmed: z.number().int() }),
  grades: GradeCount,
  actions: z.array(z.string()),
});
export type AssessmentScheme = z.infer<typeof AssessmentScheme>;
export const AssessmentSchemesQuery = Pagination.extend({ year: Year.optional() });

export const AssessmentScore = z.object({ indicatorId: z.number().int(), score: z.number(), source: z.enum(['computed', 'manual']), detail: z.string().nullable() });

export const AssessmentResult = z.object({
  id: z.number().int(),
  schemeId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  status: z.enum(['pending', 'scored', 'confirmed']),
  total: z.number().nullable(),
  grade: z.enum(ASSESSMENT_GRADES).nullable(),
  /** place in the scheme's ranking among scored units (ties share a place) */
  place: z.number().int().nullable(),
  scores: z.array(AssessmentScore),
  /** 文号 and day of the written rectification notice a 不及格 brought */
  noticeSerial: z.string().nullable(),
  noticeIssuedOn: z.string().nullable(),
  /** the level-2 org warning that notice belongs to; the unit answers it there */
  warning: z.object({ id: z.number().int(), serialNo: z.string(), status: WarningStatusSchema, deadline: z.string() }).nullable(),
  actions: z.array(z.string()),
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;
export const AssessmentResultsQuery = Pagination.extend({ grade: z.enum(ASSESSMENT_GRADES).optional(), status: z.enum(['pending', 'scored', 'confirmed']).optional() });

/** What the system computes for a result's indicators now; unavailable ones must be scored by hand. */
export const ComputedScores = z.object({
  items: z.array(z.object({ indicatorId: z.number().int(), available: z.boolean(), score: z.number().nullable(), detail: z.string() })),
});

export const AssessmentScoresInput = z.object({
  scores: z
    .array(z.object({ indicatorId: z.number().int().positive(), score: z.number().min(0, '得分不能小于 0').max(100, '得分不能超过 100'), note: z.string().trim().max(500).nullish() }))
    .max(30),
});
export type AssessmentScoresInput = z.infer<typeof AssessmentScoresInput>;

export const BottomRankingQuery = z.object({ year: Year });
export const BottomRankingList = z.object({
  year: z.number().int(),
  years: z.number().int(),
  bottomPlaces: z.number().int(),
  behaviour: z.object({ id: z.number().int(), code: z.string(), title: z.string() }).nullable(),
  items: z.array(
    z.object({
      orgId: z.number().int(),
      orgName: z.string(),
      principals: z.array(z.object({ personId: z.number().int(), name: z.string() })),
      years: z.array(z.object({ year: z.number().int(), place: z.number().int(), of: z.number().int(), total: z.number() })),
    }),
  ),
});
