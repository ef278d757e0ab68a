import { z } from 'zod';
import { checkIdNumber, ID_NUMBER_PROBLEM_MESSAGES } from '../people/id-number.js';
import { TALK_CLASSES } from '../people/talk-class.js';
import { DateOnly, Pagination, QueryBool, Text } from './common.js';

export const IdNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = checkIdNumber(v);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_PROBLEM_MESSAGES[problem] });
  });

export const TalkClassSchema = z.enum(TALK_CLASSES);

export const PostAssignment = z.object({
  id: z.number().int(),
  postId: z.number().int(),
  postName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});

export const Person = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  idNumber: z.string().describe('列表中为脱敏号码，详情中为完整号码（读取记入审计）'),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  phone: z.string().nullable(),
  talkClass: TalkClassSchema,
  isLeadershipMember: z.boolean(),
  isPrincipalLeader: z.boolean(),
  retiredAt: z.string().nullable(),
  posts: z.array(PostAssignment),
  actions: z.array(z.string()),
});
export type Person = z.infer<typeof Person>;

/** The detail adds the whole history of posts (and the full ID number: an audited read). */
export const PersonDetail = Person.extend({ history: Person.shape.posts });
export type PersonDetail = z.infer<typeof PersonDetail>;

const PersonFields = z.object({
  orgId: z.number().int().positive(),
  name: Text(50),
  idNumber: IdNumber,
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确').nullish(),
  talkClass: TalkClassSchema,
  isLeadershipMember: z.boolean(),
  isPrincipalLeader: z.boolean(),
});

export const PersonCreate = PersonFields.extend({
  talkClass: TalkClassSchema.default('C'),
  isLeadershipMember: z.boolean().default(false),
  isPrincipalLeader: z.boolean().default(false),
  postIds: z.array(z.number().int().positive()).max(10).default([]),
});
export type PersonCreate = z.infer<typeof PersonCreate>;

// Without defaults: Zod 4 applies them inside .partial(), and a PATCH must change only what it names.
export const PersonUpdate = PersonFields.partial();
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const PeopleQuery = Pagination.extend({
  orgId: z.coerce.number().int().positive().optional(),
  subtree: QueryBool.optional(),
  q: z.string().trim().max(50).optional(),
  talkClass: TalkClassSchema.optional(),
  includeRetired: QueryBool.optional(),
});

export const PeopleExportQuery = PeopleQuery.omit({ page: true, pageSize: true });

export const Post = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  duties: z.string().nullable(),
  isLeadership: z.boolean(),
  holders: z.array(z.object({ personId: z.number().int(), name: z.string() })),
  retiredAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type Post = z.infer<typeof Post>;

const PostFields = z.object({
  orgId: z.number().int().positive(),
  name: Text(60),
  duties: z.string().trim().max(2000).nullish(),
  isLeadership: z.boolean(),
});
export const PostCreate = PostFields.extend({ isLeadership: z.boolean().default(false) });
// Without defaults, so that a PATCH changes only what it names.
export const PostUpdate = PostFields.omit({ orgId: true }).partial();

export const PostsQuery = Pagination.extend({
  includeRetired: QueryBool.optional(),
  orgId: z.coerce.number().int().positive().optional(),
  subtree: QueryBool.optional(),
  q: z.string().trim().max(50).optional(),
});

export const AssignmentCreate = z.object({
  postId: z.number().int().positive(),
  startedOn: DateOnly,
});
export const AssignmentEnd = z.object({ endedOn: DateOnly });
