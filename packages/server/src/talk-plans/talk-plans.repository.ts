import { orgPathInScopes, scopesFor, type Actor, type Permission, type TalkPlan } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { orgScope } from '../policy/scope.js';

function plansBase(db: Executor, today: string) {
  return db
    .selectFrom('talk_plans as tp')
    .innerJoin('orgs as o', 'o.id', 'tp.org_id')
    .select([
      'tp.id',
      'tp.year',
      'tp.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'tp.name',
      'tp.times_a',
      'tp.times_b',
      'tp.times_c',
      'tp.generated_at',
      sql<{ planned: number; held: number; cancelled: number; overdue: number }>`(
        SELECT json_build_object(
          'planned', count(*) FILTER (WHERE t.status = 'planned'),
          'held', count(*) FILTER (WHERE t.status = 'held'),
          'cancelled', count(*) FILTER (WHERE t.status = 'cancelled'),
          'overdue', count(*) FILTER (WHERE t.status = 'planned' AND t.due_on < ${today}::date))
        FROM talks t WHERE t.plan_id = tp.id)`.as('talks'),
    ]);
}

export type PlanRow = Awaited<ReturnType<ReturnType<typeof plansBase>['executeTakeFirstOrThrow']>>;

export function findPlanInScope(db: Executor, actor: Actor, permission: Permission, id: number, today: string) {
  return plansBase(db, today).where('tp.id', '=', id).where(orgScope(actor, permission, 'tp.org_id', 'o.path')).executeTakeFirst();
}

export async function listPlansInScope(db: Executor, actor: Actor, f: { year?: number | undefined; page: number; pageSize: number }, today: string) {
  let q = plansBase(db, today).where(orgScope(actor, 'talks.read', 'tp.org_id', 'o.path'));
  if (f.year) q = q.where('tp.year', '=', f.year);
  const rows = await q
    .select(sql<number>`count(*) OVER ()`.as('total'))
    .orderBy('tp.year', 'desc')
    .orderBy('tp.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export function presentPlan(actor: Actor, row: PlanRow, today: string): TalkPlan {
  const canPlan = orgPathInScopes(scopesFor(actor, 'talks.plan'), row.org_id, row.org_path);
  return {
    id: row.id,
    year: row.year,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    timesA: row.times_a,
    timesB: row.times_b,
    timesC: row.times_c,
    generatedAt: row.generated_at ? new Date(row.generated_at).toISOString() : null,
    talks: { planned: Number(row.talks.planned), held: Number(row.talks.held), cancelled: Number(row.talks.cancelled), overdue: Number(row.talks.overdue) },
    actions: canPlan && today <= `${row.year}-12-31` ? ['generate'] : [],
  };
}
