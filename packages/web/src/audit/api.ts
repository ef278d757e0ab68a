import { AUDIT_OBJECT_TYPES, auditActionLabel, auditObjectTypeLabel, type AuditEntry as AuditEntrySchema, type ChainVerification } from '@qingfeng/core';
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

/** The object types the server writes (objectType of an entry), named in Chinese: see core's audit/labels.ts. */
export const OBJECT_TYPE_LABELS: Readonly<Record<string, string>> = AUDIT_OBJECT_TYPES;
export { auditActionLabel, auditObjectTypeLabel };
