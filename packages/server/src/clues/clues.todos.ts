import { actsForHandler, DUTY_LABELS, hasPermission, isDutyOverdue, openDuties, type Actor, type TodoItem } from '@qingfeng/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { clueViewer, duties, visibleTo } from './clues.repository.js';

/**
 * 我的待办 from the ledger: for the handler's people, each open clue that owes a reply or a
 * forwarding (overdue first), waits to be disposed of (or for the warning its disposal decided on),
 * or waits for their approval. The same view
 * as the ledger: a clue's subject is never notified of it.
 */
export async function clueTodos(db: Kysely<DB>, actor: Actor, today: string): Promise<TodoItem[]> {
  if (!hasPermission(actor, 'clues.handle') && !hasPermission(actor, 'clues.approve')) return [];
  const v = await clueViewer(db, actor);
  if (!v.org) return [];
  // The handler orgs this account acts for: its own org, and its parent when it is a section.
  const handlerIds = [v.org.id, ...(v.org.kind === 'section' && v.org.parentId !== null ? [v.org.parentId] : [])];
  const rows = await db
    .selectFrom('clues')
    .leftJoin('clue_disposals as d', (j) => j.onRef('d.clue_id', '=', 'clues.id').on('d.decision', '=', 'pending'))
    .select((eb) => eb.exists(eb.selectFrom('warnings').select('warnings.id').whereRef('warnings.clue_id', '=', 'clues.id')).as('warning_issued'))
    .select(['clues.id', 'clues.ledger_no', 'clues.status', 'clues.disposal_mode', 'clues.handler_org_id', 'clues.ack_due', 'clues.ack_done_on', 'clues.result_due', 'clues.result_done_on', 'clues.forward_due', 'clues.forward_done_on'])
    .where('clues.handler_org_id', 'in', handlerIds)
    .where((eb) =>
      eb.or([
        eb('clues.status', 'in', ['registered', 'pending_approval', 'disposing']),
        eb.and([eb('clues.result_due', 'is not', null), eb('clues.result_done_on', 'is', null)]),
        eb.and([eb('clues.ack_due', 'is not', null), eb('clues.ack_done_on', 'is', null)]),
      ]),
    )
    .where(visibleTo(v))
    .orderBy('clues.id')
    .limit(500)
    .execute();
  const handles = hasPermission(actor, 'clues.handle');
  const approves = hasPermission(actor, 'clues.approve');
  const items: TodoItem[] = [];
  for (const r of rows) {
    if (!actsForHandler(v.org, r.handler_org_id)) continue;
    const link = `/clues/${r.id}`;
    const base = { objectType: 'clue', objectId: r.id, link };
    const open = openDuties(duties(r));
    if (handles) {
      for (const d of open) items.push({ ...base, kind: `clue.${d.kind}`, title: `线索 ${r.ledger_no}：${DUTY_LABELS[d.kind]}`, due: d.due, overdue: isDutyOverdue(d, today) });
    }
    if (handles && (r.status === 'registered' || r.status === 'disposing') && open.length === 0) {
      // 发出预警 approved: the warning comes first (from the draft on the clue's page), then 办结.
      const warningDue = r.status === 'disposing' && r.disposal_mode === 'warning' && !r.warning_issued && hasPermission(actor, 'warnings.issue');
      const title = warningDue ? '按处置决定发出预警' : r.status === 'registered' ? '待研判处置' : '待办结';
      items.push({ ...base, kind: warningDue ? 'clue.issue_warning' : 'clue.dispose', title: `线索 ${r.ledger_no}：${title}`, due: null, overdue: false });
    }
    if (approves && r.status === 'pending_approval') items.push({ ...base, kind: 'clue.approve', title: `线索 ${r.ledger_no}：处置意见待审批`, due: null, overdue: false });
  }
  return items;
}
