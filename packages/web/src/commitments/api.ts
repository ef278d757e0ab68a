import type { Commitment } from '@qingfeng/core';
import { api } from '../api/client';
import type { PageOf } from '../people/api';

export type { Commitment };
/** A year's commitments: all, the yearly ones, or one campaign's. */
export type CommitmentFilter = { year?: number; kind?: 'yearly' | 'campaign'; campaignId?: number };
const base = '/api/v1/commitments';
export const commitmentsApi = {
  list: (f: CommitmentFilter & { page: number; pageSize: number }) => api.get<PageOf<Commitment>>(base, f),
  stats: (f: CommitmentFilter) => api.get<{ rows: { orgId: number; orgName: string; total: number; signed: number; unitCopies: number; filed: number }[] }>(`${base}/stats`, f),
  /** For a year, or for a self-check campaign (its cadres within the org). */
  draft: (orgId: number, target: { year: number } | { campaignId: number }) => api.post<{ drafted: number }>(`${base}/drafts`, { orgId, ...target }),
  sign: (id: number, password: string) => api.post<Commitment>(`${base}/${id}/sign`, { password }),
  unitCopy: (id: number) => api.post<Commitment>(`${base}/${id}/unit-copy`),
  file: (id: number) => api.post<Commitment>(`${base}/${id}/file`),
  download: (c: Commitment, format: 'docx' | 'pdf') => api.download(`${base}/${c.id}/copy`, `${c.title}（${c.personName}）.${format}`, { format }),
};
