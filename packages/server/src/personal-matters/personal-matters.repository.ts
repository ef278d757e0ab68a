import { personInScopes, scopesFor, type Actor, type Permission, type PersonalMatter } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { personScope } from '../policy/scope.js';

const scope = (actor: Actor, permission: Permission) => personScope(actor, permission, { org: 'p.org_id', person: 'm.person_id', orgPath: 'o.path' });

function base(db: Executor) {
  return db
    .selectFrom('personal_matter_reports as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select([
      'm.id',
      'm.person_id',
      'p.name as person_name',
      'p.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'm.year',
      'm.kind',
      'm.submitted_on',
      'm.summary',
      'm.status',
      'm.check_method',
      'm.checked_on',
      'm.finding',
      'm.finding_note',
    ]);
}
export type MatterRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findMatterInScope(db: Executor, actor: Actor, permission: Permission, id: number) {
  return base(db).where('m.id', '=', id).where(scope(actor, permission)).executeTakeFirst();
}

export async function listMattersInScope(db: Executor, actor: Actor, f: { personId?: number | undefined; year?: number | undefined; status?: 'submitted' | 'checked' | undefined; page: number; pageSize: number }) {
  let q = base(db).where(scope(actor, 'archives.read'));
  if (f.personId) q = q.where('m.person_id', '=', f.personId);
  if (f.year) q = q.where('m.year', '=', f.year);
  if (f.status) q = q.where('m.status', '=', f.status);
  const rows = await q.select(sql<number>`count(*) OVER ()`.as('total')).orderBy('m.year', 'desc').orderBy('m.submitted_on', 'desc').orderBy('m.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** Every report of one person, newest first (the archive's section). */
export function mattersOf(db: Executor, personId: number) {
  return base(db).where('m.person_id', '=', personId).orderBy('m.year', 'desc').orderBy('m.submitted_on', 'desc').execute();
}

export function presentMatter(actor: Actor, row: MatterRow): PersonalMatter {
  // A person does not check their own report.
  const canCheck = row.status === 'submitted' && actor.personId !== row.person_id && personInScopes(scopesFor(actor, 'personal_matters.check'), row.person_id, row.org_id, row.org_path);
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    orgName: row.org_name,
    year: row.year,
    kind: row.kind,
    submittedOn: row.submitted_on,
    matters: row.summary,
    status: row.status,
    checkMethod: row.check_method,
    checkedOn: row.checked_on,
    finding: row.finding,
    findingNote: row.finding_note,
    actions: canCheck ? ['check'] : [],
  };
}
