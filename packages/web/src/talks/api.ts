import type { Talk, TalkCreate, TalkPlan, TalkPlanCreate, TalkRecord } from '@qingfeng/core';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { Talk, TalkPlan };
export interface TalkerOptions {
  role: Talk['talkerRole'];
  reason: string;
  talkers: { personId: number; name: string; orgName: string; postName: string }[];
}
export interface ScheduleResult {
  plan: TalkPlan;
  created: number;
  unassigned: { personId: number; name: string; orgName: string; reason: string }[];
}

export const talksApi = {
  list: (q: Query) => api.get<PageOf<Talk>>('/api/v1/talks', q),
  get: (id: number) => api.get<Talk>(`/api/v1/talks/${id}`),
  create: (body: TalkCreate) => api.post<Talk>('/api/v1/talks', body),
  record: (id: number, body: TalkRecord) => api.post<Talk>(`/api/v1/talks/${id}/record`, body),
  cancel: (id: number, reason: string) => api.post<Talk>(`/api/v1/talks/${id}/cancel`, { reason }),
  talkers: (personId: number, kind: Talk['kind']) => api.get<TalkerOptions>('/api/v1/talks/talkers', { personId, kind }),
  plans: (q: Query) => api.get<PageOf<TalkPlan>>('/api/v1/talk-plans', q),
  createPlan: (body: TalkPlanCreate) => api.post<TalkPlan>('/api/v1/talk-plans', body),
  schedule: (id: number) => api.post<ScheduleResult>(`/api/v1/talk-plans/${id}/schedule`),
};
