import type { AuditEntry as AuditEntrySchema, ChainVerification } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';
import type { PageOf } from '../people/api';

export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export interface AuditFilter {
  actorUserId?: number;
  objectType?: string;
  objectId?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}
export type { ChainVerification };

export const auditApi = {
  list: (f: AuditFilter) => api.get<PageOf<AuditEntry>>('/api/v1/audit-entries', { ...f }),
  verify: () => api.get<ChainVerification>('/api/v1/audit-entries/verification'),
};

/** The object types the server writes (objectType of an entry). */
export const OBJECT_TYPE_LABELS: Record<string, string> = {
  org: '组织',
  person: '人员',
  post: '岗位',
  user: '用户',
  role: '角色',
  import: '批量导入',
  system: '系统',
};
