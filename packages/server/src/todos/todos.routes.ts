import { todayIn, TodoList, type TodoItem } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import type { App } from '../http/types.js';
import { TODO_SOURCES } from './todos.sources.js';

/** Overdue first, then by due date (undated last), then by title. */
export function orderTodos(items: TodoItem[]): TodoItem[] {
  return [...items].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.title.localeCompare(b.title, 'zh-CN'),
  );
}

export async function todosRoutes(app: App, ctx: AppContext) {
  app.get('/todos', { schema: { tags: ['todos'], summary: '我的待办：各项工作中等待本人处理的事项，逾期在前', response: { 200: TodoList } } }, async (req) => {
    const actor = actorOf(req);
    const today = todayIn(ctx.clock.now());
    const lists = await Promise.all(TODO_SOURCES.map((source) => source(ctx.database.db, actor, today)));
    const items = orderTodos(lists.flat());
    return { items, overdue: items.filter((i) => i.overdue).length };
  });
}
