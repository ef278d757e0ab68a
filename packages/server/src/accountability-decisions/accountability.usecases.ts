import { formatSerial, todayIn, type AccountabilityBehaviourCreate, type AccountabilityDecisionCreate, type Actor } from '@qingfeng/core';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { nextNumber } from '../numbering/numbering.js';
import { findOrgInScope } from '../orgs/orgs.repository.js';
import { orgScope, personScope, requirePermission } from '../policy/scope.js';

/** 文号 of accountability decisions. */
export const DECISION_SERIAL = '示纪问〔{year}〕{seq}号';

export async function createBehaviour(ctx: AppContext, actor: Actor, input: z.infer<typeof AccountabilityBehaviourCreate>): Promise<number> {
  requirePermission(actor, 'evaluations.configure');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('accountability_behaviours').select('id').where('code', '=', input.code).executeTakeFirst()) throw new AppError('accountability.code_duplicate', `问责情形代码 ${input.code} 已存在`);
    const { max } = await trx.selectFrom('accountability_behaviours').select((eb) => eb.fn.max('sort_order').as('max')).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto('accountability_behaviours')
      .values({ code: input.code, subject: input.subject, title: input.title, source: input.source ?? null, sort_order: Number(max ?? 0) + 1, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'ACCOUNTABILITY_BEHAVIOUR_CREATED', objectType: 'accountability_behaviour', objectId: id, summary: `新增问责情形 ${input.code}「${input.title}」`, after: input }, now);
    return id;
  });
}

/** A behaviour in use stays in the decisions that cite it; retiring only keeps it out of new ones. */
export async function retireBehaviour(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'evaluations.configure');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const b = await trx.selectFrom('accountability_behaviours').select(['code', 'title', 'retired_at']).where('id', '=', id).executeTakeFirst();
    if (!b) throw notFound();
    if (b.retired_at) throw new AppError('accountability.behaviour_retired');
    await trx.updateTable('accountability_behaviours').set({ retired_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'ACCOUNTABILITY_BEHAVIOUR_RETIRED', objectType: 'accountability_behaviour', objectId: id, summary: `停用问责情形 ${b.code}「${b.title}」` }, now);
  });
}

/**
 * An accountability decision (问责决定): the behaviour and the form for each person concerned, the
 * violator and — 一案双查 — the leaders answerable for supervising them. It may follow from a rating
 * task (the task is then done) or from a unit at the bottom of the assessment ranking.
 */
export async function decide(ctx: AppContext, actor: Actor, input: AccountabilityDecisionCreate): Promise<number> {
  requirePermission(actor, 'accountability.write');
  const now = ctx.clock.now();
  if (input.decidedOn > todayIn(now)) throw invalid('decidedOn', '决定日期不能晚于今天');
  const violators = input.people.filter((p) => p.role === 'violator');
  if (violators.length === 0) throw new AppError('accountability.violator_required', undefined, { issues: [{ field: 'people', message: '须至少指明一名违纪违规人员' }] });
  if (new Set(input.people.map((p) => p.personId)).size !== input.people.length) throw invalid('people', '同一人员不能重复列出');
  return ctx.database.db.transaction().execute(async (trx) => {
    const ids = input.people.map((p) => p.personId);
    const people = await trx
      .selectFrom('people')
      .select(['people.id', 'people.org_id', 'people.name'])
      .where('people.id', 'in', ids)
      .where(personScope(actor, 'accountability.write', { org: 'people.org_id', person: 'people.id' }))
      .execute();
    const missing = ids.filter((id) => !people.some((p) => p.id === id));
    if (missing.length) throw new AppError('not_found', `人员 ${missing.join('、')} 不存在或不在您的权限范围内`);
    const behaviours = await trx.selectFrom('accountability_behaviours').select(['id', 'retired_at', 'title']).where('id', 'in', [...new Set(input.people.map((p) => p.behaviourId))]).execute();
    input.people.forEach((p, i) => {
      const b = behaviours.find((x) => x.id === p.behaviourId);
      if (!b) throw invalid(`people.${i}.behaviourId`, `问责情形 ${p.behaviourId} 不存在`);
      if (b.retired_at) throw new AppError('accountability.behaviour_retired', `问责情形「${b.title}」已停用`, { issues: [{ field: `people.${i}.behaviourId`, message: '已停用' }] });
    });
    const orgId = people.find((p) => p.id === violators[0]!.personId)!.org_id;
    if (input.sourceKind === 'rating') {
      if (input.sourceId == null) throw invalid('sourceId', '须指明考评后果任务');
      const task = await trx.selectFrom('evaluation_tasks').select(['id', 'status', 'kind']).where('id', '=', input.sourceId).executeTakeFirst();
      if (!task || task.kind !== 'accountability') throw invalid('sourceId', `考评问责任务 ${input.sourceId} 不存在`);
      if (task.status !== 'open') throw new AppError('evaluations.task_closed');
    } else if (input.sourceKind === 'bottom_ranking') {
      if (input.sourceId == null || !(await findOrgInScope(trx, actor, 'accountability.write', input.sourceId))) throw invalid('sourceId', '须指明考核末位的单位');
    } else if (input.sourceKind === 'referral') {
      if (input.sourceId == null) throw invalid('sourceId', '须指明问责移送');
      const referral = await trx
        .selectFrom('accountability_referrals as f')
        .innerJoin('orgs as o', 'o.id', 'f.subject_org_id')
        .select(['f.id', 'f.status'])
        .where('f.id', '=', input.sourceId)
        .where(orgScope(actor, 'accountability.write', 'f.subject_org_id', 'o.path'))
        .forUpdate()
        .executeTakeFirst();
      if (!referral) throw invalid('sourceId', `问责移送 ${input.sourceId} 不存在或不在您的权限范围内`);
      if (referral.status !== 'open') throw new AppError('accountability.referral_closed');
    }
    const year = Number(input.decidedOn.slice(0, 4));
    const serial = formatSerial(DECISION_SERIAL, { year, seq: await nextNumber(trx, 'accountability_decision', year) });
    const { id } = await trx
      .insertInto('accountability_decisions')
      .values({
        serial_no: serial,
        decided_on: input.decidedOn,
        decision_maker: input.decisionMaker,
        org_id: orgId,
        facts: input.caseFacts,
        source_kind: input.sourceKind,
        source_id: input.sourceId ?? null,
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('accountability_decision_people')
      .values(input.people.map((p, position) => ({ decision_id: id, person_id: p.personId, role: p.role, behaviour_id: p.behaviourId, form: p.form, position })))
      .execute();
    if (input.sourceKind === 'referral') await trx.updateTable('accountability_referrals').set({ status: 'decided' }).where('id', '=', input.sourceId!).execute();
    if (input.sourceKind === 'rating') {
      await trx.updateTable('evaluation_tasks').set({ status: 'done', decision_id: id, done_by: actor.userId, done_at: now, note: `已作出问责决定 ${serial}` }).where('id', '=', input.sourceId!).execute();
    }
    const names = input.people.map((p) => people.find((x) => x.id === p.personId)!.name).join('、');
    await recordAudit(trx, actor, { action: 'ACCOUNTABILITY_DECIDED', objectType: 'accountability_decision', objectId: id, orgId, summary: `问责决定 ${serial}（${names}）`, after: { ...input, caseFacts: undefined } }, now);
    return id;
  });
}
