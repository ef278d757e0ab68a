import type { FlowStep, Power, PowerStatus, PowerType } from '@qingfeng/core';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { Power };
export type PowerFilter = { orgId?: number; subtree?: boolean; type?: PowerType; status?: PowerStatus; q?: string; linkableFrom?: number };
export interface PowerBody {
  name: string;
  type: PowerType;
  legalBasis: string;
  steps: FlowStep[];
}

const base = '/api/v1/powers';
export const powersApi = {
  list: (f: PowerFilter & { page: number; pageSize: number }) => api.get<PageOf<Power>>(base, f as Query),
  get: (id: number) => api.get<Power>(`${base}/${id}`),
  create: (body: PowerBody & { orgId: number }) => api.post<Power>(base, body),
  update: (id: number, body: PowerBody) => api.patch<Power>(`${base}/${id}`, body),
  act: (id: number, action: 'submit' | 'return' | 'file' | 'publish' | 'retire', comment?: string) => api.post<Power>(`${base}/${id}/${action}`, { comment: comment || undefined }),
  exportXlsx: (f: PowerFilter) => api.download(`${base}/export`, '职权目录.xlsx', f as Query),
  importXlsx: (orgId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<{ created: number }>(`${base}/import?orgId=${orgId}`, form);
  },
};
