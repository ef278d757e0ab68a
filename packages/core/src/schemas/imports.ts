import { z } from 'zod';
import { QueryBool } from './common.js';

export const ImportQuery = z.object({
  dryRun: QueryBool.optional().describe('true：只校验，不写入任何记录；默认 false'),
});

export const ImportResult = z.object({
  dryRun: z.boolean(),
  orgsCreated: z.number().int().describe('新建的组织数'),
  peopleCreated: z.number().int().describe('新增的人员数'),
  postsCreated: z.number().int().describe('自动新建的岗位数（所属组织中尚无同名岗位时）'),
});
export type ImportResult = z.infer<typeof ImportResult>;
