import type { Actor, TodoItem } from '@qingfeng/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** 我的待办: the actor's own unsigned commitments. */
export async function commitmentTodos(db: Kysely<DB>, actor: Actor, _today: string): Promise<TodoItem[]> {
  if (actor.personId == null) return [];
  const rows = await db.selectFrom('commitments').select(['id', 'title']).where('person_id', '=', actor.personId).where('signed_at', 'is', null).orderBy('year').execute();
  return rows.map((r) => ({ kind: 'commitment.sign', title: `签署${r.title}`, due: null, overdue: false, link: '/commitments', objectType: 'commitment', objectId: r.id }));
}
