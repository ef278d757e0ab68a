import type { Bulletin, PortalBulletin } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';

export type { Bulletin };
export interface BulletinBody {
  title: string;
  intro: string;
  redaction: 'redacted' | 'named';
  warningIds: number[];
}
export const bulletinsApi = {
  list: () => api.get<{ items: Bulletin[] }>('/api/v1/bulletins'),
  create: (body: BulletinBody) => api.post<Bulletin>('/api/v1/bulletins', body),
  submit: (id: number) => api.post<Bulletin>(`/api/v1/bulletins/${id}/submit`),
  approve: (id: number) => api.post<Bulletin>(`/api/v1/bulletins/${id}/approve`),
  return: (id: number, reason: string) => api.post<Bulletin>(`/api/v1/bulletins/${id}/return`, { reason }),
  portal: () => api.get<{ items: z.infer<typeof PortalBulletin>[] }>('/api/portal/bulletins'),
};
