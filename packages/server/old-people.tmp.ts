import { maskIdNumber, orgPathInScopes, scopesFor, type Actor, type Permission, type Person } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from './src/db/types.js';
import { personScope } from './old-scope.tmp.ts';

const scope = (actor: Actor, permission: Permission) => personScope(actor, permission, { org: 'people.org_id', person: 'people.id' });

const COLUMNS = [
  'people.id',
  'people.org_id',
  'orgs.name as org_name',
  'orgs.path as org_path',
  'people.name',
  'people.id_number',
  'people.gender',
  'people.birth_date',
  'people.phone',
  'people.talk_class',
  'people.is_leadership_member',
  'people.is_principal_leader',
  'people.retired_at',
] as const;

export function findPersonInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .select(COLUMNS)
    .where('people.id', '=', id)
    .where(scope(actor, permission))
    .executeTakeFirst();
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonInScope>>>;

export interface PeopleFilter {
  orgId?: number | undefined;
  subtree?: boolean | undefined;
  q?: string | undefined;
  talkClass?: 'A' | 'B' | 'C' | undefined;
  includeRetired?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listPeopleInScope(db: Executor, actor: Actor, f: PeopleFilter) {
  let q = db.selectFrom('people').innerJoin('orgs', 'orgs.id', 'people.org_id').where(scope(actor, 'people.read'));
  if (f.orgId !== undefined) {
    const orgId = f.orgId;
    q = f.subtree
      ? q.where('orgs.path', 'like', sql<string>`(SELECT path FROM orgs WHERE id = ${orgId}) || '%'`)
      : q.where('people.org_id', '=', orgId);
  }
  if (!f.includeRetired) q = q.where('people.retired_at', 'is', null);
  if (f.talkClass) q = q.where('people.talk_class', '=', f.talkClass);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([eb('people.name', 'like', `%${term}%`), eb('people.id_number', '=', term.toUpperCase())]));
  }
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('orgs.path').orderBy('people.name').orderBy('people.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function assignmentsOf(db: Executor, personIds: number[], includeEnded = false) {
  if (personIds.length === 0) return new Map<number, Person['posts']>();
  let q = db
    .selectFrom('post_assignments as a')
    .innerJoin('posts', 'posts.id', 'a.post_id')
    .innerJoin('orgs', 'orgs.id', 'posts.org_id')
    .select(['a.id', 'a.person_id', 'a.post_id', 'posts.name as post_name', 'posts.org_id', 'orgs.name as org_name', 'a.started_on', 'a.ended_on'])
    .where('a.person_id', 'in', personIds);
  if (!includeEnded) q = q.where('a.ended_on', 'is', null);
  const rows = await q.orderBy('a.started_on', 'desc').orderBy('a.id', 'desc').execute();
  const map = new Map<number, Person['posts']>();
  for (const r of rows) {
    const list = map.get(r.person_id) ?? [];
    list.push({ id: r.id, postId: r.post_id, postName: r.post_name, orgId: r.org_id, orgName: r.org_name, startedOn: r.started_on, endedOn: r.ended_on });
    map.set(r.person_id, list);
  }
  return map;
}

export function personActions(actor: Actor, row: PersonRow): string[] {
  if (row.retired_at) return [];
  return orgPathInScopes(scopesFor(actor, 'people.write'), row.org_id, row.org_path) ? ['update', 'assign', 'retire'] : [];
}

/** Lists show a masked ID number; only the detail view (an audited read) shows it whole. */
export function presentPerson(actor: Actor, row: PersonRow, posts: Person['posts'], revealIdNumber: boolean): Person {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    idNumber: revealIdNumber ? row.id_number : maskIdNumber(row.id_number),
    gender: row.gender,
    birthDate: row.birth_date,
    phone: row.phone,
    talkClass: row.talk_class,
    isLeadershipMember: row.is_leadership_member,
    isPrincipalLeader: row.is_principal_leader,
    retiredAt: row.retired_at ? new Date(row.retired_at).toISOString() : null,
    posts,
    actions: personActions(actor, row),
  };
}
