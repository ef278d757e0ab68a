import { z } from 'zod';
import { TALK_CLASSES } from '../people/talk-class.js';
import { TALK_KINDS, TALK_STATUSES, TALKER_ROLES } from '../talks/talks.js';
import { DateOnly, Pagination, QueryBool, Text } from './common.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const Times = z.number().int().min(0, '不能小于 0').max(12, '每年至多 12 次');
const PersonRef = z.object({ personId: z.number().int(), name: z.string() });

export const TalkPlanCreate = z.object({
  year: z.number().int().min(2000).max(2100),
  orgId: z.number().int().positive(),
  name: Text(100),
  timesA: Times,
  timesB: Times,
  timesC: Times,
});
export type TalkPlanCreate = z.infer<typeof TalkPlanCreate>;

export const TalkPlan = z.object({
  id: z.number().int(),
  year: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  timesA: z.number().int(),
  timesB: z.number().int(),
  timesC: z.number().int(),
  generatedAt: z.string().nullable(),
  talks: z.object({ planned: z.number().int(), held: z.number().int(), cancelled: z.number().int(), overdue: z.number().int() }),
  actions: z.array(z.string()),
});
export type TalkPlan = z.infer<typeof TalkPlan>;

export const TalkPlansQuery = Pagination.extend({ year: Year.optional() });

export const TalkScheduleResult = z.object({
  plan: TalkPlan,
  created: z.number().int(),
  /** people of the plan's subtree for whom no talker could be found, and why */
  unassigned: z.array(z.object({ personId: z.number().int(), name: z.string(), orgName: z.string(), reason: z.string() })),
});

export const Talk = z.object({
  id: z.number().int(),
  kind: z.enum(TALK_KINDS),
  status: z.enum(TALK_STATUSES),
  planId: z.number().int().nullable(),
  talkClass: z.enum(TALK_CLASSES).nullable(),
  subjectPersonId: z.number().int().nullable(),
  subjectName: z.string().nullable(),
  subjectOrgId: z.number().int(),
  subjectOrgName: z.string(),
  talkerPersonId: z.number().int().nullable(),
  talkerName: z.string().nullable(),
  talkerRole: z.enum(TALKER_ROLES).nullable(),
  dueOn: z.string().nullable(),
  heldOn: z.string().nullable(),
  location: z.string().nullable(),
  points: z.string().nullable(),
  commitments: z.string().nullable(),
  participants: z.array(PersonRef),
  /** participants as written where they are not people of the register (a warning's talk record) */
  participantsNote: z.string().nullable(),
  sourceKind: z.enum(['plan', 'rating', 'warning', 'manual']),
  sourceId: z.number().int().nullable(),
  cancelReason: z.string().nullable(),
  recordedAt: z.string().nullable(),
  overdue: z.boolean(),
  actions: z.array(z.string()),
});
export type Talk = z.infer<typeof Talk>;

export const TalksQuery = Pagination.extend({
  status: z.enum(TALK_STATUSES).optional(),
  kind: z.enum(TALK_KINDS).optional(),
  planId: z.coerce.number().int().positive().optional(),
  personId: z.coerce.number().int().positive().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  /** only the talks the signed-in person is to hold */
  mine: QueryBool.optional(),
  year: Year.optional(),
});

const TalkRecordFields = z.object({
  heldOn: DateOnly,
  talkerPersonId: z.number().int().positive(),
  location: z.string().trim().max(100).nullish(),
  points: Text(5000),
  commitments: z.string().trim().max(5000).nullish(),
  participantIds: z.array(z.number().int().positive()).max(200).default([]),
});

/** Records a talk held without a schedule (e.g. a 提醒谈话), or a collective talk with a unit. */
export const TalkCreate = TalkRecordFields.extend({
  kind: z.enum(TALK_KINDS),
  /** the person talked to */
  personId: z.number().int().positive().nullish(),
  /** a collective talk's unit */
  orgId: z.number().int().positive().nullish(),
}).refine((t) => t.personId != null || (t.kind === 'collective' && t.orgId != null), {
  message: '须指明谈话对象（集体廉政谈话须指明单位）',
  path: ['personId'],
});
export type TalkCreate = z.infer<typeof TalkCreate>;

/** Records a scheduled talk as held. */
export const TalkRecord = TalkRecordFields;
export type TalkRecord = z.infer<typeof TalkRecord>;

export const TalkCancel = z.object({ reason: Text(500) });

export const TalkerOption = z.object({ personId: z.number().int(), name: z.string(), orgName: z.string(), postName: z.string() });
export const TalkerOptions = z.object({ role: z.enum(TALKER_ROLES).nullable(), reason: z.string(), talkers: z.array(TalkerOption) });
export const TalkerOptionsQuery = z.object({ personId: z.coerce.number().int().positive(), kind: z.enum(TALK_KINDS).default('integrity') });
