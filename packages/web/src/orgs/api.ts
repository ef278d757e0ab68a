import type { Org, OrgCreate, OrgDetail, OrgUpdate } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';

export type { Org, OrgDetail };
export type OrgCreateBody = z.input<typeof OrgCreate>;
export type OrgUpdateBody = z.input<typeof OrgUpdate>;

const base = '/api/v1/orgs';
export const orgsApi = {
  list: (includeRetired = true) => api.get<{ items: Org[] }>(base, { includeRetired }),
  get: (id: number) => api.get<OrgDetail>(`${base}/${id}`),
  create: (body: OrgCreateBody) => api.post<OrgDetail>(base, body),
  update: (id: number, body: OrgUpdateBody) => api.patch<OrgDetail>(`${base}/${id}`, body),
  move: (id: number, parentId: number) => api.post<OrgDetail>(`${base}/${id}/move`, { parentId }),
  retire: (id: number) => api.post<OrgDetail>(`${base}/${id}/retire`),
};
