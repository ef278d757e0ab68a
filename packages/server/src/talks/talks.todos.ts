import { addCalendarDays, TALK_CLASS_LABELS, TALK_KIND_LABELS, type TodoItem } from '@qingfeng/core';
import type { TodoSource } from '../todos/todos.sources.js';

/** How far ahead a scheduled talk shows in the to-do list of both sides. */
export const TALK_REMINDER_DAYS = 30;

/** Both sides are reminded: the talker of the talks they are to hold, the person of the talks awaiting them. */
export const talkTodos: TodoSource = async (db, actor, today) => {
  if (actor.personId == null) return [];
  const horizon = addCalendarDays(today, TALK_REMINDER_DAYS);
  const rows = await db
    .selectFrom('talks as t')
    .innerJoin('orgs as so', 'so.id', 't.subject_org_id')
    .leftJoin('people as sp', 'sp.id', 't.subject_person_id')
    .leftJoin('people as tp', 'tp.id', 't.talker_person_id')
    .select(['t.id', 't.kind', 't.talk_class', 't.due_on', 't.talker_person_id', 't.subject_person_id', 'sp.name as subject_name', 'so.name as org_name', 'tp.name as talker_name'])
    .where('t.status', '=', 'planned')
    .where((eb) => eb.or([eb('t.talker_person_id', '=', actor.personId), eb('t.subject_person_id', '=', actor.personId)]))
    .where((eb) => eb.or([eb('t.due_on', 'is', null), eb('t.due_on', '<=', horizon)]))
    .orderBy('t.due_on')
    .limit(200)
    .execute();
  return rows.map((r): TodoItem => {
    const kind = TALK_KIND_LABELS[r.kind];
    const title =
      r.talker_person_id === actor.personId
        ? `${kind}：与${r.subject_name ?? r.org_name}谈话${r.talk_class ? `（${TALK_CLASS_LABELS[r.talk_class].slice(0, 2)}）` : ''}`
        : `待参加${kind}（谈话人：${r.talker_name ?? '待定'}）`;
    return { kind: 'talk', title, due: r.due_on, overdue: r.due_on !== null && r.due_on < today, link: `/talks?talk=${r.id}`, objectType: 'talk', objectId: r.id };
  });
};
