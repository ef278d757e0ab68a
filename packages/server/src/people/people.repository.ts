import { birthDateFromIdNumber, genderFromIdNumber, maskIdNumber, orgPathInScopes, scopesFor, type Actor, type Permission, type Person, type PersonCreate } from '@qingfeng/core';
import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import type { DB, PeopleTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { containing } from '../db/like.js';
import { executePrepared, pageOffset } from '../db/prepared.js';
import { inSubtreeOf, subtreeIdArray } from '../orgs/orgs.repository.js';
import { orgScope, personScope } from '../policy/scope.js';

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

/** The row of a new person; gender and birth date follow from the ID number. */
export function newPersonValues(input: Omit<PersonCreate, 'postIds'>, now: Date): Insertable<PeopleTable> {
  return {
    org_id: input.orgId,
    name: input.name,
    id_number: input.idNumber,
    gender: genderFromIdNumber(input.idNumber),
    birth_date: birthDateFromIdNumber(input.idNumber),
    phone: input.phone ?? null,
    talk_class: input.talkClass,
    is_leadership_member: input.isLeadershipMember,
    is_principal_leader: input.isPrincipalLeader,
    created_at: now,
    updated_at: now,
  };
}

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

/** Whether the list covers the whole district: an actor who reads everyone, with no org chosen. */
const wholeDistrict = (actor: Actor, f: Pick<PeopleFilter, 'orgId'>) =>
  f.orgId === undefined && scopesFor(actor, 'people.read').some((s) => s.kind === 'all');

/** Conditions on the person row itself: the same for the page and for the count. */
function personFilters(actor: Actor, f: Omit<PeopleFilter, 'page' | 'pageSize'>) {
  // A search, by name or ID number: for exports, and for list pages when it may be an ID number
  // (a list's other searches read derived.people_name_chars, see namedPage). Over the whole district
  // it starts from the names holding the search's characters (0507); within a subtree, from the
  // subtree's people.
  const wide = wholeDistrict(actor, f);
  return (eb: ExpressionBuilder<DB, 'people'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.orgId !== undefined && !f.subtree) c.push(eb('people.org_id', '=', f.orgId));
    if (!f.includeRetired) c.push(eb('people.retired_at', 'is', null));
    if (f.talkClass) c.push(eb('people.talk_class', '=', f.talkClass));
    if (f.q) {
      const like = sql<SqlBool>`people.name LIKE ${containing(f.q)}`;
      const inName = wide ? sql<SqlBool>`(string_to_array(people.name, NULL) @> string_to_array(${f.q}, NULL) AND ${like})` : like;
      c.push(eb.or([inName, eb('people.id_number', '=', f.q.toUpperCase())]));
    }
    return eb.and(c);
  };
}

/** The people in the actor's scope that match the filter, each joined to their org (its path orders the list). */
function peopleWithOrgs(db: Executor, actor: Actor, f: Omit<PeopleFilter, 'page' | 'pageSize'>) {
  const subtree = f.orgId !== undefined && f.subtree ? f.orgId : undefined;
  // The scope tested on the joined org's path (see policy/scope.ts).
  const q = db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .where(personScope(actor, 'people.read', { org: 'people.org_id', person: 'people.id', orgPath: 'orgs.path' }))
    .where(personFilters(actor, f));
  if (subtree === undefined) return q;
  // The subtree as a range of paths whose bounds are computed once, before the scan, so that the
  // index range holds in a generic plan too: the planner walks the subtree's orgs in path order and
  // stops at the page, where `orgs.path LIKE (SELECT path …) || '%'` made it read and sort the whole
  // subtree.
  return q.where(inSubtreeOf('orgs.path', subtree));
}

/**
 * The list's order: by org in tree order, then by name. Paths compare byte-wise (`USING ~<~`), so
 * the same index serves the subtree's range and the order, and digits and dots sort alike under any
 * database collation.
 */
const BY_PATH = sql`orgs.path USING ~<~`;

/**
 * One page of people and the exact total, in one statement. Figures from the scale data (2,000
 * orgs, 100,000 people; PostgreSQL 15, pgbench, one client; see bench/RESULTS.md), town1's list
 * page 3: the old page and count statements ran at 480 and 1,020/s (about 325 lists/s together);
 * the page with its total, now one statement, at 920/s, and a request takes one pooled connection
 * and round trip instead of two.
 */
export async function listPeopleInScope(db: Executor, actor: Actor, f: PeopleFilter) {
  const names = f.q !== undefined && namesOnly(f.q) ? f.q : undefined;
  const count = () =>
    names !== undefined
      ? nameCount(db, actor, f, names)
      : tallied(actor, f)
        ? talliedCount(db, actor, f)
        : countedTotal(db, actor, f);
  // The page first, then the current posts of its 20 people, in the same statement: one round trip
  // per list (socket writes to PostgreSQL were 40% of the server's busy time in a profile of this
  // route), and no posts looked up for the rows that the offset skips.
  // The page size, and the offset of the first pages, are written into the statement (pageOffset):
  // PostgreSQL then keeps one generic plan for it, as it does not for a LIMIT it cannot see.
  const page = names !== undefined
    ? namedPage(db, actor, f, names)
    : peopleWithOrgs(db, actor, f)
        .select(COLUMNS)
        .select(count().as('total'))
        .orderBy(BY_PATH)
        .orderBy('people.name')
        .orderBy('people.id')
        .limit(sql.lit(f.pageSize))
        .offset(pageOffset(f.page, f.pageSize))
        .as('pg');
  const query = db
    .selectFrom(page)
    .selectAll('pg')
    .select(sql<Person['posts']>`(
      SELECT coalesce(json_agg(json_build_object('id', a.id, 'postId', a.post_id, 'postName', s.name, 'orgId', s.org_id, 'orgName', o.name,
                                                 'startedOn', a.started_on, 'endedOn', a.ended_on) ORDER BY a.started_on DESC, a.id DESC), '[]')
      FROM post_assignments a JOIN posts s ON s.id = a.post_id JOIN orgs o ON o.id = s.org_id
      WHERE a.person_id = pg.id AND a.ended_on IS NULL)`.as('posts'))
    .orderBy(sql`pg.org_path USING ~<~`)
    .orderBy('pg.name')
    .orderBy('pg.id');
  const rows = await executePrepared(db, query);
  // A page past the end has no row to carry the total.
  const total = rows[0]?.total ?? (f.page === 1 ? 0 : ((await db.selectNoFrom(count().as('n')).executeTakeFirstOrThrow()).n ?? 0));
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}

/**
 * Whether a search can match names only: ID numbers are digits with a final digit or X (GB 11643),
 * so a search holding any other character is no part of one.
 */
const namesOnly = (q: string) => /[^0-9Xx]/.test(q);

type NameChar = { ch: string; org_path: string; name: string; person_id: number; org_id: number; retired: boolean; talk_class: string };

/**
 * The people in scope whose name holds `q` and who match the filter, as rows of
 * derived.people_name_chars (0511) under the search's first character: one index range in list order.
 */
function nameMatches(db: Executor, actor: Actor, f: Omit<PeopleFilter, 'page' | 'pageSize'>, q: string) {
  let m = db
    .selectFrom(sql<NameChar>`derived.people_name_chars`.as('c'))
    .where('c.ch', '=', [...q][0]!)
    .where(sql<SqlBool>`c.name LIKE ${containing(q)}`)
    .where(personScope(actor, 'people.read', { org: 'c.org_id', person: 'c.person_id', orgPath: 'c.org_path' }));
  if (f.orgId !== undefined) m = f.subtree ? m.where(inSubtreeOf('c.org_path', f.orgId)) : m.where('c.org_id', '=', f.orgId);
  if (!f.includeRetired) m = m.where('c.retired', '=', false);
  if (f.talkClass) m = m.where('c.talk_class', '=', f.talkClass);
  return m;
}

/** How many people the name search finds: an index-only count of its first character's rows. */
const nameCount = (db: Executor, actor: Actor, f: Omit<PeopleFilter, 'page' | 'pageSize'>, q: string) =>
  nameMatches(db, actor, f, q).select(sql<number>`count(*)::int`.as('n'));

/**
 * A name search's page with its total, both from the kept characters of names (0511): the page is
 * the first rows of the search's first character in list order, the total an index-only count of
 * them. Center's search for 王 (1,012 of 98,683 people): EXPLAIN ANALYZE 5.6 → 0.32 ms.
 */
function namedPage(db: Executor, actor: Actor, f: PeopleFilter, q: string) {
  return db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .innerJoin(
      nameMatches(db, actor, f, q)
        .select('c.person_id')
        .orderBy(sql`c.org_path USING ~<~`)
        .orderBy('c.name')
        .orderBy('c.person_id')
        .limit(sql.lit(f.pageSize))
        .offset(pageOffset(f.page, f.pageSize))
        .as('pick'),
      (join) => join.onRef('pick.person_id', '=', 'people.id'),
    )
    // The scope once more on the person's own org: the kept rows decide what is found, the tables
    // what is shown.
    .where(personScope(actor, 'people.read', { org: 'people.org_id', person: 'people.id', orgPath: 'orgs.path' }))
    .select(COLUMNS)
    .select(nameCount(db, actor, f, q).as('total'))
    .as('pg');
}

/**
 * Whether the counts kept by trigger (0505, 0509) give this list's total: they know each org's people
 * by talk class and retirement, not their names, nor who the actor is ('self' scope).
 */
function tallied(actor: Actor, f: PeopleFilter): boolean {
  return !f.q && !scopesFor(actor, 'people.read').some((s) => s.kind === 'self');
}

type Tally = { talk_class: string; retired: boolean; n: number };

/**
 * The total as a sum of counts kept by trigger: the whole district's 98,683 people from the
 * district's six totals (0509), town1's 2,784 from the tallies of its 53 orgs (0505), instead of
 * counting every person.
 */
function talliedCount(db: Executor, actor: Actor, f: PeopleFilter) {
  const n = sql<number>`coalesce(sum(t.n), 0)::int`.as('n');
  const counted = sql<SqlBool>`${f.includeRetired ? sql`true` : sql`NOT t.retired`} AND ${f.talkClass ? sql`t.talk_class = ${f.talkClass}` : sql`true`}`;
  if (wholeDistrict(actor, f)) return db.selectFrom(sql<Tally>`derived.people_totals`.as('t')).where(counted).select(n);
  let q = db
    .selectFrom(sql<Tally & { org_id: number }>`derived.people_tallies`.as('t'))
    .innerJoin('orgs', 'orgs.id', 't.org_id')
    .where(orgScope(actor, 'people.read', 't.org_id', 'orgs.path'))
    .where(counted)
    .select(n);
  if (f.orgId !== undefined) q = f.subtree ? q.where(sql<SqlBool>`t.org_id = ANY(${subtreeIdArray(f.orgId)})`) : q.where('t.org_id', '=', f.orgId);
  return q;
}

/** The total counted from the people themselves: a search past its last page, or a cadre's own record. */
function countedTotal(db: Executor, actor: Actor, f: PeopleFilter) {
  return peopleWithOrgs(db, actor, f).select(sql<number>`count(*)::int`.as('n'));
}

/**
 * Every person the actor may read that matches the filter, in batches by id (keyset: the cost of a
 * batch does not grow with how far the export has gone). For exports.
 */
export async function* peopleInScopeBatches(db: Executor, actor: Actor, f: Omit<PeopleFilter, 'page' | 'pageSize'>, batchSize = 2000) {
  let after = 0;
  for (;;) {
    const rows = await peopleWithOrgs(db, actor, f).where('people.id', '>', after).select(COLUMNS).orderBy('people.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
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
