import type { Actor } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { findOrgInScope, lockOrgsShared } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { findPostInScope, holdersOf, type PostRow } from './posts.repository.js';

export interface PostInput {
  name: string;
  duties?: string | null | undefined;
  isLeadership: boolean;
}

async function postForWrite(db: Executor, actor: Actor, id: number): Promise<PostRow> {
  requirePermission(actor, 'people.write');
  const row = await findPostInScope(db, actor, 'people.write', id);
  if (row) return row;
  if (await findPostInScope(db, actor, 'people.read', id)) throw new AppError('auth.forbidden');
  throw notFound();
}

export async function createPost(ctx: AppContext, actor: Actor, input: PostInput & { orgId: number }) {
  requirePermission(actor, 'people.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    // The org locked FOR SHARE before its state is read, as for a person added to it: a retirement
    // that came first is seen here, one that comes second waits for this post.
    await lockOrgsShared(trx, [input.orgId]);
    const org = await findOrgInScope(trx, actor, 'people.write', input.orgId);
    if (!org) throw new AppError('not_found', '所属组织不存在或不在您的权限范围内');
    if (org.retired_at) throw new AppError('orgs.retired');
    const { id } = await trx
      .insertInto('posts')
      .values({ org_id: input.orgId, name: input.name, duties: input.duties ?? null, is_leadership: input.isLeadership, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'POST_CREATED', objectType: 'post', objectId: id, orgId: input.orgId, summary: `新建岗位「${input.name}」（${org.name}）`, after: input }, now);
    return id;
  });
}

export async function updatePost(ctx: AppContext, actor: Actor, id: number, input: Partial<PostInput>) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await postForWrite(trx, actor, id);
    if (before.retired_at) throw new AppError('posts.retired');
    await trx
      .updateTable('posts')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.duties !== undefined && { duties: input.duties }),
        ...(input.isLeadership !== undefined && { is_leadership: input.isLeadership }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'POST_UPDATED', objectType: 'post', objectId: id, orgId: before.org_id, summary: `修改岗位「${before.name}」`, before, after: input }, now);
  });
}

export async function retirePost(ctx: AppContext, actor: Actor, id: number) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const post = await postForWrite(trx, actor, id);
    if (post.retired_at) throw new AppError('posts.retired');
    const holders = (await holdersOf(trx, [id])).get(id) ?? [];
    if (holders.length) throw new AppError('orgs.has_people', `岗位「${post.name}」仍有 ${holders.length} 名在岗人员，请先办理离任`);
    await trx.updateTable('posts').set({ retired_at: now, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'POST_RETIRED', objectType: 'post', objectId: id, orgId: post.org_id, summary: `撤销岗位「${post.name}」` }, now);
  });
}
