import type { Actor, TodoItem } from '@qingfeng/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { orgScope } from '../policy/scope.js';

const LIMIT = 50;

/**
 * 我的待办 from the risk register: points waiting for the actor's review (not their own submission),
 * points returned to the actor's org for amendment, and measures of the actor's approved or published
 * points past their date.
 */
export async function riskPointTodos(db: Kysely<DB>, actor: Actor, today: string): Promise<TodoItem[]> {
  const [toReview, returned, overdue] = await Promise.all([
    db
      .selectFrom('risk_points as p')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.title', 'o.name as org_name'])
      .where('p.status', '=', 'submitted')
      .where((eb) => eb.or([eb('p.submitted_by', 'is', null), eb('p.submitted_by', '<>', actor.userId)]))
      .where(orgScope(actor, 'risk.review', 'p.org_id', 'o.path'))
      .orderBy('p.submitted_at')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('risk_points as p')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.title'])
      .where('p.status', '=', 'returned')
      .where(orgScope(actor, 'risk.write', 'p.org_id', 'o.path'))
      .orderBy('p.id')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('risk_measures as m')
      .innerJoin('risk_points as p', 'p.id', 'm.risk_point_id')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.title', 'm.content', 'm.due_on'])
      // Reviewed measures have owners and dates whether or not the point is published yet.
      .where('p.status', 'in', ['approved', 'published'])
      .where('m.done_on', 'is', null)
      .where('m.due_on', '<', today)
      .where(orgScope(actor, 'risk.write', 'p.org_id', 'o.path'))
      .orderBy('m.due_on')
      .limit(LIMIT)
      .execute(),
  ]);
  const link = (id: number) => `/risk-points/${id}`;
  return [
    ...toReview.map((p) => ({ kind: 'risk_point.review', title: `审核风险点「${p.title}」（${p.org_name}）`, due: null, overdue: false, link: link(p.id), objectType: 'risk_point', objectId: p.id })),
    ...returned.map((p) => ({ kind: 'risk_point.returned', title: `风险点「${p.title}」被退回，请修改后重新提交`, due: null, overdue: false, link: link(p.id), objectType: 'risk_point', objectId: p.id })),
    ...overdue.map((p) => ({ kind: 'risk_point.measure_overdue', title: `防控措施逾期未完成：${p.content}（${p.title}）`, due: p.due_on, overdue: true, link: link(p.id), objectType: 'risk_point', objectId: p.id })),
  ];
}
