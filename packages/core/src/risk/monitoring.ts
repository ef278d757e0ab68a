import type { OrgKind } from '../orgs/org-kind.js';
import type { MonitorTier } from './matrix.js';

// Seed 001: "一级风险点由监察室、派驻组重点监控；二级风险点由乡镇纪委监控；三级风险点由风险点所在党组织监控。"

export interface ChainOrg {
  id: number;
  kind: OrgKind;
  /** Dispatched groups that supervise this org (org_supervisions). */
  supervisedBy: number[];
}

export interface MonitoringContext {
  /** The point's org first, then its ancestors up to the root. */
  chain: ChainOrg[];
  /** The commission's supervision office (监督室), when configured. */
  supervisionOfficeId: number | null;
}

export interface MonitoringOwner {
  orgId: number;
  /** The tier that actually applies: a unit with no township above it falls back to its supervisor. */
  tier: MonitorTier;
}

/** Which org monitors a point of the given tier. */
export function monitoringOwner(tier: MonitorTier, ctx: MonitoringContext): MonitoringOwner {
  const [self, ...above] = ctx.chain;
  if (!self) throw new Error('monitoringOwner: empty org chain');
  if (tier === 'own') {
    // The party organisation of a section is its unit's.
    const own = ctx.chain.find((o) => o.kind !== 'section') ?? self;
    return { orgId: own.id, tier };
  }
  if (tier === 'township') {
    const town = above.find((o) => o.kind === 'township_commission');
    if (town) return { orgId: town.id, tier };
  }
  const group = ctx.chain.find((o) => o.supervisedBy.length > 0);
  if (group) return { orgId: Math.min(...group.supervisedBy), tier: 'supervisor' };
  if (ctx.supervisionOfficeId != null) return { orgId: ctx.supervisionOfficeId, tier: 'supervisor' };
  const commission = ctx.chain.find((o) => o.kind === 'commission') ?? ctx.chain[ctx.chain.length - 1]!;
  return { orgId: commission.id, tier: 'supervisor' };
}
