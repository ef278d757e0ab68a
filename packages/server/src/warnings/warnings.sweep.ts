import { todayIn, type WarningSweepResult } from '@qingfeng/core';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit, type AuditActor } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { escalate } from './warnings.escalation.js';

// The escalation sweep: every warning overdue "as of today" escalates, in one transaction. It is a
// set-based catch-up, so a server that was down for a week escalates that week's warnings at start.
// Two sweeps at once (two server processes, a timer and a "run now") queue on an advisory lock;
// the second finds nothing left, and the guarded UPDATE plus the one-child-per-parent index would
// refuse a double escalation even without the lock.
const SWEEP_LOCK = 7_310_300;
export const SWEEP_ACTOR: AuditActor = { system: '预警自动升级' };

export async function sweepOverdue(database: Database, now: Date, actor: AuditActor = SWEEP_ACTOR, audited = false): Promise<WarningSweepResult> {
  const today = todayIn(now);
  return database.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SWEEP_LOCK})`.execute(trx);
    const r = await escalate(trx, { today, now, actor, reason: 'overdue' });
    const result = { asOf: today, escalated: r.escalated.length, referred: r.referred.length };
    if (audited) {
      await recordAudit(trx, actor, { action: 'WARNING_SWEEP_RUN', objectType: 'warning', summary: `执行逾期预警升级（截至 ${today}）：升级 ${result.escalated} 件，移送问责 ${result.referred} 件`, after: result }, now);
    }
    return result;
  });
}

/** Runs the sweep at start (catching up) and every `intervalMinutes`; the stop function waits for a running sweep. */
export function startWarningSweeps(ctx: AppContext, intervalMinutes: number, log: FastifyBaseLogger): () => Promise<void> {
  if (intervalMinutes <= 0) return async () => {};
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= sweepOverdue(ctx.database, ctx.clock.now())
      .then((r) => {
        if (r.escalated || r.referred) log.info({ sweep: r }, `逾期预警升级：升级 ${r.escalated} 件，移送问责 ${r.referred} 件`);
      })
      .catch((err: Error) => log.error({ err }, '逾期预警升级失败，下次定时再试'))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMinutes * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
