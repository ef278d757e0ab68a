import type { TodoItem } from '@qingfeng/core';
import { api } from '../api/client';

export type { TodoItem };
export const todosApi = {
  list: () => api.get<{ items: TodoItem[]; overdue: number }>('/api/v1/todos'),
};
