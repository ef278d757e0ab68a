import type { Role as RoleSchema, RoleCreate, RoleUpdate } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';

export type Role = z.infer<typeof RoleSchema>;
export type RoleCreateBody = z.input<typeof RoleCreate>;
export type RoleUpdateBody = z.input<typeof RoleUpdate>;

const base = '/api/v1/roles';
export const rolesApi = {
  list: () => api.get<{ items: Role[] }>(base),
  create: (body: RoleCreateBody) => api.post<Role>(base, body),
  update: (id: number, body: RoleUpdateBody) => api.patch<Role>(`${base}/${id}`, body),
  remove: (id: number) => api.delete<{ ok: true }>(`${base}/${id}`),
};
