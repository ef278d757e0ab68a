import {
  approvalLevel,
  forwardDue,
  HANDLER_ORG_KINDS,
  nextStatus,
  resultDue,
  todayIn,
  type Actor,
  type ClueStatus,
  type DisposalMode,
  type DisposalPropose,
  type DispositionEvent,
  type ReporterIdentity,
} from '@qingfeng/core';
import type { z } from 'zod';
import type { ClueAssignment, ClueReplyCreate, ClueTriage } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import { saveAttachments, type UploadedFile } from '../attachments/attachments.store.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { capabilities, clueViewer, findClue, type ClueRow, type ClueViewer } from './clues.repository.js';
import { dutyLimits } from './clues.intake.js';
import { reporterKey, unseal } from './reporter-identity.js';

// One business step per function, each in one transaction with its audit entry. A clue outside the
// caller's view is "not found"; one they see but may not act on is "forbidden".

type Capability = keyof ReturnType<typeof capabilities>;

async function clueFor(trx: Executor, actor: Actor, id: number, need: Capability): Promise<{ v: ClueViewer; clue: ClueRow }> {
  const v = await clueViewer(trx, actor);
  // Row lock: concurrent steps on one clue queue instead of both passing the state check.
  const locked = await trx.selectFrom('clues').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const clue = locked && (await findClue(trx, v, id));
  if (!clue) throw notFound();
  if (!capabilities(v, clue)[need]) throw forbidden();
  return { v, clue };
}

function advance(status: ClueStatus, event: DispositionEvent, mode: DisposalMode, clue: ClueRow, replies: number): ClueStatus {
  const t = nextStatus(status, event, { mode, reporter: clue.reporter_kind, repliesToReporter: replies });
  if (!t.ok) throw new AppError(t.code, t.message);
  return t.status;
}

const audit = (trx: Executor, actor: Actor, clue: ClueRow, action: Parameters<typeof recordAudit>[2]['action'], summary: string, now: Date, after?: unknown) =>
  recordAudit(trx, actor, { action, objectType: 'clue', objectId: clue.id, orgId: clue.handler_org_id, summary: `${summary} ${clue.ledger_no}`, after }, now);

/** Grading (定级) and triage: the level the clue suggests, its problem type, other-level jurisdiction. */
export async function triageClue(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof ClueTriage>) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { clue } = await clueFor(trx, actor, id, 'handles');
    if (clue.status === 'closed' || clue.status === 'merged') throw new AppError('clues.bad_state', '线索已办结或已并案，不能再研判');
    const set: Record<string, unknown> = { updated_at: now };
    if (input.level !== undefined) set.level = input.level;
    if (input.problemType !== undefined) set.problem_type = input.problemType;
    if (input.outOfJurisdiction !== undefined) {
      set.out_of_jurisdiction = input.outOfJurisdiction;
      set.forward_due = input.outOfJurisdiction ? forwardDue(await loadCalendar(trx), dutyLimits(ctx.config), clue.received_on) : null;
    }
    await trx.updateTable('clues').set(set).where('id', '=', id).execute();
    await audit(trx, actor, clue, 'CLUE_TRIAGED', '研判线索', now, input);
  });
}

/** 分办/改派: the centre hands a clue to another handler (and may correct its subject org). */
export async function assignClue(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof ClueAssignment>) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { clue } = await clueFor(trx, actor, id, 'routes');
    if (clue.status !== 'registered') throw new AppError('clues.bad_state', '只有待处置的线索才能分办或改派');
    const handler = await trx.selectFrom('orgs').select(['id', 'kind', 'path', 'retired_at']).where('id', '=', input.handlerOrgId).executeTakeFirst();
    if (!handler || handler.retired_at || !(HANDLER_ORG_KINDS as readonly string[]).includes(handler.kind)) {
      throw new AppError('clues.handler_invalid', undefined, { issues: [{ field: 'handlerOrgId', message: '须为纪委监委、派驻纪检组或乡镇（街道）纪委' }] });
    }
    let subjectOrgId = clue.subject_org_id;
    let subjectPath = clue.subject_org_path;
    if (input.subjectOrgId != null && input.subjectOrgId !== clue.subject_org_id) {
      const org = await trx.selectFrom('orgs').select(['id', 'path']).where('id', '=', input.subjectOrgId).executeTakeFirst();
      if (!org) throw new AppError('clues.subject_out_of_scope', undefined, { issues: [{ field: 'subjectOrgId', message: '不存在' }] });
      subjectOrgId = org.id;
      subjectPath = org.path;
    }
    // The handler may not be the subject or above it inside the subject's tree (it would see itself).
    if (subjectPath && handler.path.startsWith(subjectPath)) throw new AppError('clues.handler_is_subject');
    await trx
      .updateTable('clues')
      .set({ handler_org_id: handler.id, routed_as: 'manual', subject_org_id: subjectOrgId, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(trx, actor, clue, 'CLUE_ROUTED', '分办线索', now, { handlerOrgId: handler.id, subjectOrgId, reason: input.reason });
  });
}

/** A handler proposes a disposal; it waits for the approver. */
export async function proposeDisposal(ctx: AppContext, actor: Actor, id: number, input: DisposalPropose) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { v, clue } = await clueFor(trx, actor, id, 'handles');
    const status = advance(clue.status, 'propose', input.mode, clue, 0);
    if (input.mode === 'merge') {
      const target = input.mergeIntoId === id ? undefined : await findClue(trx, v, input.mergeIntoId!);
      if (!target || target.status === 'closed' || target.status === 'merged') {
        throw new AppError('clues.merge_target_invalid', undefined, { issues: [{ field: 'mergeIntoId', message: '不存在、已办结或就是本线索' }] });
      }
    }
    await trx
      .insertInto('clue_disposals')
      .values({
        clue_id: id,
        mode: input.mode,
        level: input.mode === 'warning' ? (input.level ?? null) : null,
        note: input.note,
        transfer_to: input.mode === 'transfer' ? (input.transferTo ?? null) : null,
        merge_into_id: input.mode === 'merge' ? (input.mergeIntoId ?? null) : null,
        proposed_by: actor.userId,
        proposed_at: now,
      })
      .execute();
    await trx.updateTable('clues').set({ status, disposal_mode: input.mode, updated_at: now }).where('id', '=', id).execute();
    await audit(trx, actor, clue, 'CLUE_DISPOSAL_PROPOSED', '提出处置意见', now, { mode: input.mode, level: input.level ?? null });
  });
}

/**
 * The approver decides. Centre-level modes (preliminary verification, transfer, warning) need the
 * centre; the others the handler's own approver. Approving a merge merges; a transfer is the
 * forwarding a clue of another level owes.
 */
export async function decideDisposal(ctx: AppContext, actor: Actor, id: number, disposalId: number, input: { approve: boolean; comment?: string | null | undefined }) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const v = await clueViewer(trx, actor);
    await trx.selectFrom('clues').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const clue = await findClue(trx, v, id);
    if (!clue) throw notFound();
    const d = await trx.selectFrom('clue_disposals').selectAll().where('id', '=', disposalId).where('clue_id', '=', id).executeTakeFirst();
    if (!d) throw notFound();
    if (d.decision !== 'pending') throw new AppError('clues.bad_state', '该处置意见已审批');
    const mode = d.mode as DisposalMode;
    const can = capabilities(v, clue);
    const entitled = approvalLevel(mode) === 'centre' ? can.approvesCentre : can.approvesHere || can.approvesCentre;
    if (!entitled) throw new AppError('clues.approval_not_entitled', approvalLevel(mode) === 'centre' ? '初步核实、线索移送和发出预警须由区纪委预警信息中心审批' : undefined);
    const status = advance(clue.status, input.approve ? 'approve' : 'reject', mode, clue, 0);
    await trx
      .updateTable('clue_disposals')
      .set({ decision: input.approve ? 'approved' : 'rejected', decided_by: actor.userId, decided_at: now, comment: input.comment ?? null })
      .where('id', '=', disposalId)
      .execute();
    const today = todayIn(now);
    await trx
      .updateTable('clues')
      .set({
        status,
        updated_at: now,
        ...(!input.approve && { disposal_mode: null }),
        ...(input.approve && mode === 'merge' && { merged_into_id: d.merge_into_id }),
        ...(input.approve && mode === 'transfer' && { forward_done_on: today }),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, actor, clue, input.approve ? 'CLUE_DISPOSAL_APPROVED' : 'CLUE_DISPOSAL_REJECTED', input.approve ? '批准处置' : '退回处置意见', now, { mode, comment: input.comment ?? null });
  });
}

async function repliesToReporter(trx: Executor, clueId: number): Promise<number> {
  const { n } = await trx.selectFrom('clue_messages').select(sql<number>`count(*)::int`.as('n')).where('clue_id', '=', clueId).where('direction', '=', 'to_reporter').executeTakeFirstOrThrow();
  return n;
}

/**
 * 办结: the outcome of the approved disposal. A clue with a reporter needs a reply visible to them
 * first; a named reporter is then owed the result within the configured working days — and so is the
 * reporter of every clue merged into this one (a merged clue keeps its own reply obligations).
 */
export async function closeClue(ctx: AppContext, actor: Actor, id: number, outcome: string) {
  const now = ctx.clock.now();
  const today = todayIn(now);
  await ctx.database.db.transaction().execute(async (trx) => {
    const { clue } = await clueFor(trx, actor, id, 'handles');
    const status = advance(clue.status, 'complete', (clue.disposal_mode ?? 'conclude') as DisposalMode, clue, await repliesToReporter(trx, id));
    const cal = await loadCalendar(trx);
    const limits = dutyLimits(ctx.config);
    await trx
      .updateTable('clues')
      .set({ status, outcome, closed_on: today, result_due: resultDue(cal, limits, today, clue.reporter_kind), updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('clue_disposals').set({ outcome }).where('clue_id', '=', id).where('decision', '=', 'approved').where('outcome', 'is', null).execute();
    const merged = await trx.selectFrom('clues').select(['id', 'reporter_kind']).where('merged_into_id', '=', id).where('reporter_kind', '=', 'named').execute();
    for (const m of merged) {
      await trx.updateTable('clues').set({ result_due: resultDue(cal, limits, today, m.reporter_kind), updated_at: now }).where('id', '=', m.id).where('result_done_on', 'is', null).execute();
    }
    await audit(trx, actor, clue, 'CLUE_CLOSED', '线索办结', now);
  });
}

/** A reply to the reporter (受理告知, 结果反馈 or a message); it meets the matching duty. */
export async function replyToReporter(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof ClueReplyCreate>) {
  const now = ctx.clock.now();
  const today = todayIn(now);
  await ctx.database.db.transaction().execute(async (trx) => {
    const { clue } = await clueFor(trx, actor, id, 'handles');
    if (clue.reporter_kind === 'none') throw new AppError('clues.bad_state', '该线索没有举报人，无需答复');
    const portal = await trx.selectFrom('clue_reporters').select('acceptance_no').where('clue_id', '=', id).executeTakeFirst();
    // An anonymous reporter is reachable only through the portal, with their query code.
    if (clue.reporter_kind === 'anonymous' && input.via !== 'portal') {
      throw new AppError('request.invalid', '匿名举报人只能通过网上查询收到答复', { issues: [{ field: 'via', message: '匿名举报只能选择网上查询' }] });
    }
    if (input.via === 'portal' && !portal?.acceptance_no) {
      throw new AppError('request.invalid', '该线索不是网上举报，举报人无法在网上查询答复', { issues: [{ field: 'via', message: '请选择电话、书面、当面或短信' }] });
    }
    await trx.insertInto('clue_messages').values({ clue_id: id, direction: 'to_reporter', kind: input.kind, via: input.via, body: input.body, author_user_id: actor.userId, created_at: now }).execute();
    await trx
      .updateTable('clues')
      .set({
        updated_at: now,
        ...(input.kind === 'acceptance' && clue.ack_done_on === null && { ack_done_on: today }),
        ...(input.kind === 'result' && clue.result_done_on === null && { result_done_on: today }),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, actor, clue, 'CLUE_REPLIED', '答复举报人', now, { kind: input.kind, via: input.via });
  });
}

/** A named reporter's identity, for holders of clues.reveal_reporter; every reveal is audited. */
export async function revealReporter(ctx: AppContext, actor: Actor, id: number): Promise<ReporterIdentity> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const v = await clueViewer(trx, actor);
    const clue = await findClue(trx, v, id);
    if (!clue) throw notFound();
    if (!capabilities(v, clue).revealsReporter) throw forbidden();
    const row = await trx.selectFrom('clue_reporters').select(['identity_sealed', 'key_id']).where('clue_id', '=', id).executeTakeFirst();
    if (!row?.identity_sealed || !row.key_id) throw new AppError('clues.bad_state', '该线索不是实名举报');
    const identity = unseal<ReporterIdentity>(reporterKey(ctx.config), row.key_id, `clue:${id}`, row.identity_sealed);
    await audit(trx, actor, clue, 'CLUE_REPORTER_REVEALED', '查看实名举报人身份', now);
    return identity;
  });
}

export async function attachToClue(ctx: AppContext, actor: Actor, id: number, files: UploadedFile[]) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const v = await clueViewer(trx, actor);
    const clue = await findClue(trx, v, id);
    if (!clue) throw notFound();
    // The handler, or the station that submitted it (its evidence may follow the submission).
    if (!capabilities(v, clue).handles && !(clue.source_org_id !== null && clue.source_org_id === actor.orgId)) throw forbidden();
    if (files.length === 0) throw new AppError('request.invalid', '请选择要上传的附件（字段名 files）');
    await saveAttachments(trx, 'clue', id, files, actor.userId);
    await audit(trx, actor, clue, 'CLUE_ATTACHMENT_ADDED', `上传附件 ${files.length} 个`, now);
  });
}
