import { addWorkingDays, RECTIFICATION_WORKING_DAYS, scopesFor, type TodoItem } from '@qingfeng/core';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { orgScope } from '../policy/scope.js';
import type { TodoSource } from '../todos/todos.sources.js';

/** A unit assessed 不及格 reports its rectification: the unit's officer sees it until done. */
export const assessmentTodos: TodoSource = async (db, actor, today) => {
  if (scopesFor(actor, 'assessments.rectify').length === 0) return [];
  const rows = await db
    .selectFrom('assessment_results as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('assessment_schemes as s', 's.id', 'r.scheme_id')
    .select(['r.id', 'r.scheme_id', 'o.name', 's.name as scheme_name', 'r.notice_serial', 'r.notice_issued_on'])
    .where('r.status', '=', 'confirmed')
    .where('r.grade', '=', 'fail')
    .where('r.rectification_reported_on', 'is', null)
    .where(orgScope(actor, 'assessments.rectify', 'r.org_id', 'o.path'))
    .limit(200)
    .execute();
  if (rows.length === 0) return [];
  const cal = await loadCalendar(db);
  return rows.map((r): TodoItem => {
    const due = addWorkingDays(cal, r.notice_issued_on!, RECTIFICATION_WORKING_DAYS);
    return { kind: 'assessment_rectification', title: `考核不及格整改（${r.notice_serial}）：${r.name}报送整改情况`, due, overdue: due < today, link: `/assessments?scheme=${r.scheme_id}&result=${r.id}`, objectType: 'assessment_result', objectId: r.id };
  });
};
