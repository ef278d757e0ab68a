import type { User as UserSchema, UserCreate, UserUpdate } from '@qingfeng/core';
import type { z } from 'zod';
import { api } from '../api/client';
import type { PageOf } from '../people/api';

export type User = z.infer<typeof UserSchema>;
export type UserRole = User['roles'][number];
export type UserCreateBody = z.input<typeof UserCreate>;
export type UserUpdateBody = z.input<typeof UserUpdate>;

const base = '/api/v1/users';
export const usersApi = {
  list: (f: { q?: string; page?: number; pageSize?: number }) => api.get<PageOf<User>>(base, f),
  create: (body: UserCreateBody) => api.post<User>(base, body),
  update: (id: number, body: UserUpdateBody) => api.patch<User>(`${base}/${id}`, body),
};
