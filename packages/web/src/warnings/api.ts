import type { Warning, WarningBackRegister, WarningConfig, WarningDetail, WarningIssue, WarningReview, WarningSweepResult } from '@qingfeng/core';
import type { z } from 'zod';
import { api, type Query } from '../api/client';

export type { Warning, WarningDetail };
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface WarningsFilter {
  level?: number;
  status?: string;
  overdue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}
type Config = z.infer<typeof WarningConfig>;

const base = '/api/v1/warnings';
export const warningsApi = {
  list: (f: WarningsFilter) => api.get<PageOf<Warning>>(base, f as Query),
  get: (id: number) => api.get<WarningDetail>(`${base}/${id}`),
  config: () => api.get<Config>(`${base}/config`),
  issue: (body: WarningIssue) => api.post<WarningDetail>(base, body),
  backRegister: (body: WarningBackRegister) => api.post<WarningDetail>(`${base}/back-registrations`, body),
  acknowledge: (id: number) => api.post<WarningDetail>(`${base}/${id}/acknowledge`),
  /** Multipart: the written parts and the files. */
  answer: (id: number, form: FormData) => api.post<WarningDetail>(`${base}/${id}/answers`, form),
  review: (id: number, body: WarningReview) => api.post<WarningDetail>(`${base}/${id}/review`, body),
  escalate: (id: number) => api.post<WarningDetail>(`${base}/${id}/escalate`),
  scheduleTalk: (id: number, body: { scheduledOn: string; place: string; talker: string }) => api.post<WarningDetail>(`${base}/${id}/talk`, body),
  recordTalk: (id: number, body: { heldOn: string; participants: string; record: string }) => api.post<WarningDetail>(`${base}/${id}/talk-record`, body),
  recordFiling: (id: number, body: { filedOn: string; department: string }) => api.post<WarningDetail>(`${base}/${id}/filing`, body),
  sweep: () => api.post<WarningSweepResult>(`${base}/sweep`),
  notice: (id: number, noticeId: number, format: 'docx' | 'pdf', name: string) => api.download(`${base}/${id}/notices/${noticeId}/${format}`, `${name}.${format}`),
  attachment: (id: number, attachmentId: number, name: string) => api.download(`${base}/${id}/attachments/${attachmentId}`, name),
};
