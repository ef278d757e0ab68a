import {
  addWorkingDays,
  commissionTalkers,
  planConsequenceTasks,
  todayIn,
  yearHasEnded,
  type Actor,
  type Grade,
} from '@qingfeng/core';
import { sql, type Insertable } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { AppContext } from '../context.js';
import type { EvaluationTasksTable, TalksTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { loadTalkerDirectory } from '../talks/talker-directory.js';
import { ratingsOf, summaryOf } from './evaluations.repository.js';
import { readSetting } from './settings.repository.js';

/** Working days the consequences of a published run are due in. */
export const CONSEQUENCE_WORKING_DAYS = 20;

/** Ratings are run by the district centre: the whole district at once. */
function requireCentre(actor: Actor) {
  if (!actor.grants.some((g) => g.permissions.has('evaluations.run') && g.scope.kind === 'all')) throw forbidden();
}

async function lockYear(trx: Executor, year: number) {
  // One run of a year at a time: confirmations and corrections of the same year queue.
  await sql`SELECT pg_advisory_xact_lock(7310600, ${year}::int)`.execute(trx);
}

/** Stores a run's results (one statement) and its counts. */
async function storeRun(trx: Executor, actor: Actor, year: number, now: Date, extra: { kind: 'regular' | 'correction'; correctsRunId: number | null; reason: string | null }) {
  const rule = await readSetting(trx, 'rating_rule');
  const source = ratingsOf(year, rule);
  const summary = await summaryOf(trx, source);
  const { id } = await trx
    .insertInto('evaluation_runs')
    .values({
      year,
      kind: extra.kind,
      corrects_run_id: extra.correctsRunId,
      reason: extra.reason,
      rule: JSON.stringify(rule),
      summary: JSON.stringify(summary),
      status: 'confirmed',
      confirmed_by: actor.userId,
      confirmed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO evaluation_results (run_id, subject_kind, person_id, org_id, grade, max_level, warnings)
            SELECT ${id}, s.subject_kind, s.person_id, s.org_id, s.grade, s.max_level, s.warnings FROM ${source} s`.execute(trx);
  return { id, summary };
}

/** Confirms the year's ratings as they stand: an immutable run. Only a year that has ended. */
export async function confirmRun(ctx: AppContext, actor: Actor, year: number): Promise<number> {
  requireCentre(actor);
  const now = ctx.clock.now();
  if (!yearHasEnded(year, todayIn(now))) throw new AppError('evaluations.year_not_ended', `${year}年度尚未结束，只能预览，不能确认`);
  return ctx.database.db.transaction().execute(async (trx) => {
    await lockYear(trx, year);
    if (await trx.selectFrom('evaluation_runs').select('id').where('year', '=', year).executeTakeFirst()) throw new AppError('evaluations.already_confirmed');
    const { id, summary } = await storeRun(trx, actor, year, now, { kind: 'regular', correctsRunId: null, reason: null });
    await recordAudit(trx, actor, { action: 'EVALUATION_CONFIRMED', objectType: 'evaluation_run', objectId: id, summary: `确认${year}年度廉情预警考评`, after: summary }, now);
    return id;
  });
}

/**
 * A correction: a new run of the same year computed from the records as they now stand (a warning
 * annulled, a subject added), with the reason. The corrected run stays, marked superseded; its open
 * consequence tasks and the talks they scheduled are cancelled.
 */
export async function correctRun(ctx: AppContext, actor: Actor, runId: number, reason: string): Promise<number> {
  requireCentre(actor);
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('evaluation_runs').select(['id', 'year', 'status']).where('id', '=', runId).executeTakeFirst();
    if (!old) throw notFound();
    await lockYear(trx, old.year);
    const current = await trx.selectFrom('evaluation_runs').select('status').where('id', '=', runId).executeTakeFirstOrThrow();
    if (current.status === 'superseded') throw new AppError('evaluations.superseded');
    await trx.updateTable('evaluation_runs').set({ status: 'superseded' }).where('id', '=', runId).execute();
    const { id, summary } = await storeRun(trx, actor, old.year, now, { kind: 'correction', correctsRunId: runId, reason });
    await trx.updateTable('evaluation_runs').set({ superseded_by: id }).where('id', '=', runId).execute();
    const cancelled = `被更正考评（第 ${id} 次考评）取代`;
    await sql`UPDATE talks SET status = 'cancelled', cancel_reason = ${cancelled}
              WHERE status = 'planned' AND id IN (SELECT talk_id FROM evaluation_tasks WHERE run_id = ${runId} AND status = 'open' AND talk_id IS NOT NULL)`.execute(trx);
    await trx.updateTable('evaluation_tasks').set({ status: 'cancelled', note: cancelled }).where('run_id', '=', runId).where('status', '=', 'open').execute();
    await recordAudit(trx, actor, { action: 'EVALUATION_CORRECTED', objectType: 'evaluation_run', objectId: id, summary: `更正${old.year}年度廉情预警考评：${reason}`, before: { runId }, after: summary }, now);
    return id;
  });
}

async function nextIds(trx: Executor, table: 'evaluation_tasks' | 'talks', count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id FROM generate_series(1, ${count}::int)`.execute(trx);
  return rows.map((r) => r.id);
}

/**
 * Publishes a confirmed run to the people concerned (their archives show it) and turns its
 * consequences into tracked tasks: run tasks once, an admonishment talk by a deputy secretary for
 * each 中 (with the person, or with a unit's principal), a collective talk by the commission's
 * principal for each unit concerned by a 差, an accountability case for each 差.
 */
export async function publishRun(ctx: AppContext, actor: Actor, runId: number): Promise<void> {
  requireCentre(actor);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('evaluation_runs').select(['id', 'year', 'status']).where('id', '=', runId).forUpdate().executeTakeFirst();
    if (!run) throw notFound();
    if (run.status === 'superseded') throw new AppError('evaluations.superseded');
    if (run.status === 'published') throw new AppError('evaluations.already_published');
    const consequences = await readSetting(trx, 'consequences');
    const grades = (Object.keys(consequences) as Grade[]).filter((g) => consequences[g].length > 0);
    const results = grades.length
      ? await trx.selectFrom('evaluation_results').select(['id', 'grade', 'org_id', 'person_id']).where('run_id', '=', runId).where('grade', 'in', grades).orderBy('id').execute()
      : [];
    const planned = planConsequenceTasks(
      consequences,
      results.map((r) => ({ resultId: Number(r.id), grade: r.grade, orgId: r.org_id, personId: r.person_id })),
    );
    const today = todayIn(now);
    const due = addWorkingDays(await loadCalendar(trx), today, CONSEQUENCE_WORKING_DAYS);
    // Talkers of the talks ratings demand: the commission's deputy secretaries and its principal.
    const commission = await trx.selectFrom('orgs').select('id').where('kind', '=', 'commission').where('parent_id', 'is', null).executeTakeFirst();
    const rules = await readSetting(trx, 'talker_rules');
    const dir = commission ? await loadTalkerDirectory(trx, [commission.id]) : null;
    const deputies = dir && commission ? commissionTalkers(dir, rules, commission.id, 'deputy_secretary') : [];
    const principalsOfCommission = dir && commission ? commissionTalkers(dir, rules, commission.id, 'commission_principal') : [];
    const byId = new Map(results.map((r) => [Number(r.id), r]));
    const orgIds = [...new Set(planned.filter((t) => t.kind === 'admonishment_talk' && byId.get(t.resultId!)?.person_id === null).map((t) => t.orgId!))];
    const unitPrincipals = new Map<number, number>();
    if (orgIds.length) {
      const rows = await trx.selectFrom('people').select(['id', 'org_id']).where('org_id', 'in', orgIds).where('is_principal_leader', '=', true).where('retired_at', 'is', null).orderBy('id').execute();
      for (const r of rows) if (!unitPrincipals.has(r.org_id)) unitPrincipals.set(r.org_id, r.id);
    }
    const taskIds = await nextIds(trx, 'evaluation_tasks', planned.length);
    const talks: Insertable<TalksTable>[] = [];
    const tasks: Insertable<EvaluationTasksTable>[] = planned.map((t, i) => ({
      id: taskIds[i]!,
      run_id: runId,
      kind: t.kind,
      grade: t.grade,
      result_id: t.resultId,
      org_id: t.orgId,
      status: 'open' as const,
      due_on: due,
      created_at: now,
    }));
    planned.forEach((t, i) => {
      if (t.kind === 'admonishment_talk') {
        const r = byId.get(t.resultId!)!;
        const subject = r.person_id ?? unitPrincipals.get(r.org_id) ?? null;
        if (subject === null) {
          tasks[i]!.note = '该单位未登记主要负责人，请确定谈话对象后登记谈话';
          return;
        }
        talks.push({
          kind: 'admonishment',
          status: 'planned',
          subject_person_id: subject,
          subject_org_id: r.org_id,
          talker_person_id: deputies.length ? deputies[subject % deputies.length]! : null,
          talker_role: 'deputy_secretary',
          due_on: due,
          source_kind: 'rating',
          source_id: taskIds[i]!,
          created_at: now,
        });
      } else if (t.kind === 'collective_talk') {
        talks.push({
          kind: 'collective',
          status: 'planned',
          subject_org_id: t.orgId!,
          talker_person_id: principalsOfCommission[0] ?? null,
          talker_role: 'commission_principal',
          due_on: due,
          source_kind: 'rating',
          source_id: taskIds[i]!,
          created_at: now,
        });
      }
    });
    const talkIds = await nextIds(trx, 'talks', talks.length);
    const taskById = new Map(tasks.map((task) => [task.id, task]));
    talks.forEach((talk, k) => {
      talk.id = talkIds[k]!;
      taskById.get(Number(talk.source_id))!.talk_id = talkIds[k]!;
    });
    for (let i = 0; i < talks.length; i += 1000) await trx.insertInto('talks').values(talks.slice(i, i + 1000)).execute();
    for (let i = 0; i < tasks.length; i += 1000) await trx.insertInto('evaluation_tasks').values(tasks.slice(i, i + 1000)).execute();
    await trx.updateTable('evaluation_runs').set({ status: 'published', published_by: actor.userId, published_at: now }).where('id', '=', runId).execute();
    await recordAudit(trx, actor, { action: 'EVALUATION_PUBLISHED', objectType: 'evaluation_run', objectId: runId, summary: `发布${run.year}年度廉情预警考评；生成后果任务 ${tasks.length} 项、谈话 ${talks.length} 次` }, now);
  });
}

/** Marks a run task done (a filing, a notice, the disqualification list, a bulletin) with a note. */
export async function completeTask(ctx: AppContext, actor: Actor, taskId: number, note: string): Promise<void> {
  requireCentre(actor);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const task = await trx.selectFrom('evaluation_tasks').select(['id', 'status', 'kind', 'talk_id', 'run_id']).where('id', '=', taskId).forUpdate().executeTakeFirst();
    if (!task) throw notFound();
    if (task.status !== 'open') throw new AppError('evaluations.task_closed');
    if (task.talk_id !== null || task.kind === 'accountability') throw new AppError('evaluations.task_follows_record');
    await trx.updateTable('evaluation_tasks').set({ status: 'done', note, done_by: actor.userId, done_at: now }).where('id', '=', taskId).execute();
    await recordAudit(trx, actor, { action: 'EVALUATION_TASK_DONE', objectType: 'evaluation_task', objectId: taskId, summary: `完成考评后果任务：${note}` }, now);
  });
}
