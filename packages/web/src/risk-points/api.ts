import type {
  ObjectLevel,
  RiskCategory,
  RiskMatrix,
  RiskMatrixDefinition,
  RiskMatrixPreview,
  RiskPoint,
  RiskPointCreate,
  RiskPointDetail,
  RiskPointStatus,
  RiskPointUpdate,
  RiskStats,
} from '@qingfeng/core';
import type { RiskHeatmap } from '@qingfeng/core';
import type { z } from 'zod';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { RiskMatrix, RiskPoint, RiskPointDetail, RiskStats };
export type Heatmap = z.infer<typeof RiskHeatmap>;

export type RiskFilter = {
  orgId?: number;
  subtree?: boolean;
  level?: number;
  category?: RiskCategory;
  objectLevel?: ObjectLevel;
  status?: RiskPointStatus;
  q?: string;
  monitorOrgId?: number;
};

const base = '/api/v1/risk-points';
export const riskApi = {
  list: (f: RiskFilter & { page: number; pageSize: number }) => api.get<PageOf<RiskPoint>>(base, f as Query),
  get: (id: number) => api.get<RiskPointDetail>(`${base}/${id}`),
  create: (body: RiskPointCreate) => api.post<RiskPointDetail>(base, body),
  update: (id: number, body: RiskPointUpdate) => api.patch<RiskPointDetail>(`${base}/${id}`, body),
  act: (id: number, action: 'submit' | 'return' | 'approve' | 'publish' | 'revise' | 'retire', comment?: string) =>
    api.post<RiskPointDetail>(`${base}/${id}/${action}`, action === 'submit' || action === 'publish' || action === 'revise' ? {} : { comment: comment || undefined }),
  exportXlsx: (f: RiskFilter) => api.download(`${base}/export`, '风险识别防控一览表.xlsx', f as Query),
  registerDocument: (orgId: number) => api.download(`${base}/register-document`, '风险识别防控一览表.docx', { orgId, format: 'docx' }),
  heatmap: (f: RiskFilter) => api.get<Heatmap>(`${base}/heatmap`, f as Query),
  stats: (f: RiskFilter & { groupBy: RiskStats['groupBy'] }) => api.get<RiskStats>(`${base}/stats`, f as Query),
};

const matrices = '/api/v1/risk-matrices';
export const matricesApi = {
  active: () => api.get<RiskMatrix>(`${matrices}/active`),
  list: () => api.get<{ items: RiskMatrix[] }>(matrices),
  create: (body: { name: string; note?: string | null; definition: RiskMatrixDefinition }) => api.post<RiskMatrix>(matrices, body),
  preview: (id: number) => api.get<RiskMatrixPreview>(`${matrices}/${id}/preview`),
  activate: (id: number, preview: Pick<RiskMatrixPreview, 'changeCount' | 'fingerprint'>) =>
    api.post<{ matrix: RiskMatrix; changeCount: number }>(`${matrices}/${id}/activate`, { expectedChangeCount: preview.changeCount, expectedFingerprint: preview.fingerprint }),
};
