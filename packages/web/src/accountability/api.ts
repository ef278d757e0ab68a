import type { AccountabilityBehaviour, AccountabilityDecision, AccountabilityDecisionCreate } from '@qingfeng/core';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { AccountabilityBehaviour, AccountabilityDecision };
type Leader = { personId: number; name: string; orgName: string; postName: string };
export interface PendingItem {
  sourceKind: AccountabilityDecision['sourceKind'];
  sourceId: number;
  title: string;
  orgId: number;
  orgName: string;
  personId: number | null;
  personName: string | null;
  since: string;
}

export const accountabilityApi = {
  list: (q: Query) => api.get<PageOf<AccountabilityDecision>>('/api/v1/accountability-decisions', q),
  get: (id: number) => api.get<AccountabilityDecision>(`/api/v1/accountability-decisions/${id}`),
  create: (body: AccountabilityDecisionCreate) => api.post<AccountabilityDecision>('/api/v1/accountability-decisions', body),
  behaviours: (includeRetired = false) => api.get<{ items: AccountabilityBehaviour[]; seedCounts: { staff: number; unit_head: number } }>('/api/v1/accountability-decisions/behaviours', { includeRetired }),
  createBehaviour: (body: { code: string; subject: 'staff' | 'unit_head'; title: string; source?: string | null }) => api.post('/api/v1/accountability-decisions/behaviours', body),
  retireBehaviour: (id: number) => api.post(`/api/v1/accountability-decisions/behaviours/${id}/retire`),
  leaders: (personId: number) => api.get<{ directLeaders: Leader[]; principalLeaders: Leader[] }>('/api/v1/accountability-decisions/answerable-leaders', { personId }),
  pending: () => api.get<{ items: PendingItem[] }>('/api/v1/accountability-decisions/pending'),
};
