import { z } from 'zod';
import { CONSEQUENCE_KINDS } from '../evaluations/consequences.js';
import { GRADES } from '../evaluations/rating.js';
import { EVALUATION_SETTING_KEYS } from '../evaluations/settings.js';
import { Pagination, Text } from './common.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const GradeCounts = z.object({ good: z.number().int(), fair: z.number().int(), poor: z.number().int() });

export const WarningRefSchema = z.object({ id: z.number().int(), serialNo: z.string().nullable(), level: z.number().int(), issuedOn: z.string() });

export const EvaluationResult = z.object({
  /** null in a preview */
  id: z.number().int().nullable(),
  subjectKind: z.enum(['person', 'org']),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  grade: z.enum(GRADES),
  maxLevel: z.number().int(),
  warnings: z.array(WarningRefSchema),
  reason: z.string(),
});
export type EvaluationResult = z.infer<typeof EvaluationResult>;

export const EvaluationResultsQuery = Pagination.extend({
  grade: z.enum(GRADES).optional(),
  subjectKind: z.enum(['person', 'org']).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
});

export const EvaluationPreviewQuery = EvaluationResultsQuery.extend({ year: Year });

export const EvaluationSummary = z.object({ people: GradeCounts, orgs: GradeCounts });

export const EvaluationPreview = z.object({
  year: z.number().int(),
  ruleText: z.string(),
  yearEnded: z.boolean(),
  /** the run in force for the year, if one was confirmed */
  currentRunId: z.number().int().nullable(),
  summary: EvaluationSummary,
  results: z.object({ items: z.array(EvaluationResult), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
});

export const EvaluationRun = z.object({
  id: z.number().int(),
  year: z.number().int(),
  kind: z.enum(['regular', 'correction']),
  correctsRunId: z.number().int().nullable(),
  reason: z.string().nullable(),
  status: z.enum(['confirmed', 'published', 'superseded']),
  ruleText: z.string(),
  confirmedBy: z.string(),
  confirmedAt: z.string(),
  publishedAt: z.string().nullable(),
  supersededBy: z.number().int().nullable(),
  summary: EvaluationSummary,
  tasks: z.object({ open: z.number().int(), done: z.number().int(), cancelled: z.number().int() }),
  actions: z.array(z.string()),
});
export type EvaluationRun = z.infer<typeof EvaluationRun>;

export const EvaluationRunsQuery = z.object({ year: Year.optional() });
export const EvaluationConfirm = z.object({ year: z.number().int().min(2000).max(2100) });
export const EvaluationCorrection = z.object({ reason: Text(1000) });

export const EvaluationTask = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  kind: z.enum(CONSEQUENCE_KINDS),
  grade: z.enum(GRADES).nullable(),
  title: z.string(),
  subject: z.string().nullable(),
  status: z.enum(['open', 'done', 'cancelled']),
  dueOn: z.string(),
  overdue: z.boolean(),
  talkId: z.number().int().nullable(),
  decisionId: z.number().int().nullable(),
  note: z.string().nullable(),
  doneAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type EvaluationTask = z.infer<typeof EvaluationTask>;
export const EvaluationTasksQuery = Pagination.extend({ kind: z.enum(CONSEQUENCE_KINDS).optional(), status: z.enum(['open', 'done', 'cancelled']).optional() });
export const EvaluationTaskDone = z.object({ note: Text(1000) });

export const EvaluationSettingKeyParam = z.object({ key: z.enum(EVALUATION_SETTING_KEYS) });
export const EvaluationSetting = z.object({ key: z.enum(EVALUATION_SETTING_KEYS), label: z.string(), value: z.unknown(), isDefault: z.boolean(), updatedAt: z.string().nullable() });
export const EvaluationSettings = z.object({ items: z.array(EvaluationSetting) });
export const EvaluationSettingUpdate = z.object({ value: z.unknown() });
