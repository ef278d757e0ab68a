import {
  levelDef,
  levelLabel,
  orgPathInScopes,
  POWER_MACHINE,
  scopesFor,
  type Actor,
  type FlowStep,
  type Power,
  type PowerStatus,
  type PowerType,
} from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';
import { inSubtreeOf } from '../orgs/orgs.repository.js';
import { orgScope } from '../policy/scope.js';
import { matricesById } from '../risk-matrices/risk-matrices.repository.js';
import { containing } from '../db/like.js';

const COLUMNS = [
  'w.id',
  'w.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'w.name',
  'w.type',
  'w.legal_basis',
  'w.section_org_id',
  's.name as section_name',
  'w.post_id',
  'posts.name as post_name',
  'w.status',
  'w.steps',
  'w.review_comment',
  'w.updated_at',
] as const;

function scoped(db: Executor, actor: Actor) {
  return db
    .selectFrom('powers as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .leftJoin('orgs as s', 's.id', 'w.section_org_id')
    .leftJoin('posts', 'posts.id', 'w.post_id')
    .where(orgScope(actor, 'risk.read', 'w.org_id', 'o.path'));
}

export async function findPowerInScope(db: Executor, actor: Actor, id: number, lock = false) {
  let q = scoped(db, actor).select(COLUMNS).where('w.id', '=', id);
  if (lock) q = q.forUpdate('w');
  return q.executeTakeFirst();
}
export type PowerRow = NonNullable<Awaited<ReturnType<typeof findPowerInScope>>>;

export interface PowerFilter {
  orgId?: number | undefined;
  subtree?: boolean | undefined;
  type?: PowerType | undefined;
  status?: PowerStatus | undefined;
  q?: string | undefined;
  /** Only the powers a risk point of this org may name: its own org's and its ancestors' (see checkSubject). */
  linkableFrom?: number | undefined;
}

function filtered(db: Executor, actor: Actor, f: PowerFilter) {
  let q = scoped(db, actor);
  if (f.orgId !== undefined) q = f.subtree ? q.where(inSubtreeOf('o.path', f.orgId)) : q.where('w.org_id', '=', f.orgId);
  if (f.type) q = q.where('w.type', '=', f.type);
  q = f.status ? q.where('w.status', '=', f.status) : q.where('w.status', '<>', 'retired');
  if (f.q) q = q.where('w.name', 'like', containing(f.q));
  if (f.linkableFrom !== undefined) q = q.where(sql<boolean>`starts_with((SELECT path FROM orgs WHERE id = ${f.linkableFrom}), o.path)`);
  return q;
}

export async function listPowersInScope(db: Executor, actor: Actor, f: PowerFilter & { page: number; pageSize: number }) {
  const q = filtered(db, actor, f);
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('o.path').orderBy('w.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** Every power in scope with the filters, in keyset batches: for the Excel export. */
export async function* powersInBatches(db: Executor, actor: Actor, f: PowerFilter, batch = 1000) {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, actor, f).select(COLUMNS).where('w.id', '>', after).orderBy('w.id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

/** The current risk points marked on the powers' flowchart steps, with their level's name and colour. */
export async function riskStepsOf(db: Executor, powerIds: number[], publishedOnly = false) {
  const map = new Map<number, Power['riskSteps']>();
  if (powerIds.length === 0) return map;
  const rows = await db
    .selectFrom('risk_points')
    .select(['id', 'power_id', 'power_step_key', 'title', 'level', 'matrix_id'])
    .where('power_id', 'in', powerIds)
    .where('power_step_key', 'is not', null)
    .where('status', publishedOnly ? 'in' : 'not in', publishedOnly ? ['published'] : ['superseded', 'retired'])
    .orderBy('level')
    .execute();
  const matrices = await matricesById(db, rows.map((r) => r.matrix_id));
  for (const r of rows) {
    const step = { stepKey: r.power_step_key!, pointId: r.id, title: r.title, level: r.level, ...levelLabel(levelDef(matrices.get(r.matrix_id)!.definition, r.level), r.level) };
    map.set(r.power_id!, [...(map.get(r.power_id!) ?? []), step]);
  }
  return map;
}

export function powerParties(actor: Actor, row: Pick<PowerRow, 'org_id' | 'org_path'>) {
  return {
    owner: orgPathInScopes(scopesFor(actor, 'risk.write'), row.org_id, row.org_path),
    reviewer: orgPathInScopes(scopesFor(actor, 'risk.review'), row.org_id, row.org_path),
  };
}

export function presentPower(actor: Actor, row: PowerRow, riskSteps: Power['riskSteps']): Power {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    type: row.type as PowerType,
    legalBasis: row.legal_basis,
    sectionOrgId: row.section_org_id,
    sectionName: row.section_name,
    postId: row.post_id,
    postName: row.post_name,
    status: row.status as PowerStatus,
    steps: row.steps as FlowStep[],
    riskSteps,
    reviewComment: row.review_comment,
    updatedAt: new Date(row.updated_at).toISOString(),
    actions: POWER_MACHINE.actions(row.status as PowerStatus, powerParties(actor, row)),
  };
}
