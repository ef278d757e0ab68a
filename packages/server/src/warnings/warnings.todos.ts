import { hasPermission, orgAnswerer, type TodoItem } from '@qingfeng/core';
import { sql } from 'kysely';
import type { TodoSource } from '../todos/todos.sources.js';
import { orgScope } from '../policy/scope.js';

const LIMIT = 50;
const OPEN = ['issued', 'acknowledged', 'answered'] as const;

/**
 * Warnings waiting for the user: as subject, notices to sign and warnings to answer; as issuer,
 * answers to review, overdue warnings (about to escalate) and admonishment talks to hold.
 */
export const warningTodos: TodoSource = async (db, actor, today) => {
  const items: TodoItem[] = [];
  const item = (kind: string, title: string, w: { id: number; deadline: string }, overdue: boolean): TodoItem => ({
    kind,
    title,
    due: w.deadline,
    overdue,
    link: `/warnings/${w.id}`,
    objectType: 'warning',
    objectId: w.id,
  });

  if (hasPermission(actor, 'warnings.answer')) {
    const forOrg = orgAnswerer(actor);
    const rows = await db
      .selectFrom('warnings as w')
      .innerJoin('orgs as so', 'so.id', 'w.subject_org_id')
      .select(['w.id', 'w.serial_no', 'w.level', 'w.status', 'w.deadline'])
      .where('w.status', 'in', ['issued', 'acknowledged'])
      .where((eb) =>
        eb.or([
          actor.personId == null ? sql<boolean>`false` : eb.and([eb('w.subject_kind', '=', 'person'), eb('w.subject_person_id', '=', actor.personId)]),
          eb.and([eb('w.subject_kind', '=', 'org'), orgScope(forOrg, 'warnings.answer', 'w.subject_org_id', 'so.path')(eb)]),
        ]),
      )
      .orderBy('w.deadline')
      .limit(LIMIT)
      .execute();
    for (const w of rows) {
      const overdue = w.deadline < today;
      items.push(w.status === 'issued' ? item('warning.acknowledge', `签收预警通知 ${w.serial_no}`, w, overdue) : item('warning.answer', `答复预警 ${w.serial_no}`, w, overdue));
    }
  }

  if (hasPermission(actor, 'warnings.issue')) {
    const scoped = db
      .selectFrom('warnings as w')
      .innerJoin('orgs as so', 'so.id', 'w.subject_org_id')
      .select(['w.id', 'w.serial_no', 'w.level', 'w.status', 'w.deadline', 'w.talk_held_on', 'w.talk_scheduled_on'])
      .where(orgScope(actor, 'warnings.issue', 'w.subject_org_id', 'so.path'));
    const [toReview, overdue, talks] = await Promise.all([
      scoped.where('w.status', '=', 'answered').orderBy('w.deadline').limit(LIMIT).execute(),
      scoped.where('w.status', 'in', ['issued', 'acknowledged']).where('w.deadline', '<', today).orderBy('w.deadline').limit(LIMIT).execute(),
      scoped.where('w.status', 'in', [...OPEN]).where('w.level', '=', 3).where('w.talk_held_on', 'is', null).orderBy('w.deadline').limit(LIMIT).execute(),
    ]);
    for (const w of toReview) items.push(item('warning.review', `审核预警答复 ${w.serial_no}`, w, w.deadline < today));
    for (const w of overdue) items.push(item('warning.overdue', `预警 ${w.serial_no} 逾期未答复，将自动升级`, w, true));
    for (const w of talks) items.push(item('warning.talk', w.talk_scheduled_on ? `诫勉谈话（${w.talk_scheduled_on}）待记录：${w.serial_no}` : `安排诫勉谈话：${w.serial_no}`, w, w.deadline < today));
  }
  return items;
};
