import {
  fieldLabel,
  RISK_POINT_ACTION_LABELS,
  RISK_POINT_MACHINE,
  RISK_POINT_STATUS_LABELS,
  submitProblem,
  type Actor,
  type AuditAction,
  type RiskPointAction,
  type RiskPointCreate,
  type RiskPointStatus,
  type RiskPointUpdate,
} from '@qingfeng/core';
import { sql, type Insertable } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { RiskPointsTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { findOrgInScope, type OrgRow } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { activeMatrix } from '../risk-matrices/risk-matrices.repository.js';
import { levelOrRefuse, monitoringResolver } from './risk-points.levelling.js';
import { findPointInScope, partiesOf, type PointRow } from './risk-points.repository.js';

/** A 400 naming the field as the schema's refusals do: "岗位（postId）：…". */
const invalid = (field: string, message: string) => new AppError('request.invalid', `${fieldLabel([field])}：${message}`, { issues: [{ field, message }] });

export const actorLabel = (a: Actor) => `${a.displayName}（${a.username}）`;

type Subject = Pick<RiskPointCreate, 'objectLevel' | 'postId' | 'personId'> & Partial<Pick<RiskPointCreate, 'powerId' | 'powerStepKey'>>;

/** The object of the point must fit its level: a post of the org, a leadership member of the org, a section. */
export async function checkSubject(trx: Executor, org: OrgRow, s: Subject) {
  if (s.objectLevel === 'post') {
    if (!s.postId) throw invalid('postId', '岗位风险点须选择岗位');
    const post = await trx.selectFrom('posts').select(['org_id', 'retired_at']).where('id', '=', s.postId).executeTakeFirst();
    if (!post || post.org_id !== org.id || post.retired_at) throw invalid('postId', '岗位须是所选单位的在用岗位');
  }
  if (s.objectLevel === 'leader_member') {
    if (!s.personId) throw invalid('personId', '领导班子成员风险点须选择人员');
    const person = await trx.selectFrom('people').select(['org_id', 'is_leadership_member', 'retired_at']).where('id', '=', s.personId).executeTakeFirst();
    if (!person || person.org_id !== org.id || !person.is_leadership_member || person.retired_at) throw invalid('personId', '人员须是所选单位在职的领导班子成员');
  }
  if (s.objectLevel === 'section' && org.kind !== 'section') throw invalid('objectLevel', '股室风险点须登记在股室（科室）下');
  if ((s.objectLevel === 'unit' || s.objectLevel === 'leadership') && org.kind === 'section') throw invalid('objectLevel', '单位和领导班子风险点须登记在单位下，不能登记在股室下');
  if (s.powerId) {
    const power = await trx.selectFrom('powers').innerJoin('orgs', 'orgs.id', 'powers.org_id').select(['orgs.path', 'powers.steps']).where('powers.id', '=', s.powerId).executeTakeFirst();
    if (!power || !org.path.startsWith(power.path)) throw invalid('powerId', '关联职权须属于本单位或其上级单位');
    if (s.powerStepKey && !(power.steps as { key: string }[]).some((st) => st.key === s.powerStepKey)) throw invalid('powerStepKey', `流程图中没有编号为「${s.powerStepKey}」的步骤`);
  } else if (s.powerStepKey) throw invalid('powerStepKey', '标记流程步骤须先选择关联职权');
  return {
    post_id: s.objectLevel === 'post' ? s.postId! : null,
    person_id: s.objectLevel === 'leader_member' ? s.personId! : null,
    power_id: s.powerId ?? null,
    power_step_key: s.powerId ? (s.powerStepKey ?? null) : null,
  };
}

/**
 * Levels points of these orgs under the active matrix (level, score, matrix, monitoring owner),
 * reading the matrix and the orgs' monitoring chains once for the lot.
 */
export async function leveller(trx: Executor, orgIds: number[]) {
  const matrix = await activeMatrix(trx, 'share');
  const resolve = await monitoringResolver(trx, orgIds);
  return (orgId: number, likelihood: number, impact: number) => {
    const lvl = levelOrRefuse(matrix.definition, likelihood, impact);
    return { level: lvl.level, score: lvl.score, matrix_id: matrix.id, monitor_org_id: resolve(orgId, lvl.tier) };
  };
}

/** Level, score, matrix and monitoring owner of one point of this org under the active matrix. */
export async function levelled(trx: Executor, orgId: number, likelihood: number, impact: number) {
  return (await leveller(trx, [orgId]))(orgId, likelihood, impact);
}

/** Inserts the first version of a point, which is its own series (series_id = id), and returns its id. */
export async function insertFirstVersion(trx: Executor, values: Omit<Insertable<RiskPointsTable>, 'id' | 'series_id' | 'version'>): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('risk_points', 'id'))::int AS id`.execute(trx);
  const id = rows[0]!.id;
  await trx.insertInto('risk_points').values({ id, series_id: id, version: 1, ...values }).execute();
  return id;
}

export async function replaceMeasures(trx: Executor, pointId: number, measures: RiskPointCreate['measures']) {
  await trx.deleteFrom('risk_measures').where('risk_point_id', '=', pointId).execute();
  if (measures.length === 0) return;
  await trx
    .insertInto('risk_measures')
    .values(measures.map((m, i) => ({ risk_point_id: pointId, seq: i + 1, content: m.content, owner: m.owner, due_on: m.dueOn, done_on: m.doneOn ?? null })))
    .execute();
}

async function event(trx: Executor, actor: Actor, pointId: number, action: string, comment: string | null, now: Date) {
  await trx.insertInto('risk_point_events').values({ risk_point_id: pointId, action, actor_user_id: actor.userId, actor_label: actorLabel(actor), comment, at: now }).execute();
}

/**
 * The point, locked, if the actor may take the action: outside the read scope 404; not the owner or
 * reviewer the action needs 403; reviewing one's own submission 403; a status that does not allow it 409.
 */
async function pointFor(trx: Executor, actor: Actor, id: number, action: RiskPointAction): Promise<PointRow> {
  requirePermission(actor, 'risk.read');
  const row = await findPointInScope(trx, actor, id, true);
  if (!row) throw notFound();
  const by = RISK_POINT_MACHINE.transitions.find((t) => t.action === action)!.by;
  if (!partiesOf(actor, row)[by]) throw forbidden();
  if ((action === 'return' || action === 'approve') && row.submitted_by === actor.userId) throw new AppError('risk_points.self_review');
  if (!RISK_POINT_MACHINE.next(row.status as RiskPointStatus, action)) {
    throw new AppError('risk_points.wrong_status', `风险点当前为「${RISK_POINT_STATUS_LABELS[row.status as RiskPointStatus]}」，不能${RISK_POINT_ACTION_LABELS[action]}`);
  }
  return row;
}

const audit = (action: AuditAction, row: Pick<PointRow, 'id' | 'org_id' | 'title' | 'version'>, summary: string, extra: { before?: unknown; after?: unknown } = {}) => ({
  action,
  objectType: 'risk_point',
  objectId: row.id,
  orgId: row.org_id,
  summary: `${summary}「${row.title}」${row.version > 1 ? `（第 ${row.version} 版）` : ''}`,
  ...extra,
});

export async function createPoint(ctx: AppContext, actor: Actor, input: RiskPointCreate): Promise<number> {
  requirePermission(actor, 'risk.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await findOrgInScope(trx, actor, 'risk.write', input.orgId);
    if (!org) {
      if (await findOrgInScope(trx, actor, 'risk.read', input.orgId)) throw forbidden();
      throw new AppError('not_found', '所属单位不存在或不在您的权限范围内');
    }
    if (org.retired_at) throw new AppError('orgs.retired');
    const subject = await checkSubject(trx, org, input);
    const level = await levelled(trx, org.id, input.likelihood, input.impact);
    const id = await insertFirstVersion(trx, {
      org_id: org.id,
      object_level: input.objectLevel,
      ...subject,
      title: input.title,
      category: input.category,
      manifestation: input.manifestation,
      likelihood: input.likelihood,
      impact: input.impact,
      ...level,
      discovery: input.discovery,
      status: 'draft',
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await replaceMeasures(trx, id, input.measures);
    await event(trx, actor, id, 'create', null, now);
    await recordAudit(trx, actor, audit('RISK_POINT_CREATED', { id, org_id: org.id, title: input.title, version: 1 }, `登记风险点（${org.name}）`, { after: input }), now);
    return id;
  });
}

export async function updatePoint(ctx: AppContext, actor: Actor, id: number, input: RiskPointUpdate): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await pointFor(trx, actor, id, 'update');
    const org = (await trx.selectFrom('orgs').selectAll().where('id', '=', row.org_id).executeTakeFirstOrThrow()) as OrgRow;
    const merged = {
      objectLevel: input.objectLevel ?? (row.object_level as RiskPointCreate['objectLevel']),
      postId: input.postId !== undefined ? input.postId : row.post_id,
      personId: input.personId !== undefined ? input.personId : row.person_id,
      powerId: input.powerId !== undefined ? input.powerId : row.power_id,
      powerStepKey: input.powerStepKey !== undefined ? input.powerStepKey : row.power_step_key,
    };
    const subject = await checkSubject(trx, org, merged);
    const level = await levelled(trx, row.org_id, input.likelihood ?? row.likelihood, input.impact ?? row.impact);
    await trx
      .updateTable('risk_points')
      .set({
        object_level: merged.objectLevel,
        ...subject,
        ...(input.title !== undefined && { title: input.title }),
        ...(input.category !== undefined && { category: input.category }),
        ...(input.manifestation !== undefined && { manifestation: input.manifestation }),
        ...(input.likelihood !== undefined && { likelihood: input.likelihood }),
        ...(input.impact !== undefined && { impact: input.impact }),
        ...(input.discovery !== undefined && { discovery: input.discovery }),
        ...level,
        status: 'draft',
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (input.measures !== undefined) await replaceMeasures(trx, id, input.measures);
    await event(trx, actor, id, 'update', null, now);
    await recordAudit(trx, actor, audit('RISK_POINT_UPDATED', row, '修改风险点', { before: row, after: input }), now);
  });
}

export async function submitPoint(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await pointFor(trx, actor, id, 'submit');
    const measures = await trx.selectFrom('risk_measures').select(['owner', 'due_on as dueOn']).where('risk_point_id', '=', id).orderBy('seq').execute();
    const problem = submitProblem(measures);
    if (problem) throw new AppError('risk_points.no_measure', problem);
    await trx.updateTable('risk_points').set({ status: 'submitted', submitted_by: actor.userId, submitted_at: now, updated_at: now }).where('id', '=', id).execute();
    await event(trx, actor, id, 'submit', null, now);
    await recordAudit(trx, actor, audit('RISK_POINT_SUBMITTED', row, '提交审核风险点'), now);
  });
}

export async function reviewPoint(ctx: AppContext, actor: Actor, id: number, action: 'return' | 'approve' | 'publish', comment: string | null): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await pointFor(trx, actor, id, action);
    if (action === 'publish') {
      // Publishing a revision supersedes the versions before it; they are kept.
      await trx
        .updateTable('risk_points')
        .set({ status: 'superseded', updated_at: now })
        .where('series_id', '=', row.series_id)
        .where('id', '<>', id)
        .where('status', 'in', ['approved', 'published'])
        .execute();
      await trx.updateTable('risk_points').set({ status: 'published', published_at: now, updated_at: now }).where('id', '=', id).execute();
    } else {
      await trx
        .updateTable('risk_points')
        .set({ status: action === 'return' ? 'returned' : 'approved', review_comment: comment, reviewed_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    }
    await event(trx, actor, id, action, comment, now);
    const auditAction = ({ return: 'RISK_POINT_RETURNED', approve: 'RISK_POINT_APPROVED', publish: 'RISK_POINT_PUBLISHED' } as const)[action];
    await recordAudit(trx, actor, audit(auditAction, row, RISK_POINT_ACTION_LABELS[action], { after: { comment } }), now);
  });
}

/** A new draft version of an approved or published point; the old one stays as it is until the new one is published. */
export async function revisePoint(ctx: AppContext, actor: Actor, id: number): Promise<number> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await pointFor(trx, actor, id, 'revise');
    const versions = await trx.selectFrom('risk_points').select(['id', 'version', 'status']).where('series_id', '=', row.series_id).forUpdate().execute();
    const open = versions.find((v) => ['draft', 'submitted', 'returned'].includes(v.status) || (v.status === 'approved' && v.version > row.version));
    if (open) throw new AppError('risk_points.open_revision', `该风险点已有未公示的第 ${open.version} 版（${RISK_POINT_STATUS_LABELS[open.status as RiskPointStatus]}），请在该版本上修改`);
    const version = Math.max(...versions.map((v) => v.version)) + 1;
    const level = await levelled(trx, row.org_id, row.likelihood, row.impact);
    const { id: newId } = await trx
      .insertInto('risk_points')
      .values({
        series_id: row.series_id,
        version,
        org_id: row.org_id,
        object_level: row.object_level,
        post_id: row.post_id,
        person_id: row.person_id,
        title: row.title,
        category: row.category,
        manifestation: row.manifestation,
        likelihood: row.likelihood,
        impact: row.impact,
        ...level,
        discovery: row.discovery,
        power_id: row.power_id,
        power_step_key: row.power_step_key,
        status: 'draft',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO risk_measures (risk_point_id, seq, content, owner, due_on, done_on)
              SELECT ${newId}, seq, content, owner, due_on, done_on FROM risk_measures WHERE risk_point_id = ${id}`.execute(trx);
    await event(trx, actor, newId, 'revise', `由第 ${row.version} 版修订`, now);
    await recordAudit(trx, actor, audit('RISK_POINT_REVISED', { ...row, id: newId, version }, '修订风险点'), now);
    return newId;
  });
}

export async function retirePoint(ctx: AppContext, actor: Actor, id: number, comment: string | null): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await pointFor(trx, actor, id, 'retire');
    await trx.updateTable('risk_points').set({ status: 'retired', retired_at: now, updated_at: now }).where('id', '=', id).execute();
    await event(trx, actor, id, 'retire', comment, now);
    await recordAudit(trx, actor, audit('RISK_POINT_RETIRED', row, '撤销风险点', { after: { comment } }), now);
  });
}
