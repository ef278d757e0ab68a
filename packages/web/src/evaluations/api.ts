import type { EvaluationResult, EvaluationRun, EvaluationTask } from '@qingfeng/core';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { EvaluationResult, EvaluationRun, EvaluationTask };
export interface EvaluationPreview {
  year: number;
  ruleText: string;
  yearEnded: boolean;
  currentRunId: number | null;
  summary: EvaluationRun['summary'];
  results: PageOf<EvaluationResult>;
}
export interface EvaluationSetting {
  key: string;
  label: string;
  value: unknown;
  isDefault: boolean;
  updatedAt: string | null;
}

export const evaluationsApi = {
  preview: (q: Query) => api.get<EvaluationPreview>('/api/v1/evaluations/preview', q),
  runs: (year?: number) => api.get<{ items: EvaluationRun[] }>('/api/v1/evaluations', { year }),
  confirm: (year: number) => api.post<EvaluationRun>('/api/v1/evaluations', { year }),
  publish: (id: number) => api.post<EvaluationRun>(`/api/v1/evaluations/${id}/publish`),
  correct: (id: number, reason: string) => api.post<EvaluationRun>(`/api/v1/evaluations/${id}/corrections`, { reason }),
  results: (id: number, q: Query) => api.get<PageOf<EvaluationResult>>(`/api/v1/evaluations/${id}/results`, q),
  tasks: (id: number, q: Query) => api.get<PageOf<EvaluationTask>>(`/api/v1/evaluations/${id}/tasks`, q),
  taskDone: (id: number, note: string) => api.post<{ ok: true }>(`/api/v1/evaluations/tasks/${id}/done`, { note }),
  exportDisqualifications: (id: number) => api.download(`/api/v1/evaluations/${id}/disqualifications`, '取消评先评优资格名单.xlsx'),
  settings: () => api.get<{ items: EvaluationSetting[] }>('/api/v1/evaluations/settings'),
  saveSetting: (key: string, value: unknown) => api.put<{ items: EvaluationSetting[] }>(`/api/v1/evaluations/settings/${key}`, { value }),
};
