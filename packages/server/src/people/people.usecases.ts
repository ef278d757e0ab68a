import { birthDateFromIdNumber, genderFromIdNumber, type Actor, type PersonCreate, type PersonUpdate } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { findOrgInScope, lockOrgsShared } from '../orgs/orgs.repository.js';
import { findPostInScope } from '../posts/posts.repository.js';
import { requirePermission } from '../policy/scope.js';
import { findPersonInScope, newPersonValues, type PersonRow } from './people.repository.js';

export async function personForWrite(db: Executor, actor: Actor, id: number): Promise<PersonRow> {
  requirePermission(actor, 'people.write');
  const row = await findPersonInScope(db, actor, 'people.write', id);
  if (row) return row;
  if (await findPersonInScope(db, actor, 'people.read', id)) throw new AppError('auth.forbidden');
  throw notFound();
}

/**
 * The org a person is added to or moved into, locked FOR SHARE until commit and then read: a
 * retirement of it (FOR NO KEY UPDATE) that came first is seen here, one that comes second waits and
 * then counts this person. (The foreign key check alone takes FOR KEY SHARE, which a retirement's
 * update does not wait for.)
 */
async function orgForPeople(db: Executor, actor: Actor, orgId: number) {
  await lockOrgsShared(db, [orgId]);
  const org = await findOrgInScope(db, actor, 'people.write', orgId);
  if (!org) throw new AppError('not_found', '所属组织不存在或不在您的权限范围内');
  if (org.retired_at) throw new AppError('orgs.retired', '所属组织已撤销');
  return org;
}

const idNumberDuplicate = (idNumber: string) => new AppError('people.id_number_duplicate', `身份证号 ${idNumber} 已登记，不能重复录入`);

async function ensureIdNumberFree(db: Executor, idNumber: string, exceptId?: number) {
  let q = db.selectFrom('people').select(['id', 'name']).where('id_number', '=', idNumber);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  // The name of the holder is not disclosed: they may be outside the caller's scope.
  if (await q.executeTakeFirst()) throw idNumberDuplicate(idNumber);
}

/**
 * Runs the write that stores an ID number. The check above cannot see a person being added by a
 * transaction not yet committed: the unique index makes this write wait for it, and then refuses
 * with 23505 — the same answer as the check's.
 */
async function storingIdNumber<T>(idNumber: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (idNumber !== undefined && isUniqueViolation(e, 'id_number')) throw idNumberDuplicate(idNumber);
    throw e;
  }
}

export async function assignPost(db: Executor, actor: Actor, personId: number, postId: number, startedOn: string, now: Date) {
  const post = await findPostInScope(db, actor, 'people.write', postId);
  if (!post) throw new AppError('not_found', `岗位 ${postId} 不存在或不在您的权限范围内`);
  if (post.retired_at) throw new AppError('posts.retired');
  // A holder counts against the retirement of the post's org: lock it as for a person added to it.
  await lockOrgsShared(db, [post.org_id]);
  const org = await db.selectFrom('orgs').select('retired_at').where('id', '=', post.org_id).executeTakeFirstOrThrow();
  if (org.retired_at) throw new AppError('orgs.retired', `岗位「${post.name}」所属组织已撤销`);
  const open = await db
    .selectFrom('post_assignments')
    .select('id')
    .where('person_id', '=', personId)
    .where('post_id', '=', postId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (open) throw new AppError('request.invalid', `已在岗位「${post.name}」任职`);
  const { id } = await db
    .insertInto('post_assignments')
    .values({ person_id: personId, post_id: postId, started_on: startedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'POST_ASSIGNED', objectType: 'person', objectId: personId, orgId: post.org_id, summary: `任职「${post.name}」`, after: { postId, startedOn } }, now);
  return id;
}

/** The calendar date in the business time zone. */
export const today = (now: Date) => now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export async function createPerson(ctx: AppContext, actor: Actor, input: PersonCreate): Promise<number> {
  requirePermission(actor, 'people.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    // Every org this step adds to (the person's, the posts' for the holders) locked at once, in the
    // order of ids, before anything is written: a move of one of them waits or is waited for, never both.
    const postOrgs = input.postIds.length ? await trx.selectFrom('posts').select('org_id').where('id', 'in', input.postIds).execute() : [];
    await lockOrgsShared(trx, [input.orgId, ...postOrgs.map((p) => p.org_id)]);
    await orgForPeople(trx, actor, input.orgId);
    await ensureIdNumberFree(trx, input.idNumber);
    const { id } = await storingIdNumber(input.idNumber, () => trx.insertInto('people').values(newPersonValues(input, now)).returning('id').executeTakeFirstOrThrow());
    await recordAudit(trx, actor, { action: 'PERSON_CREATED', objectType: 'person', objectId: id, orgId: input.orgId, summary: `新增人员「${input.name}」`, after: { ...input, idNumber: undefined } }, now);
    for (const postId of input.postIds) await assignPost(trx, actor, id, postId, today(now), now);
    return id;
  });
}

export async function updatePerson(ctx: AppContext, actor: Actor, id: number, input: PersonUpdate): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await personForWrite(trx, actor, id);
    if (before.retired_at) throw new AppError('request.invalid', '人员已离岗，不能修改');
    if (input.orgId !== undefined) await orgForPeople(trx, actor, input.orgId);
    if (input.idNumber !== undefined) await ensureIdNumberFree(trx, input.idNumber, id);
    await storingIdNumber(input.idNumber, () =>
      trx
        .updateTable('people')
        .set({
          ...(input.orgId !== undefined && { org_id: input.orgId }),
          ...(input.name !== undefined && { name: input.name }),
          ...(input.idNumber !== undefined && {
            id_number: input.idNumber,
            gender: genderFromIdNumber(input.idNumber),
            birth_date: birthDateFromIdNumber(input.idNumber),
          }),
          ...(input.phone !== undefined && { phone: input.phone }),
          ...(input.talkClass !== undefined && { talk_class: input.talkClass }),
          ...(input.isLeadershipMember !== undefined && { is_leadership_member: input.isLeadershipMember }),
          ...(input.isPrincipalLeader !== undefined && { is_principal_leader: input.isPrincipalLeader }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute(),
    );
    const { id_number: _omit, ...safeBefore } = before;
    await recordAudit(
      trx,
      actor,
      { action: 'PERSON_UPDATED', objectType: 'person', objectId: id, orgId: input.orgId ?? before.org_id, summary: `修改人员「${before.name}」`, before: safeBefore, after: { ...input, idNumber: input.idNumber ? '（已修改）' : undefined } },
      now,
    );
  });
}

/** 离岗: the person leaves; open post assignments end today. */
export async function retirePerson(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const person = await personForWrite(trx, actor, id);
    if (person.retired_at) throw new AppError('request.invalid', '人员已离岗');
    await trx.updateTable('post_assignments').set({ ended_on: today(now) }).where('person_id', '=', id).where('ended_on', 'is', null).execute();
    await trx.updateTable('people').set({ retired_at: now, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'PERSON_RETIRED', objectType: 'person', objectId: id, orgId: person.org_id, summary: `人员「${person.name}」离岗` }, now);
  });
}

export async function addAssignment(ctx: AppContext, actor: Actor, personId: number, postId: number, startedOn: string) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const person = await personForWrite(trx, actor, personId);
    if (person.retired_at) throw new AppError('request.invalid', '人员已离岗');
    return assignPost(trx, actor, personId, postId, startedOn, now);
  });
}

export async function endAssignment(ctx: AppContext, actor: Actor, personId: number, assignmentId: number, endedOn: string) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await personForWrite(trx, actor, personId);
    const a = await trx
      .selectFrom('post_assignments')
      .innerJoin('posts', 'posts.id', 'post_assignments.post_id')
      .select(['post_assignments.id', 'post_assignments.started_on', 'post_assignments.ended_on', 'posts.name', 'posts.org_id'])
      .where('post_assignments.id', '=', assignmentId)
      .where('post_assignments.person_id', '=', personId)
      .executeTakeFirst();
    if (!a) throw notFound();
    if (a.ended_on) throw new AppError('request.invalid', '该任职已结束');
    if (endedOn < a.started_on) throw new AppError('request.invalid', `离任日期不能早于任职日期 ${a.started_on}`, { issues: [{ field: 'endedOn', message: '早于任职日期' }] });
    await trx.updateTable('post_assignments').set({ ended_on: endedOn }).where('id', '=', assignmentId).execute();
    await recordAudit(trx, actor, { action: 'POST_ASSIGNMENT_ENDED', objectType: 'person', objectId: personId, orgId: a.org_id, summary: `离任「${a.name}」`, after: { endedOn } }, now);
  });
}
