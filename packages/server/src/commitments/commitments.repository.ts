import { orgPathInScopes, scopesFor, type Actor, type Commitment } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { inSubtreeOf } from '../orgs/orgs.repository.js';
import { personScope } from '../policy/scope.js';

const COLUMNS = [
  'c.id',
  'c.person_id',
  'people.name as person_name',
  'c.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'c.year',
  'c.campaign_id',
  'k.title as campaign_title',
  'c.title',
  'c.body',
  'c.text',
  'c.signed_at',
  'c.sha256',
  'c.unit_copy_at',
  'c.filed_at',
] as const;

/** Commitments in the actor's risk.read scope: a cadre reaches only their own. */
function scoped(db: Executor, actor: Actor) {
  return db
    .selectFrom('commitments as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('people', 'people.id', 'c.person_id')
    .leftJoin('check_campaigns as k', 'k.id', 'c.campaign_id')
    .where(personScope(actor, 'risk.read', { org: 'c.org_id', person: 'c.person_id', orgPath: 'o.path' }));
}

export async function findCommitmentInScope(db: Executor, actor: Actor, id: number, lock = false) {
  let q = scoped(db, actor).select(COLUMNS).where('c.id', '=', id);
  if (lock) q = q.forUpdate('c');
  return q.executeTakeFirst();
}
export type CommitmentRow = NonNullable<Awaited<ReturnType<typeof findCommitmentInScope>>>;

export interface CommitmentFilter {
  year?: number | undefined;
  campaignId?: number | undefined;
  kind?: 'yearly' | 'campaign' | undefined;
  orgId?: number | undefined;
  status?: 'pending' | 'signed' | undefined;
}

function filtered(db: Executor, actor: Actor, f: CommitmentFilter) {
  let q = scoped(db, actor);
  if (f.year !== undefined) q = q.where('c.year', '=', f.year);
  if (f.campaignId !== undefined) q = q.where('c.campaign_id', '=', f.campaignId);
  if (f.kind) q = q.where('c.campaign_id', f.kind === 'campaign' ? 'is not' : 'is', null);
  if (f.orgId !== undefined) q = q.where(inSubtreeOf('o.path', f.orgId));
  if (f.status) q = q.where('c.signed_at', f.status === 'signed' ? 'is not' : 'is', null);
  return q;
}

export async function listCommitmentsInScope(db: Executor, actor: Actor, f: CommitmentFilter & { page: number; pageSize: number }) {
  const q = filtered(db, actor, f);
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('o.path').orderBy('people.name').orderBy('c.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/**
 * Completion per org: commitments, signed, unit copies kept, filed with the commission. Of the
 * yearly commitments unless a campaign or kind is asked for: a cadre with both would count twice.
 */
export async function commitmentStats(db: Executor, actor: Actor, f: CommitmentFilter) {
  const kind = f.campaignId === undefined ? (f.kind ?? 'yearly') : f.kind;
  const rows = await filtered(db, actor, { ...f, kind })
    .select([
      'c.org_id',
      'o.name as org_name',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(c.signed_at)::int`.as('signed'),
      sql<number>`count(c.unit_copy_at)::int`.as('unit_copies'),
      sql<number>`count(c.filed_at)::int`.as('filed'),
    ])
    .groupBy(['c.org_id', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, total: r.total, signed: r.signed, unitCopies: r.unit_copies, filed: r.filed }));
}

export function commitmentActions(actor: Actor, r: Pick<CommitmentRow, 'person_id' | 'org_id' | 'org_path' | 'signed_at' | 'unit_copy_at' | 'filed_at'>): string[] {
  const own = actor.personId === r.person_id;
  const actions: string[] = [];
  if (!r.signed_at) {
    if (own) actions.push('sign');
    return actions;
  }
  actions.push('download');
  if (!r.unit_copy_at && orgPathInScopes(scopesFor(actor, 'risk.write'), r.org_id, r.org_path)) actions.push('unitCopy');
  if (!r.filed_at && orgPathInScopes(scopesFor(actor, 'risk.review'), r.org_id, r.org_path)) actions.push('file');
  return actions;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentCommitment(actor: Actor, r: CommitmentRow): Commitment {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title,
    title: r.title,
    text: r.text,
    status: r.signed_at ? 'signed' : 'pending',
    signedAt: iso(r.signed_at),
    sha256: r.sha256,
    unitCopyAt: iso(r.unit_copy_at),
    filedAt: iso(r.filed_at),
    actions: commitmentActions(actor, r),
  };
}
