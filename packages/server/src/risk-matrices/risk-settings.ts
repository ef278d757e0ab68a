import type { Actor } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { monitoringResolver } from '../risk-points/risk-points.levelling.js';
import { activeMatrix } from './risk-matrices.repository.js';

// 监督室 (seed 001: 一级风险点由监察室、派驻组重点监控): the commission office that monitors the
// level-1 points of orgs no dispatched group supervises. Changing it moves those points' monitoring.

export async function riskSettings(db: Executor) {
  const row = await db
    .selectFrom('risk_settings as s')
    .leftJoin('orgs as o', 'o.id', 's.supervision_office_org_id')
    .select(['s.supervision_office_org_id', 'o.name'])
    .where('s.id', '=', 1)
    .executeTakeFirstOrThrow();
  return { supervisionOfficeOrgId: row.supervision_office_org_id, supervisionOfficeName: row.name };
}

/** Sets the office and re-resolves the monitoring owner of the current points whose level the supervisor tier monitors. */
export async function setSupervisionOffice(ctx: AppContext, actor: Actor, orgId: number): Promise<number> {
  requirePermission(actor, 'risk.matrix');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('orgs').select(['id', 'name', 'kind', 'retired_at']).where('id', '=', orgId).executeTakeFirst();
    if (!org || org.retired_at || (org.kind !== 'section' && org.kind !== 'commission')) {
      throw new AppError('request.invalid', '监督室（supervisionOfficeOrgId）：须是在用的纪委监委或其内设科室', { issues: [{ field: 'supervisionOfficeOrgId', message: '须是在用的纪委监委或其内设科室' }] });
    }
    const before = await riskSettings(trx);
    await trx.updateTable('risk_settings').set({ supervision_office_org_id: orgId }).where('id', '=', 1).execute();
    const matrix = await activeMatrix(trx, 'share');
    const levels = matrix.definition.levels.filter((l) => l.monitor === 'supervisor').map((l) => l.rank);
    const groups = levels.length
      ? await trx
          .selectFrom('risk_points')
          .select(['org_id', 'monitor_org_id'])
          .where('status', 'not in', ['retired', 'superseded'])
          .where('level', 'in', levels)
          .groupBy(['org_id', 'monitor_org_id'])
          .execute()
      : [];
    let moved = 0;
    if (groups.length) {
      const resolve = await monitoringResolver(trx, groups.map((g) => g.org_id));
      const moves = groups.flatMap((g) => {
        const to = resolve(g.org_id, 'supervisor');
        return to === g.monitor_org_id ? [] : [{ org_id: g.org_id, from_id: g.monitor_org_id, to_id: to }];
      });
      if (moves.length) {
        const r = await sql`
          UPDATE risk_points p SET monitor_org_id = m.to_id, updated_at = ${now}
          FROM json_to_recordset(${JSON.stringify(moves)}::json) AS m(org_id int, from_id int, to_id int)
          WHERE p.org_id = m.org_id AND p.monitor_org_id = m.from_id
            AND p.status NOT IN ('retired', 'superseded') AND p.level = ANY(${sql.val(levels)}::int[])`.execute(trx);
        moved = Number(r.numAffectedRows ?? 0);
      }
    }
    await recordAudit(
      trx,
      actor,
      { action: 'RISK_SETTINGS_UPDATED', objectType: 'risk_settings', objectId: 1, summary: `监督室改为${org.name}，${moved} 个风险点的监控责任单位随之调整`, before, after: { supervisionOfficeOrgId: orgId, moved } },
      now,
    );
    return moved;
  });
}
