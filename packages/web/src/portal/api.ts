import type { Power, PortalRiskPoint } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';
import type { PageOf } from '../people/api';

export type PortalPoint = z.infer<typeof PortalRiskPoint>;
export type PortalPower = Pick<Power, 'id' | 'orgName' | 'name' | 'type' | 'legalBasis' | 'sectionName' | 'steps' | 'riskSteps'>;
export interface PortalOrg {
  id: number;
  name: string;
  riskPoints: number;
  powers: number;
}

// Public: no session needed, and a 401 never sends the visitor to the login page.
const opts = { noAuthRedirect: true };
export const portalApi = {
  orgs: () => api.get<{ items: PortalOrg[] }>('/api/portal/orgs', undefined, opts),
  powers: (f: { orgId?: number; q?: string; page: number; pageSize: number }) => api.get<PageOf<PortalPower>>('/api/portal/powers', f, opts),
  riskPoints: (f: { orgId?: number; q?: string; page: number; pageSize: number }) => api.get<PageOf<PortalPoint>>('/api/portal/risk-points', f, opts),
};
