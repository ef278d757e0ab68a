import type { AssessmentResult, AssessmentScheme, AssessmentSchemeCreate, AssessmentScoresInput } from '@qingfeng/core';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { AssessmentResult, AssessmentScheme };
export interface BottomRanking {
  year: number;
  years: number;
  bottomPlaces: number;
  behaviour: { id: number; code: string; title: string } | null;
  items: { orgId: number; orgName: string; principals: { personId: number; name: string }[]; years: { year: number; place: number; of: number; total: number }[] }[];
}

export const assessmentsApi = {
  schemes: (q: Query) => api.get<PageOf<AssessmentScheme>>('/api/v1/assessments', q),
  createScheme: (body: AssessmentSchemeCreate) => api.post<AssessmentScheme>('/api/v1/assessments', body),
  scheme: (id: number) => api.get<AssessmentScheme>(`/api/v1/assessments/${id}`),
  results: (id: number, q: Query) => api.get<PageOf<AssessmentResult>>(`/api/v1/assessments/${id}/results`, q),
  computed: (resultId: number) => api.get<{ items: { indicatorId: number; available: boolean; score: number | null; detail: string }[] }>(`/api/v1/assessments/results/${resultId}/computed`),
  score: (resultId: number, body: AssessmentScoresInput) => api.put<AssessmentResult>(`/api/v1/assessments/results/${resultId}/scores`, body),
  confirm: (resultId: number) => api.post<AssessmentResult>(`/api/v1/assessments/results/${resultId}/confirm`),
  bottomRanking: (year: number) => api.get<BottomRanking>('/api/v1/assessments/bottom-ranking', { year }),
};
