import type { IntegrityOpinion, IntegrityOpinionCreate } from '@qingfeng/core';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { IntegrityOpinion };
export const opinionsApi = {
  list: (q: Query) => api.get<PageOf<IntegrityOpinion>>('/api/v1/integrity-opinions', q),
  get: (id: number) => api.get<IntegrityOpinion>(`/api/v1/integrity-opinions/${id}`),
  create: (body: IntegrityOpinionCreate) => api.post<IntegrityOpinion>('/api/v1/integrity-opinions', body),
  choose: (id: number, personId: number, category: string) => api.put<IntegrityOpinion>(`/api/v1/integrity-opinions/${id}/people/${personId}`, { conclusionCategory: category }),
  submit: (id: number) => api.post<IntegrityOpinion>(`/api/v1/integrity-opinions/${id}/submit`),
  approve: (id: number, note: string | null) => api.post<IntegrityOpinion>(`/api/v1/integrity-opinions/${id}/approve`, { note }),
  return: (id: number, note: string) => api.post<IntegrityOpinion>(`/api/v1/integrity-opinions/${id}/return`, { note }),
  download: (id: number) => api.download(`/api/v1/integrity-opinions/${id}/document`, '党风廉政意见回复.docx'),
  categories: () => api.get<{ items: { key: string; value: unknown }[] }>('/api/v1/evaluations/settings'),
};
