import type { Me as MeSchema, Permission } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';

export type Me = z.infer<typeof MeSchema>;
export type { Permission };

export const authApi = {
  me: () => api.get<Me>('/api/auth/me', undefined, { noAuthRedirect: true }),
  login: (body: { username: string; password: string; totp?: string }) =>
    api.post<{ csrfToken: string }>('/api/auth/login', { ...body, client: 'browser' }, { noAuthRedirect: true }),
  logout: () => api.post<{ ok: true }>('/api/auth/logout'),
  changePassword: (body: { password: string; newPassword: string }) => api.post<{ ok: true }>('/api/auth/password', body),
  totpSetup: () => api.post<{ secret: string; uri: string }>('/api/auth/totp/setup'),
  totpConfirm: (totp: string) => api.post<{ ok: true }>('/api/auth/totp/confirm', { totp }),
};
