import { levelDef, levelOf, monitoringOwner, pathIds, type ChainOrg, type MonitorTier, type OrgKind, type RiskMatrixDefinition } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';

// A point's level comes from the active risk matrix; its monitoring owner from the level's tier and
// the org's place in the tree (seed 001). Shared by the point use cases and the matrix re-levelling.

export type MonitorResolver = (orgId: number, tier: MonitorTier) => number;

/** Loads what the monitoring rule needs about these orgs (their ancestors, supervising groups, the office), in three queries. */
export async function monitoringResolver(db: Executor, orgIds: number[]): Promise<MonitorResolver> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return () => {
    throw new Error('monitoringResolver: no orgs');
  };
  const own = await db.selectFrom('orgs').select(['id', 'path']).where('id', 'in', ids).execute();
  const chains = new Map(own.map((o) => [o.id, pathIds(o.path).reverse()]));
  const chainIds = [...new Set([...chains.values()].flat())];
  const [kinds, supervisions, settings] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'kind']).where('id', 'in', chainIds).execute(),
    db.selectFrom('org_supervisions').select(['group_org_id', 'org_id']).where('org_id', 'in', chainIds).execute(),
    db.selectFrom('risk_settings').select('supervision_office_org_id').executeTakeFirst(),
  ]);
  const kindOf = new Map(kinds.map((k) => [k.id, k.kind as OrgKind]));
  const groupsOf = new Map<number, number[]>();
  for (const s of supervisions) groupsOf.set(s.org_id, [...(groupsOf.get(s.org_id) ?? []), s.group_org_id]);
  const office = settings?.supervision_office_org_id ?? null;
  return (orgId, tier) => {
    const chain: ChainOrg[] = (chains.get(orgId) ?? []).map((id) => ({ id, kind: kindOf.get(id)!, supervisedBy: groupsOf.get(id) ?? [] }));
    return monitoringOwner(tier, { chain, supervisionOfficeId: office }).orgId;
  };
}

/** The level of a pair under the matrix, or a 400 naming the field and the values on the scale. */
export function levelOrRefuse(def: RiskMatrixDefinition, likelihood: number, impact: number) {
  const result = levelOf(def, likelihood, impact);
  if (result) return { ...result, tier: levelDef(def, result.level)!.monitor };
  const [field, label, value, scale] = !def.likelihood.some((s) => s.value === likelihood)
    ? (['likelihood', '发生概率', likelihood, def.likelihood] as const)
    : (['impact', '危害程度', impact, def.impact] as const);
  const message = `${label} ${value} 不在当前风险矩阵的刻度中（可选：${scale.map((s) => `${s.value} ${s.label}`).join('；')}）`;
  throw new AppError('risk_points.out_of_scale', `${label}（${field}）：${message}`, { issues: [{ field, message }] });
}
