import { assignTalker, talkDueDates, talkerCandidates, todayIn, type Actor, type TalkPlanCreate } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { AppContext } from '../context.js';
import type { TalksTable } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { findOrgInScope } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { loadTalkerDirectory } from '../talks/talker-directory.js';
import { findPlanInScope } from './talk-plans.repository.js';
import type { Insertable } from 'kysely';

export async function createPlan(ctx: AppContext, actor: Actor, input: TalkPlanCreate): Promise<number> {
  requirePermission(actor, 'talks.plan');
  const now = ctx.clock.now();
  if (todayIn(now) > `${input.year}-12-31`) throw new AppError('talks.plan_year_over', `${input.year}年已结束，不能再制定该年度的谈话计划`);
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await findOrgInScope(trx, actor, 'talks.plan', input.orgId);
    if (!org) throw new AppError('not_found', '计划范围（组织）不存在或不在您的权限范围内');
    const { id } = await trx
      .insertInto('talk_plans')
      .values({ year: input.year, org_id: input.orgId, name: input.name, times_a: input.timesA, times_b: input.timesB, times_c: input.timesC, created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'TALK_PLAN_CREATED', objectType: 'talk_plan', objectId: id, orgId: input.orgId, summary: `制定谈话计划「${input.name}」`, after: input }, now);
    return id;
  });
}

export interface Unassigned {
  personId: number;
  name: string;
  orgName: string;
  reason: string;
}

/**
 * Generates the plan's schedule: for every person of the plan's subtree, as many 廉政谈话 as their
 * class gets, due at the end of each remaining period, each with the talker the rule assigns.
 * Talks already scheduled by this plan are not made twice, so after the org tree is completed (a
 * missing 纪检负责人 registered) generating again adds only what was missing.
 */
export async function generateSchedule(ctx: AppContext, actor: Actor, planId: number): Promise<{ created: number; unassigned: Unassigned[] }> {
  requirePermission(actor, 'talks.plan');
  const now = ctx.clock.now();
  const today = todayIn(now);
  return ctx.database.db.transaction().execute(async (trx) => {
    const plan = await findPlanInScope(trx, actor, 'talks.plan', planId, today);
    if (!plan) {
      if (await findPlanInScope(trx, actor, 'talks.read', planId, today)) throw new AppError('auth.forbidden');
      throw notFound();
    }
    if (today > `${plan.year}-12-31`) throw new AppError('talks.plan_year_over');
    // One plan generates at a time: a second click waits, then finds the talks already there.
    await sql`SELECT id FROM talk_plans WHERE id = ${planId} FOR UPDATE`.execute(trx);
    const people = await trx
      .selectFrom('people as p')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.name', 'p.org_id', 'o.name as org_name', 'p.talk_class', 'p.is_leadership_member', 'p.is_principal_leader'])
      .where('p.retired_at', 'is', null)
      .where('o.path', 'like', `${plan.org_path}%`)
      .orderBy('p.id')
      .execute();
    const existing = new Set(
      (await trx.selectFrom('talks').select(['subject_person_id', 'due_on']).where('plan_id', '=', planId).execute()).map((t) => `${t.subject_person_id}:${t.due_on}`),
    );
    const calendar = await loadCalendar(trx);
    const rules = await readSetting(trx, 'talker_rules');
    const dir = await loadTalkerDirectory(trx, plan.org_path.split('.').length <= 2 ? 'all' : [...new Set(people.map((p) => p.org_id))]);
    const notBefore = Number(today.slice(0, 4)) === plan.year ? today : undefined;
    const dueByClass = {
      A: talkDueDates(calendar, plan.year, plan.times_a, notBefore),
      B: talkDueDates(calendar, plan.year, plan.times_b, notBefore),
      C: talkDueDates(calendar, plan.year, plan.times_c, notBefore),
    };
    const rows: Insertable<TalksTable>[] = [];
    const unassigned: Unassigned[] = [];
    for (const p of people) {
      const dates = dueByClass[p.talk_class].filter((d) => !existing.has(`${p.id}:${d}`));
      if (dates.length === 0) continue;
      const c = talkerCandidates(dir, rules, { personId: p.id, orgId: p.org_id, talkClass: p.talk_class, isLeadershipMember: p.is_leadership_member, isPrincipalLeader: p.is_principal_leader });
      const talker = assignTalker(c, p.id);
      if (talker === null) {
        unassigned.push({ personId: p.id, name: p.name, orgName: p.org_name, reason: c.reason });
        continue;
      }
      for (const due of dates) {
        rows.push({
          kind: 'integrity',
          status: 'planned',
          plan_id: planId,
          talk_class: p.talk_class,
          subject_person_id: p.id,
          subject_org_id: p.org_id,
          talker_person_id: talker,
          talker_role: c.role,
          due_on: due,
          source_kind: 'plan',
          source_id: planId,
          created_at: now,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('talks').values(rows.slice(i, i + 1000)).execute();
    await trx
      .updateTable('talk_plans')
      .set({ generated_at: now, generated_count: sql<number>`coalesce(generated_count, 0) + ${rows.length}` })
      .where('id', '=', planId)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'TALK_SCHEDULE_GENERATED', objectType: 'talk_plan', objectId: planId, orgId: plan.org_id, summary: `生成谈话安排 ${rows.length} 次；${unassigned.length} 人未能确定谈话人`, after: { created: rows.length, unassigned: unassigned.length } },
      now,
    );
    return { created: rows.length, unassigned };
  });
}
