import { todayIn, type Actor, type ClueDetail } from '@qingfeng/core';
import { listAttachments } from '../attachments/attachments.store.js';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { clueViewer, findClue, pendingModes, presentClue, visibleTo } from './clues.repository.js';

/** One clue with its disposals, replies and messages, attachments and merged clues; an audited read. */
export async function clueDetail(ctx: AppContext, actor: Actor, id: number, audit = true): Promise<ClueDetail> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const v = await clueViewer(db, actor);
  const row = await findClue(db, v, id);
  if (!row) throw notFound();
  const [pending, disposals, messages, attachments, merged, reporter, names] = await Promise.all([
    pendingModes(db, [id]),
    db
      .selectFrom('clue_disposals as d')
      .innerJoin('users as p', 'p.id', 'd.proposed_by')
      .leftJoin('users as a', 'a.id', 'd.decided_by')
      .leftJoin('clues as m', 'm.id', 'd.merge_into_id')
      .select(['d.id', 'd.mode', 'd.level', 'd.note', 'd.transfer_to', 'd.merge_into_id', 'm.ledger_no as merge_no', 'p.display_name as proposer', 'd.proposed_at', 'd.decision', 'a.display_name as decider', 'd.decided_at', 'd.comment', 'd.outcome'])
      .where('d.clue_id', '=', id)
      .orderBy('d.id')
      .execute(),
    db
      .selectFrom('clue_messages as m')
      .leftJoin('users as u', 'u.id', 'm.author_user_id')
      .select(['m.id', 'm.direction', 'm.kind', 'm.via', 'm.body', 'u.display_name as author', 'm.created_at'])
      .where('m.clue_id', '=', id)
      .orderBy('m.id')
      .execute(),
    listAttachments(db, 'clue', [id]),
    db.selectFrom('clues').select(['id', 'ledger_no']).where('merged_into_id', '=', id).where(visibleTo(v)).orderBy('id').execute(),
    db.selectFrom('clue_reporters').select('acceptance_no').where('clue_id', '=', id).executeTakeFirst(),
    db
      .selectFrom('clues')
      .leftJoin('orgs as s', 's.id', 'clues.source_org_id')
      .leftJoin('users as u', 'u.id', 'clues.registered_by')
      .select(['s.name as source_name', 'u.display_name as registrar'])
      .where('clues.id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  if (audit) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'CLUE_VIEWED', objectType: 'clue', objectId: id, orgId: row.handler_org_id, summary: `查看线索 ${row.ledger_no}` }, now),
    );
  }
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    ...presentClue(v, row, pending.get(id) ?? null, todayIn(now)),
    sourceDocument: row.source_document,
    sourceOrg: row.source_org_id !== null && names.source_name ? { id: row.source_org_id, name: names.source_name } : null,
    registeredBy: names.registrar,
    acceptanceNo: reporter?.acceptance_no ?? null,
    outOfJurisdiction: row.out_of_jurisdiction,
    outcome: row.outcome,
    closedOn: row.closed_on,
    disposals: disposals.map((d) => ({
      id: d.id,
      mode: d.mode as ClueDetail['disposals'][number]['mode'],
      level: d.level,
      note: d.note,
      transferTo: d.transfer_to,
      mergeInto: d.merge_into_id !== null && d.merge_no ? { id: d.merge_into_id, ledgerNo: d.merge_no } : null,
      proposedBy: d.proposer,
      proposedAt: iso(d.proposed_at)!,
      decision: d.decision,
      decidedBy: d.decider,
      decidedAt: iso(d.decided_at),
      comment: d.comment,
      outcome: d.outcome,
    })),
    messages: messages.map((m) => ({ id: m.id, direction: m.direction, kind: m.kind, via: m.via, body: m.body, author: m.author, createdAt: iso(m.created_at)! })),
    attachments: attachments.get(id) ?? [],
    merged: merged.map((m) => ({ id: m.id, ledgerNo: m.ledger_no })),
  };
}
