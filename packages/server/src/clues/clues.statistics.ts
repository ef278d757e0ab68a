import type { ClueQuery } from '@qingfeng/core';
import type { z } from 'zod';
import type { ClueStatistics } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { clueFilters, overdueCondition, visibleTo, type ClueViewer } from './clues.repository.js';

/** Counts for the ledger's charts (by channel, problem type, level, status, month), same filters as the list. */
export async function clueStatistics(db: Executor, v: ClueViewer, f: Omit<ClueQuery, 'page' | 'pageSize'>, today: string): Promise<z.infer<typeof ClueStatistics>> {
  const base = () => db.selectFrom('clues').where(visibleTo(v)).where(clueFilters(f, today));
  const n = sql<number>`count(*)::int`.as('count');
  const by = (column: 'channel' | 'problem_type' | 'status') =>
    base().select([`clues.${column} as key`, n]).groupBy(`clues.${column}`).orderBy('count', 'desc').execute();
  const [channel, problemType, status, level, month, totals] = await Promise.all([
    by('channel'),
    by('problem_type'),
    by('status'),
    base().select([sql<string>`coalesce(clues.level::text, 'none')`.as('key'), n]).groupBy('clues.level').orderBy('key').execute(),
    base().select([sql<string>`to_char(clues.received_on, 'YYYY-MM')`.as('month'), n]).groupBy(sql`1`).orderBy('month').execute(),
    base().select([n, sql<number>`count(*) FILTER (WHERE ${overdueCondition(today)})::int`.as('overdue')]).executeTakeFirstOrThrow(),
  ]);
  return { total: totals.count, overdue: totals.overdue, byChannel: channel, byProblemType: problemType, byStatus: status, byLevel: level, byMonth: month };
}
