import type { LeadershipReport } from '@qingfeng/core';
import { api } from '../api/client';

export interface ReportBody {
  kind: 'internal_bulletin' | 'thematic_report';
  title: string;
  periodFrom: string;
  periodTo: string;
  summary: string;
  recommendations: string | null;
  warningIds: number[];
}
export const reportsApi = {
  list: () => api.get<{ items: LeadershipReport[] }>('/api/v1/leadership-reports'),
  create: (body: ReportBody) => api.post<LeadershipReport>('/api/v1/leadership-reports', body),
  docx: (r: LeadershipReport) => api.download(`/api/v1/leadership-reports/${r.id}/docx`, `${r.title}.docx`),
};
