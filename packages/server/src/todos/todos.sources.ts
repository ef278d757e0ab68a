import type { Actor, TodoItem } from '@qingfeng/core';
import type { Kysely } from 'kysely';
import { clueTodos } from '../clues/clues.todos.js';
import type { DB } from '../db/schema.js';
import { warningTodos } from '../warnings/warnings.todos.js';
import { commitmentTodos } from '../commitments/commitments.todos.js';
import { riskPointTodos } from '../risk-points/risk-points.todos.js';
import { campaignTodos } from '../check-campaigns/campaigns.todos.js';
import { talkTodos } from '../talks/talks.todos.js';
import { evaluationTodos } from '../evaluations/evaluations.todos.js';

/** One feature's contribution to a user's to-do list (我的待办), as of `today` (Asia/Shanghai). */
export type TodoSource = (db: Kysely<DB>, actor: Actor, today: string) => Promise<TodoItem[]>;

/** Each feature adds its source here; the function lives in the feature's folder. */
export const TODO_SOURCES: TodoSource[] = [warningTodos, riskPointTodos, campaignTodos, commitmentTodos, clueTodos, talkTodos, evaluationTodos];
