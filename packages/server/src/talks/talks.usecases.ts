import { todayIn, type Actor, type TalkCreate, type TalkRecord } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { findOrgInScope } from '../orgs/orgs.repository.js';
import { findPersonInScope } from '../people/people.repository.js';
import { requirePermission } from '../policy/scope.js';
import { eligibleTalkers, type TalkSubjectRow } from './talk-eligibility.js';
import { findTalkInScope, talkActions } from './talks.repository.js';

async function checkTalker(db: Executor, talk: { kind: TalkCreate['kind']; sourceKind: 'plan' | 'rating' | 'warning' | 'manual' }, subject: TalkSubjectRow, talkerPersonId: number) {
  const talker = await db.selectFrom('people').select(['id', 'name', 'retired_at']).where('id', '=', talkerPersonId).executeTakeFirst();
  if (!talker || talker.retired_at) throw invalid('talkerPersonId', `人员 ${talkerPersonId} 不存在或已离岗`);
  if (talker.id === subject.personId) throw new AppError('talks.talker_not_entitled', '谈话人不能是谈话对象本人', { issues: [{ field: 'talkerPersonId', message: '不能是谈话对象本人' }] });
  const rule = await eligibleTalkers(db, talk, subject);
  if (rule && !rule.eligible.includes(talkerPersonId)) {
    throw new AppError('talks.talker_not_entitled', `谈话人“${talker.name}”不符合分级谈话规则（${rule.reason}）`, { issues: [{ field: 'talkerPersonId', message: rule.reason }] });
  }
  return rule?.role ?? null;
}

async function checkParticipants(db: Executor, ids: number[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await db.selectFrom('people').select('id').where('id', 'in', unique).execute();
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalid('participantIds', `人员 ${missing.join('、')} 不存在`);
  return unique;
}

function checkHeldOn(heldOn: string, now: Date) {
  if (heldOn > todayIn(now)) throw invalid('heldOn', '谈话日期不能晚于今天');
}

/** When a talk a rating demanded is held, its consequence task is done. */
async function completeDemandingTask(trx: Executor, actor: Actor, talkId: number, now: Date) {
  await trx
    .updateTable('evaluation_tasks')
    .set({ status: 'done', done_by: actor.userId, done_at: now, note: sql<string>`coalesce(note, '已登记谈话记录')` })
    .where('talk_id', '=', talkId)
    .where('status', '=', 'open')
    .execute();
}

/** Records a scheduled talk as held (the talker, or an organiser on the talker's behalf). */
export async function recordPlannedTalk(ctx: AppContext, actor: Actor, id: number, input: TalkRecord): Promise<void> {
  requirePermission(actor, 'talks.write');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const talk = await findTalkInScope(trx, actor, 'talks.read', id);
    if (!talk) throw notFound();
    if (talk.status !== 'planned') throw new AppError('talks.not_planned');
    if (!talkActions(actor, talk).includes('record')) throw new AppError('talks.not_talker');
    checkHeldOn(input.heldOn, now);
    const subject = talk.subject_person_id
      ? await trx.selectFrom('people').select(['is_leadership_member', 'is_principal_leader']).where('id', '=', talk.subject_person_id).executeTakeFirstOrThrow()
      : { is_leadership_member: false, is_principal_leader: false };
    const role = await checkTalker(
      trx,
      { kind: talk.kind, sourceKind: talk.source_kind },
      { personId: talk.subject_person_id, orgId: talk.subject_org_id, talkClass: talk.talk_class, isLeadershipMember: subject.is_leadership_member, isPrincipalLeader: subject.is_principal_leader },
      input.talkerPersonId,
    );
    const participants = await checkParticipants(trx, input.participantIds);
    await trx
      .updateTable('talks')
      .set({
        status: 'held',
        talker_person_id: input.talkerPersonId,
        talker_role: role ?? talk.talker_role,
        held_on: input.heldOn,
        location: input.location ?? null,
        points: input.points,
        commitments: input.commitments ?? null,
        recorded_by: actor.userId,
        recorded_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (participants.length) await trx.insertInto('talk_participants').values(participants.map((p) => ({ talk_id: id, person_id: p }))).execute();
    await completeDemandingTask(trx, actor, id, now);
    await recordAudit(trx, actor, { action: 'TALK_RECORDED', objectType: 'talk', objectId: id, orgId: talk.subject_org_id, summary: `登记谈话（${talk.subject_name ?? talk.subject_org_name}，${input.heldOn}）` }, now);
  });
}

/** Records a talk held without a schedule: a 提醒谈话, a 预警谈话, a collective talk with a unit … */
export async function createTalk(ctx: AppContext, actor: Actor, input: TalkCreate): Promise<number> {
  requirePermission(actor, 'talks.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    let subject: TalkSubjectRow;
    if (input.personId != null) {
      const p = await findPersonInScope(trx, actor, 'talks.write', input.personId);
      if (!p) throw new AppError('not_found', '谈话对象不存在或不在您的权限范围内');
      subject = { personId: p.id, orgId: p.org_id, talkClass: p.talk_class, isLeadershipMember: p.is_leadership_member, isPrincipalLeader: p.is_principal_leader };
    } else {
      const org = await findOrgInScope(trx, actor, 'talks.write', input.orgId!);
      if (!org) throw new AppError('not_found', '谈话单位不存在或不在您的权限范围内');
      subject = { personId: null, orgId: org.id, talkClass: null, isLeadershipMember: false, isPrincipalLeader: false };
    }
    checkHeldOn(input.heldOn, now);
    const role = await checkTalker(trx, { kind: input.kind, sourceKind: 'manual' }, subject, input.talkerPersonId);
    const participants = await checkParticipants(trx, input.participantIds);
    const { id } = await trx
      .insertInto('talks')
      .values({
        kind: input.kind,
        status: 'held',
        talk_class: subject.talkClass,
        subject_person_id: subject.personId,
        subject_org_id: subject.orgId,
        talker_person_id: input.talkerPersonId,
        talker_role: role,
        held_on: input.heldOn,
        location: input.location ?? null,
        points: input.points,
        commitments: input.commitments ?? null,
        source_kind: 'manual',
        recorded_by: actor.userId,
        recorded_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (participants.length) await trx.insertInto('talk_participants').values(participants.map((p) => ({ talk_id: id, person_id: p }))).execute();
    await recordAudit(trx, actor, { action: 'TALK_RECORDED', objectType: 'talk', objectId: id, orgId: subject.orgId, summary: `登记谈话（${input.heldOn}）` }, now);
    return id;
  });
}

/** Cancels a scheduled talk of a plan (the person left, the plan changed); the reason is kept. */
export async function cancelTalk(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<void> {
  requirePermission(actor, 'talks.plan');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const talk = await findTalkInScope(trx, actor, 'talks.read', id);
    if (!talk) throw notFound();
    if (talk.status !== 'planned') throw new AppError('talks.not_planned');
    if (!talkActions(actor, talk).includes('cancel')) {
      throw talk.source_kind === 'plan' ? new AppError('auth.forbidden') : new AppError('talks.demanded');
    }
    await trx.updateTable('talks').set({ status: 'cancelled', cancel_reason: reason }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'TALK_CANCELLED', objectType: 'talk', objectId: id, orgId: talk.subject_org_id, summary: `取消谈话：${reason}` }, now);
  });
}
