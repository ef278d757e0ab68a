import type { AccountabilityBehaviour, AccountabilityDecision, Actor, Permission } from '@qingfeng/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { personScope } from '../policy/scope.js';

export async function listBehaviours(db: Executor, includeRetired = false): Promise<AccountabilityBehaviour[]> {
  let q = db.selectFrom('accountability_behaviours').select(['id', 'code', 'subject', 'title', 'source', 'detection', 'retired_at']);
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, subject: r.subject, title: r.title, source: r.source, detection: r.detection, retired: r.retired_at !== null }));
}

/**
 * A decision is visible to whoever may read any person it concerns: the violator's unit, the
 * leaders' units, the person themselves (self scope). The org of the decision is the violator's.
 */
export function decisionScope(actor: Actor, permission: Permission) {
  const people = personScope(actor, permission, { org: 'scope_p.org_id', person: 'scope_adp.person_id' });
  return (eb: Parameters<typeof people>[0]): Expression<SqlBool> =>
    sql<SqlBool>`EXISTS (SELECT 1 FROM accountability_decision_people scope_adp JOIN people scope_p ON scope_p.id = scope_adp.person_id
                         WHERE scope_adp.decision_id = d.id AND ${people(eb)})`;
}

function decisionsBase(db: Executor) {
  return db
    .selectFrom('accountability_decisions as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .select([
      'd.id',
      'd.serial_no',
      'd.decided_on',
      'd.decision_maker',
      'd.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'd.facts',
      'd.source_kind',
      'd.source_id',
      'd.created_at',
      sql<AccountabilityDecision['people']>`(
        SELECT json_agg(json_build_object('personId', p.id, 'name', p.name, 'orgName', po.name, 'role', x.role, 'behaviourId', b.id,
                                          'behaviourCode', b.code, 'behaviourTitle', b.title, 'form', x.form) ORDER BY x.position)
        FROM accountability_decision_people x JOIN people p ON p.id = x.person_id JOIN orgs po ON po.id = p.org_id
        JOIN accountability_behaviours b ON b.id = x.behaviour_id WHERE x.decision_id = d.id)`.as('people'),
    ]);
}
export type DecisionRow = Awaited<ReturnType<ReturnType<typeof decisionsBase>['executeTakeFirstOrThrow']>>;

export function findDecisionInScope(db: Executor, actor: Actor, id: number) {
  return decisionsBase(db).where('d.id', '=', id).where(decisionScope(actor, 'accountability.read')).executeTakeFirst();
}

export async function listDecisionsInScope(db: Executor, actor: Actor, f: { personId?: number | undefined; orgId?: number | undefined; year?: number | undefined; page: number; pageSize: number }) {
  let q = decisionsBase(db).where(decisionScope(actor, 'accountability.read'));
  if (f.personId) q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM accountability_decision_people f WHERE f.decision_id = d.id AND f.person_id = ${f.personId})`);
  if (f.orgId) q = q.where('o.path', 'like', sql<string>`(SELECT path FROM orgs WHERE id = ${f.orgId}) || '%'`);
  if (f.year) q = q.where('d.decided_on', '>=', `${f.year}-01-01`).where('d.decided_on', '<=', `${f.year}-12-31`);
  const rows = await q
    .select(sql<number>`count(*) OVER ()`.as('total'))
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export function presentDecision(_actor: Actor, row: DecisionRow): AccountabilityDecision {
  return {
    id: row.id,
    serialNo: row.serial_no,
    decidedOn: row.decided_on,
    decisionMaker: row.decision_maker,
    orgId: row.org_id,
    orgName: row.org_name,
    caseFacts: row.facts,
    sourceKind: row.source_kind,
    sourceId: row.source_id,
    people: row.people ?? [],
    createdAt: new Date(row.created_at).toISOString(),
    // A decision, once made, is a record: it is not edited (a new decision corrects it).
    actions: [],
  };
}
