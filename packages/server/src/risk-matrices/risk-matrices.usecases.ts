import { levelDef, levelOf, type Actor, type RiskMatrixDefinition, type RiskMatrixPreview } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { monitoringResolver } from '../risk-points/risk-points.levelling.js';
import { actorLabel } from '../risk-points/risk-points.usecases.js';
import { activeMatrix, findMatrix, nextMatrixVersion, type MatrixRow } from './risk-matrices.repository.js';

// A new matrix version is created as a draft; activating it re-levels the current points (not
// retired, not superseded) only after a preview, and only if the preview still holds: the caller
// confirms with the number of points the preview said would change and its fingerprint (which points,
// to which level and owner), so that other points of the same number cannot slip in.

const CURRENT = ['superseded', 'retired'];
const PREVIEW_LIST = 200;

export async function createMatrix(ctx: AppContext, actor: Actor, input: { name: string; note?: string | null | undefined; definition: RiskMatrixDefinition }) {
  requirePermission(actor, 'risk.matrix');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE risk_matrices IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const version = await nextMatrixVersion(trx);
    const { id } = await trx
      .insertInto('risk_matrices')
      .values({ version, name: input.name, note: input.note ?? null, definition: JSON.stringify(input.definition), status: 'draft', created_by: actorLabel(actor), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'RISK_MATRIX_CREATED', objectType: 'risk_matrix', objectId: id, summary: `新建风险矩阵草稿「${input.name}」（第 ${version} 版）`, after: input }, now);
    return id;
  });
}

interface Group {
  org_id: number;
  likelihood: number;
  impact: number;
  old_level: number;
  old_monitor: number;
  new_level: number;
  new_score: number | null;
  new_monitor: number;
  n: number;
}

/** What activating `draft` would do to the current points: groups of points that change, and the blocked ones. */
async function plan(trx: Executor, draft: MatrixRow) {
  const groups = await trx
    .selectFrom('risk_points')
    .select(['org_id', 'likelihood', 'impact', 'level', 'monitor_org_id', sql<number>`count(*)::int`.as('n')])
    .where('status', 'not in', CURRENT)
    .groupBy(['org_id', 'likelihood', 'impact', 'level', 'monitor_org_id'])
    .execute();
  const resolve = groups.length ? await monitoringResolver(trx, groups.map((g) => g.org_id)) : () => 0;
  const changed: Group[] = [];
  const blocked: { likelihood: number; impact: number }[] = [];
  let total = 0;
  for (const g of groups) {
    total += g.n;
    const next = levelOf(draft.definition, g.likelihood, g.impact);
    if (!next) {
      blocked.push({ likelihood: g.likelihood, impact: g.impact });
      continue;
    }
    const monitor = resolve(g.org_id, levelDef(draft.definition, next.level)!.monitor);
    if (next.level !== g.level || monitor !== g.monitor_org_id) {
      changed.push({ org_id: g.org_id, likelihood: g.likelihood, impact: g.impact, old_level: g.level, old_monitor: g.monitor_org_id, new_level: next.level, new_score: next.score, new_monitor: monitor, n: g.n });
    }
  }
  return { changed, blocked, total, changeCount: changed.reduce((a, g) => a + g.n, 0) };
}

const groupsTable = (changed: Group[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS g(org_id int, likelihood float8, impact float8, old_level int, old_monitor int, new_level int, new_score float8, new_monitor int)`;
// A group is its points' org, values, level and owner: points of the same level whose owner stands
// (a group that does not change) are not joined, and none is joined twice.
const joinGroups = sql`p.org_id = g.org_id AND p.likelihood = g.likelihood AND p.impact = g.impact AND p.level = g.old_level AND p.monitor_org_id = g.old_monitor AND p.status NOT IN ('superseded', 'retired')`;

/** Which points a plan changes, to which level and monitoring owner, as one digest. */
async function fingerprint(trx: Executor, changed: Group[]): Promise<string> {
  if (!changed.length) return 'none';
  const { rows } = await sql<{ f: string }>`
    SELECT md5(string_agg(p.id || ':' || g.new_level || ':' || g.new_monitor, ',' ORDER BY p.id)) AS f
    FROM risk_points p JOIN ${groupsTable(changed)} ON ${joinGroups}`.execute(trx);
  return rows[0]!.f;
}

async function draftFor(trx: Executor, actor: Actor, id: number, lock: boolean) {
  requirePermission(actor, 'risk.matrix');
  const draft = await findMatrix(trx, id);
  if (!draft) throw notFound();
  if (draft.status !== 'draft') throw new AppError('risk_matrices.not_draft');
  const active = await activeMatrix(trx, lock ? 'update' : undefined);
  return { draft, active };
}

export async function previewMatrix(ctx: AppContext, actor: Actor, id: number): Promise<RiskMatrixPreview> {
  const db = ctx.database.db;
  const { draft } = await draftFor(db, actor, id, false);
  const p = await plan(db, draft);
  const changes = p.changed.length
    ? await sql<{ id: number; title: string; org_name: string; likelihood: number; impact: number; level: number; monitor_org_id: number; new_level: number; new_monitor: number }>`
        SELECT p.id, p.title, o.name AS org_name, p.likelihood, p.impact, p.level, p.monitor_org_id, g.new_level, g.new_monitor
        FROM risk_points p JOIN ${groupsTable(p.changed)} ON ${joinGroups} JOIN orgs o ON o.id = p.org_id
        ORDER BY p.id LIMIT ${PREVIEW_LIST}`.execute(db)
    : { rows: [] };
  const blocked = p.blocked.length
    ? await db
        .selectFrom('risk_points')
        .select(['id', 'title', 'likelihood', 'impact'])
        .where('status', 'not in', CURRENT)
        .where((eb) => eb.or(p.blocked.map((b) => eb.and([eb('likelihood', '=', b.likelihood), eb('impact', '=', b.impact)]))))
        .orderBy('id')
        .limit(PREVIEW_LIST)
        .execute()
    : [];
  return {
    matrixId: id,
    total: p.total,
    changeCount: p.changeCount,
    fingerprint: await fingerprint(db, p.changed),
    changes: changes.rows.map((r) => ({
      pointId: r.id,
      title: r.title,
      orgName: r.org_name,
      likelihood: r.likelihood,
      impact: r.impact,
      fromLevel: r.level,
      toLevel: r.new_level,
      fromMonitorOrgId: r.monitor_org_id,
      toMonitorOrgId: r.new_monitor,
    })),
    blocked: blocked.map((b) => ({ pointId: b.id, title: b.title, likelihood: b.likelihood, impact: b.impact })),
  };
}

/** Activates a draft and re-levels the points it changes, keeping each change in risk_level_changes. */
export async function activateMatrix(ctx: AppContext, actor: Actor, id: number, expected: { expectedChangeCount: number; expectedFingerprint: string }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const { draft, active } = await draftFor(trx, actor, id, true);
    const p = await plan(trx, draft);
    if (p.blocked.length) {
      const b = p.blocked[0]!;
      throw new AppError('risk_matrices.values_in_use', `有 ${p.blocked.length} 组风险点（如发生概率 ${b.likelihood}、危害程度 ${b.impact}）的取值不在新矩阵的刻度中，不能启用`);
    }
    if (p.changeCount !== expected.expectedChangeCount) {
      throw new AppError('risk_matrices.preview_stale', `预览时需重新定级 ${expected.expectedChangeCount} 个风险点，现在为 ${p.changeCount} 个，请重新预览后再确认`);
    }
    if ((await fingerprint(trx, p.changed)) !== expected.expectedFingerprint) {
      throw new AppError('risk_matrices.preview_stale', '预览之后需重新定级的风险点已有变化（个数相同，风险点不同），请重新预览后再确认');
    }
    await trx.updateTable('risk_matrices').set({ status: 'superseded' }).where('id', '=', active.id).execute();
    await trx.updateTable('risk_matrices').set({ status: 'active', activated_at: now }).where('id', '=', id).execute();
    if (p.changed.length) {
      await sql`INSERT INTO risk_level_changes (risk_point_id, from_level, to_level, from_matrix_id, to_matrix_id, from_monitor_org_id, to_monitor_org_id, changed_at)
                SELECT p.id, p.level, g.new_level, p.matrix_id, ${id}, p.monitor_org_id, g.new_monitor, ${now}
                FROM risk_points p JOIN ${groupsTable(p.changed)} ON ${joinGroups}`.execute(trx);
      await sql`UPDATE risk_points p SET level = g.new_level, score = g.new_score, monitor_org_id = g.new_monitor, matrix_id = ${id}, updated_at = ${now}
                FROM ${groupsTable(p.changed)} WHERE ${joinGroups}`.execute(trx);
    }
    // The points whose level stands are now levelled by the new version too (scores may differ).
    const scored = draft.definition.rule.kind === 'product';
    await sql`UPDATE risk_points SET matrix_id = ${id}, score = ${scored ? sql`round((likelihood * impact)::numeric, 6)::float8` : sql`NULL`}
              WHERE status NOT IN ('superseded', 'retired') AND matrix_id <> ${id}`.execute(trx);
    await recordAudit(
      trx,
      actor,
      { action: 'RISK_MATRIX_ACTIVATED', objectType: 'risk_matrix', objectId: id, summary: `启用风险矩阵「${draft.name}」（第 ${draft.version} 版），重新定级 ${p.changeCount} 个风险点`, before: { activeVersion: active.version }, after: { version: draft.version, changeCount: p.changeCount } },
      now,
    );
    return { changeCount: p.changeCount };
  });
}
