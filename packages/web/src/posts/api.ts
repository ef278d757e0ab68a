import type { Post } from '@qingfeng/core';
import { api } from '../api/client';
import type { PageOf } from '../people/api';

export type { Post };
export interface PostBody {
  name: string;
  duties?: string | null;
  isLeadership?: boolean;
}

const base = '/api/v1/posts';
export const postsApi = {
  list: (f: { orgId?: number; subtree?: boolean; q?: string; page?: number; pageSize?: number }) => api.get<PageOf<Post>>(base, f),
  create: (body: PostBody & { orgId: number }) => api.post<Post>(base, body),
  update: (id: number, body: PostBody) => api.patch<Post>(`${base}/${id}`, body),
  retire: (id: number) => api.post<Post>(`${base}/${id}/retire`),
};
