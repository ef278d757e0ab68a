import { hasPermission, personInScopes, scopesFor, TALKER_ROLES, type Actor, type Permission, type Talk, type TalkerRole } from '@qingfeng/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { personScope } from '../policy/scope.js';

/**
 * Talks about people (and collective talks with units) within the actor's scope, plus the talks the
 * actor is to hold: a talker sees their own assignments wherever the subject sits.
 */
export function talkScope(actor: Actor, permission: Permission) {
  const scoped = personScope(actor, permission, { org: 't.subject_org_id', person: 't.subject_person_id', orgPath: 'so.path' });
  return (eb: Parameters<ReturnType<typeof personScope>>[0]): Expression<SqlBool> => {
    if (actor.personId == null || !hasPermission(actor, permission)) return scoped(eb);
    return sql<SqlBool>`(${scoped(eb)} OR t.talker_person_id = ${actor.personId})`;
  };
}

function talksBase(db: Executor) {
  return db
    .selectFrom('talks as t')
    .innerJoin('orgs as so', 'so.id', 't.subject_org_id')
    .leftJoin('people as sp', 'sp.id', 't.subject_person_id')
    .leftJoin('people as tp', 'tp.id', 't.talker_person_id')
    .select([
      't.id',
      't.kind',
      't.status',
      't.plan_id',
      't.talk_class',
      't.subject_person_id',
      'sp.name as subject_name',
      't.subject_org_id',
      'so.name as subject_org_name',
      'so.path as subject_org_path',
      't.talker_person_id',
      'tp.name as talker_name',
      't.talker_role',
      't.talker_text',
      't.participants_text',
      't.due_on',
      't.held_on',
      't.location',
      't.points',
      't.commitments',
      't.source_kind',
      't.source_id',
      't.cancel_reason',
      't.recorded_at',
      sql<{ personId: number; name: string }[]>`(
        SELECT coalesce(json_agg(json_build_object('personId', pp.id, 'name', pp.name) ORDER BY pp.id), '[]')
        FROM talk_participants x JOIN people pp ON pp.id = x.person_id WHERE x.talk_id = t.id)`.as('participants'),
    ]);
}

export type TalkRow = Awaited<ReturnType<ReturnType<typeof talksBase>['executeTakeFirstOrThrow']>>;

export function findTalkInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return talksBase(db).where('t.id', '=', id).where(talkScope(actor, permission)).executeTakeFirst();
}

export interface TalksFilter {
  status?: Talk['status'] | undefined;
  kind?: Talk['kind'] | undefined;
  planId?: number | undefined;
  personId?: number | undefined;
  orgId?: number | undefined;
  mine?: boolean | undefined;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export async function listTalksInScope(db: Executor, actor: Actor, f: TalksFilter) {
  let q = talksBase(db).where(talkScope(actor, 'talks.read'));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.planId) q = q.where('t.plan_id', '=', f.planId);
  if (f.personId) q = q.where('t.subject_person_id', '=', f.personId);
  if (f.orgId) q = q.where('so.path', 'like', sql<string>`(SELECT path FROM orgs WHERE id = ${f.orgId}) || '%'`);
  if (f.mine) q = q.where('t.talker_person_id', '=', actor.personId ?? -1);
  if (f.year) q = q.where(sql<SqlBool>`coalesce(t.held_on, t.due_on) BETWEEN ${`${f.year}-01-01`}::date AND ${`${f.year}-12-31`}::date`);
  const rows = await q
    .select(sql<number>`count(*) OVER ()`.as('total'))
    .orderBy(sql`CASE t.status WHEN 'planned' THEN 0 ELSE 1 END`)
    .orderBy(sql`coalesce(t.due_on, t.held_on)`, 'asc')
    .orderBy('t.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** Record: the assigned talker, or an organiser (talks.plan) — in both cases with talks.write over the subject. */
export function talkActions(actor: Actor, row: TalkRow): string[] {
  // A warning's talk is scheduled and recorded on the warning.
  if (row.status !== 'planned' || row.source_kind === 'warning') return [];
  const reach = (p: Permission) => personInScopes(scopesFor(actor, p), row.subject_person_id, row.subject_org_id, row.subject_org_path);
  const organiser = reach('talks.plan');
  const actions: string[] = [];
  if (reach('talks.write') && (organiser || (actor.personId != null && row.talker_person_id === actor.personId))) actions.push('record');
  if (organiser && row.source_kind === 'plan') actions.push('cancel');
  return actions;
}

export function presentTalk(actor: Actor, row: TalkRow, today: string): Talk {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    planId: row.plan_id,
    talkClass: row.talk_class,
    subjectPersonId: row.subject_person_id,
    subjectName: row.subject_name,
    subjectOrgId: row.subject_org_id,
    subjectOrgName: row.subject_org_name,
    talkerPersonId: row.talker_person_id,
    talkerName: row.talker_name ?? row.talker_text,
    talkerRole: (TALKER_ROLES as readonly string[]).includes(row.talker_role ?? '') ? (row.talker_role as TalkerRole) : null,
    dueOn: row.due_on,
    heldOn: row.held_on,
    location: row.location,
    points: row.points,
    commitments: row.commitments,
    participants: row.participants,
    participantsNote: row.participants_text,
    sourceKind: row.source_kind,
    sourceId: row.source_id,
    cancelReason: row.cancel_reason,
    recordedAt: row.recorded_at ? new Date(row.recorded_at).toISOString() : null,
    overdue: row.status === 'planned' && row.due_on !== null && row.due_on < today,
    actions: talkActions(actor, row),
  };
}
