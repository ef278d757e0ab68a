import { CONSEQUENCE_LABELS, type ConsequenceKind, type TodoItem } from '@qingfeng/core';
import { sql } from 'kysely';
import type { TodoSource } from '../todos/todos.sources.js';

/** The centre's open consequence tasks, one item per run and kind (a 中 year may bring hundreds of talks). */
export const evaluationTodos: TodoSource = async (db, actor, today) => {
  if (!actor.grants.some((g) => g.permissions.has('evaluations.run') && g.scope.kind === 'all')) return [];
  const rows = await db
    .selectFrom('evaluation_tasks as k')
    .innerJoin('evaluation_runs as r', 'r.id', 'k.run_id')
    .select(['k.run_id', 'r.year', 'k.kind', sql<number>`count(*)::int`.as('n'), sql<string>`min(k.due_on)::text`.as('due')])
    .where('k.status', '=', 'open')
    .groupBy(['k.run_id', 'r.year', 'k.kind'])
    .orderBy('k.run_id')
    .execute();
  return rows.map(
    (r): TodoItem => ({
      kind: 'evaluation_task',
      title: `${r.year}年度廉情预警考评：${CONSEQUENCE_LABELS[r.kind as ConsequenceKind]}${r.n > 1 ? `（${r.n} 项）` : ''}`,
      due: r.due,
      overdue: r.due < today,
      link: `/evaluations?run=${r.run_id}&tab=tasks&kind=${r.kind}`,
      objectType: 'evaluation_run',
      objectId: r.run_id,
    }),
  );
};
