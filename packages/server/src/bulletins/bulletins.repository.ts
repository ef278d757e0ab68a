import { type Actor, type Bulletin } from '@qingfeng/core';

import type { Executor } from '../db/types.js';
import { composeBulletin, type BulletinItem } from './bulletins.compose.js';

const bulletins = (db: Executor) =>
  db
    .selectFrom('bulletins as b')
    .innerJoin('users as c', 'c.id', 'b.created_by')
    .leftJoin('users as a', 'a.id', 'b.approved_by')
    .selectAll('b')
    .select(['c.display_name as created_by_name', 'a.display_name as approved_by_name']);

export const findBulletin = (db: Executor, id: number) => bulletins(db).where('b.id', '=', id).executeTakeFirst();
export type BulletinRow = NonNullable<Awaited<ReturnType<typeof findBulletin>>>;

export const listBulletins = (db: Executor) => bulletins(db).orderBy('b.id', 'desc').limit(200).execute();

/** The warnings of a bulletin, as the composition needs them (no clue, no basis). */
export async function bulletinItems(db: Executor, warningIds: number[]): Promise<BulletinItem[]> {
  if (warningIds.length === 0) return [];
  const rows = await db
    .selectFrom('warnings as w')
    .innerJoin('orgs as o', 'o.id', 'w.subject_org_id')
    .leftJoin('people as p', 'p.id', 'w.subject_person_id')
    .select(['w.level', 'w.issued_on', 'w.facts', 'w.status', 'p.name as person_name', 'o.name as org_name'])
    .where('w.id', 'in', warningIds)
    .orderBy('w.issued_on')
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({ level: r.level, issuedOn: r.issued_on, facts: r.facts, personName: r.person_name, orgName: r.org_name, status: r.status }));
}

export async function warningIdsOf(db: Executor, bulletinIds: number[]) {
  const map = new Map<number, number[]>();
  if (!bulletinIds.length) return map;
  const rows = await db.selectFrom('bulletin_warnings').select(['bulletin_id', 'warning_id']).where('bulletin_id', 'in', bulletinIds).orderBy('warning_id').execute();
  for (const r of rows) map.set(r.bulletin_id, [...(map.get(r.bulletin_id) ?? []), r.warning_id]);
  return map;
}

export function bulletinActions(actor: Actor, row: BulletinRow): string[] {
  const can = (p: string) => actor.grants.some((g) => g.permissions.has(p as never));
  const actions: string[] = [];
  if (row.status === 'draft' && can('bulletins.write')) actions.push('update', 'submit');
  // A second person: neither who wrote it nor who submitted it approves it.
  if (row.status === 'pending' && can('bulletins.approve') && row.created_by !== actor.userId && row.submitted_by !== actor.userId) actions.push('approve', 'return');
  return actions;
}

export async function presentBulletin(db: Executor, actor: Actor, row: BulletinRow, warningIds: number[]): Promise<Bulletin> {
  return {
    id: row.id,
    title: row.title,
    intro: row.intro,
    redaction: row.redaction,
    status: row.status,
    warningIds,
    body: row.body ?? composeBulletin(row.intro, row.redaction, await bulletinItems(db, warningIds)),
    createdBy: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    approvedBy: row.approved_by_name,
    publishedOn: row.published_on,
    returnReason: row.return_reason,
    actions: bulletinActions(actor, row),
  };
}

/** What the public portal shows: approved bulletins only, newest first (`id`: one of them). */
export async function publishedBulletins(db: Executor, id?: number) {
  let q = db.selectFrom('bulletins').select(['id', 'title', 'body', 'published_on']).where('status', '=', 'published');
  if (id !== undefined) q = q.where('id', '=', id);
  const rows = await q.orderBy('published_on', 'desc').orderBy('id', 'desc').limit(100).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body ?? '', publishedOn: r.published_on! }));
}

