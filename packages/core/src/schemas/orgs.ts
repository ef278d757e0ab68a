import { z } from 'zod';
import { ORG_KINDS } from '../orgs/org-kind.js';
import { Text, QueryBool } from './common.js';

export const OrgKindSchema = z.enum(ORG_KINDS);

export const Org = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  depth: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: OrgKindSchema,
  code: z.string().nullable(),
  sortOrder: z.number().int(),
  supervisedOrgIds: z.array(z.number().int()),
  retiredAt: z.string().nullable(),
  peopleCount: z.number().int().optional(),
  childCount: z.number().int().optional().describe('权限范围内的下级组织数（仅 parentId 或 roots 查询返回）'),
  actions: z.array(z.string()),
});
export type Org = z.infer<typeof Org>;

const OrgFields = z.object({
  parentId: z.number().int().positive().nullable(),
  name: Text(100),
  shortName: Text(30).nullish(),
  kind: OrgKindSchema,
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, '代码只能包含字母、数字、下划线和短横线').nullish(),
  sortOrder: z.number().int().min(0).max(100000),
  supervisedOrgIds: z.array(z.number().int().positive()).max(500),
});

/** GET /orgs/:id adds the counts of active people and child orgs. */
export const OrgDetail = Org.extend({ peopleCount: z.number().int(), childCount: z.number().int() });
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgCreate = OrgFields.extend({
  sortOrder: OrgFields.shape.sortOrder.default(0),
  supervisedOrgIds: OrgFields.shape.supervisedOrgIds.default([]),
});
export type OrgCreate = z.infer<typeof OrgCreate>;

// An update changes only the fields it names: built from the fields without defaults, since Zod 4
// applies a default inside .partial() and a PATCH of the name would otherwise reset the others.
export const OrgUpdate = OrgFields.omit({ parentId: true }).partial();
export type OrgUpdate = z.infer<typeof OrgUpdate>;

export const OrgMove = z.object({ parentId: z.number().int().positive() });

export const OrgListQuery = z.object({
  includeRetired: QueryBool.optional(),
  kind: OrgKindSchema.optional(),
  q: z.string().trim().max(50).optional(),
  // A large tree (a prefecture: thousands of orgs) is opened one level at a time.
  parentId: z.coerce.number().int().positive().optional().describe('只列出该组织的直接下级（逐级展开组织树）'),
  roots: QueryBool.optional().describe('只列出权限范围内的顶层组织'),
});
