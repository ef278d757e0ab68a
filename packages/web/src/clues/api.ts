import type { Clue, ClueCreate, ClueDetail, ClueStatistics, DisposalPropose, ReporterIdentity, WarningDraft } from '@qingfeng/core';
import type { z } from 'zod';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { Clue, ClueDetail };
export type ClueStats = z.infer<typeof ClueStatistics>;

export interface ClueFilter {
  q?: string;
  channel?: string;
  problemType?: string;
  level?: number;
  status?: string;
  handlerOrgId?: number;
  orgId?: number;
  from?: string;
  to?: string;
  duplicates?: boolean;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

const base = '/api/v1/clues';
export const cluesApi = {
  list: (f: ClueFilter) => api.get<PageOf<Clue> & { totalCapped: boolean }>(base, f as Query),
  statistics: (f: Omit<ClueFilter, 'page' | 'pageSize'>) => api.get<ClueStats>(`${base}/statistics`, f as Query),
  exportXlsx: (f: Omit<ClueFilter, 'page' | 'pageSize'>) => api.download(`${base}/export`, '预警信息台账.xlsx', f as Query),
  get: (id: number) => api.get<ClueDetail>(`${base}/${id}`),
  warningDraft: (id: number) => api.get<z.infer<typeof WarningDraft>>(`${base}/${id}/warning-draft`),
  create: (body: Partial<ClueCreate>) => api.post<{ sealed: false; clue: ClueDetail } | { sealed: true; message: string }>(base, body),
  triage: (id: number, body: { level?: 1 | 2 | 3 | null; outOfJurisdiction?: boolean }) => api.patch<ClueDetail>(`${base}/${id}`, body),
  assign: (id: number, body: { handlerOrgId: number; subjectOrgId?: number | null; reason: string }) => api.post<ClueDetail>(`${base}/${id}/assignment`, body),
  propose: (id: number, body: Partial<DisposalPropose>) => api.post<ClueDetail>(`${base}/${id}/disposals`, body),
  decide: (id: number, disposalId: number, body: { approve: boolean; comment?: string }) => api.post<ClueDetail>(`${base}/${id}/disposals/${disposalId}/decision`, body),
  close: (id: number, outcome: string) => api.post<ClueDetail>(`${base}/${id}/close`, { outcome }),
  reply: (id: number, body: { kind: string; via: string; body: string }) => api.post<ClueDetail>(`${base}/${id}/replies`, body),
  reveal: (id: number) => api.post<ReporterIdentity>(`${base}/${id}/reporter/reveal`),
  attachmentUrl: (id: number, attachmentId: number) => `${base}/${id}/attachments/${attachmentId}`,
};
