import { orgPathInScopes, scopesFor, type Actor, type Permission, type Post } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { inSubtreeOf } from '../orgs/orgs.repository.js';
import { orgScope, personScope } from '../policy/scope.js';
import { containing } from '../db/like.js';

const COLUMNS = ['posts.id', 'posts.org_id', 'orgs.name as org_name', 'orgs.path as org_path', 'posts.name', 'posts.duties', 'posts.is_leadership', 'posts.retired_at'] as const;

export function findPostInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return db
    .selectFrom('posts')
    .innerJoin('orgs', 'orgs.id', 'posts.org_id')
    .select(COLUMNS)
    .where('posts.id', '=', id)
    .where(orgScope(actor, permission, 'posts.org_id'))
    .executeTakeFirst();
}
export type PostRow = NonNullable<Awaited<ReturnType<typeof findPostInScope>>>;

export interface PostFilter {
  includeRetired?: boolean | undefined;
  orgId?: number | undefined;
  subtree?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listPostsInScope(db: Executor, actor: Actor, f: PostFilter) {
  let q = db
    .selectFrom('posts')
    .innerJoin('orgs', 'orgs.id', 'posts.org_id')
    .where(orgScope(actor, 'people.read', 'posts.org_id'));
  if (!f.includeRetired) q = q.where('posts.retired_at', 'is', null);
  if (f.orgId !== undefined) {
    const orgId = f.orgId;
    q = f.subtree
      ? q.where(inSubtreeOf('orgs.path', orgId))
      : q.where('posts.org_id', '=', orgId);
  }
  if (f.q) q = q.where('posts.name', 'like', containing(f.q));
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('orgs.path').orderBy('posts.is_leadership', 'desc').orderBy('posts.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/**
 * Current holders of each post, one query for a page of posts. Given an actor, only the holders
 * within the actor's people.read scope: a post is visible org-wide, its holders are people records
 * (a cadre with scope 'self' sees the posts of their unit, but no colleague's name).
 */
export async function holdersOf(db: Executor, postIds: number[], actor?: Actor) {
  const map = new Map<number, Post['holders']>();
  if (postIds.length === 0) return map;
  let q = db
    .selectFrom('post_assignments as a')
    .innerJoin('people', 'people.id', 'a.person_id')
    .select(['a.post_id', 'people.id', 'people.name'])
    .where('a.post_id', 'in', postIds)
    .where('a.ended_on', 'is', null);
  if (actor) q = q.where(personScope(actor, 'people.read', { org: 'people.org_id', person: 'people.id' }));
  const rows = await q.orderBy('people.name').execute();
  for (const r of rows) map.set(r.post_id, [...(map.get(r.post_id) ?? []), { personId: r.id, name: r.name }]);
  return map;
}

export function presentPost(actor: Actor, row: PostRow, holders: Post['holders']): Post {
  const canWrite = !row.retired_at && orgPathInScopes(scopesFor(actor, 'people.write'), row.org_id, row.org_path);
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    duties: row.duties,
    isLeadership: row.is_leadership,
    holders,
    retiredAt: row.retired_at ? new Date(row.retired_at).toISOString() : null,
    actions: canWrite ? ['update', 'retire'] : [],
  };
}
