import { randomInt } from 'node:crypto';
import {
  CLUE_STATUSES,
  formatQueryCode,
  formatSerial,
  normaliseQueryCode,
  PORTAL_ACCEPTANCE_TEMPLATE,
  QUERY_CODE_DIGITS,
  type ClueStatus,
  type PortalReportCreate,
} from '@qingfeng/core';
import { saveAttachments, type UploadedFile } from '../attachments/attachments.store.js';
import { recordAudit } from '../audit/audit.recorder.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { intakeContext, prepareClue, SEALED_MESSAGE, storeClues } from '../clues/clues.intake.js';
import { reporterKey } from '../clues/reporter-identity.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';
import { nextNumber } from '../numbering/numbering.js';
import { spendChallenge } from './portal.challenges.js';

// The public side of the ledger. A report is a clue of the channel 网上投诉 with no submitter; its
// reporter holds a query code (20 random digits, shown once, kept only as an argon2id hash) and a
// separate acceptance number that can be quoted by phone and opens nothing.

const PORTAL = { system: '网上举报平台' } as const;
const ACCEPTANCE_SERIES = 'portal-acceptance';

const newQueryCode = () => Array.from({ length: QUERY_CODE_DIGITS }, () => randomInt(10)).join('');

export async function submitReport(ctx: AppContext, input: PortalReportCreate) {
  const now = ctx.clock.now();
  const code = newQueryCode();
  // The slow hash before the transaction: the counter rows it locks are not held for its duration.
  const codeHash = await hashPassword(code);
  return ctx.database.db.transaction().execute(async (trx) => {
    await spendChallenge(trx, input.challengeId, input.nonce, now);
    const ic = await intakeContext(trx, ctx.config, now);
    const prepared = await prepareClue(
      trx,
      ic,
      { actor: null, permission: null },
      {
        channel: 'online_complaint',
        problemType: input.problemType,
        content: input.content,
        factsOn: input.factsOn ?? null,
        subjectText: input.subjectText,
        reporter: input.reporter,
      },
      { concernsCommissionPrincipal: input.concernsCommissionPrincipal },
    );
    const stored = await storeClues(trx, ctx.config, ic, [prepared], () => reporterKey(ctx.config));
    if (stored.sealed) return { sealed: true as const, message: SEALED_MESSAGE };
    const clueId = stored.ids[0]!;
    const acceptanceNo = formatSerial(PORTAL_ACCEPTANCE_TEMPLATE, { year: Number(ic.today.slice(0, 4)), seq: await nextNumber(trx, ACCEPTANCE_SERIES, Number(ic.today.slice(0, 4))) });
    await trx
      .insertInto('clue_reporters')
      .values({ clue_id: clueId, acceptance_no: acceptanceNo, query_code_hash: codeHash })
      .onConflict((oc) => oc.column('clue_id').doUpdateSet({ acceptance_no: acceptanceNo, query_code_hash: codeHash }))
      .execute();
    const handler = prepared.kind === 'clue' ? prepared.values.handler_org_id : null;
    await recordAudit(trx, PORTAL, { action: 'PORTAL_REPORT_RECEIVED', objectType: 'clue', objectId: clueId, orgId: handler, summary: `收到网上举报 ${stored.ledgerNos[0]}（受理编号 ${acceptanceNo}）` }, now);
    return { sealed: false as const, acceptanceNo, queryCode: formatQueryCode(code) };
  });
}

/**
 * The one report that an acceptance number and its query code open. Exactly one argon2id verify
 * runs whatever the input — a dummy hash when the number is unknown — and every failure gives the
 * same answer, so a wrong code and another report's right code cannot be told apart.
 */
export async function openReport(db: Executor, acceptanceNo: string, queryCode: string): Promise<{ clueId: number }> {
  const row = await db.selectFrom('clue_reporters').select(['clue_id', 'query_code_hash']).where('acceptance_no', '=', acceptanceNo.trim().toUpperCase()).executeTakeFirst();
  const digits = normaliseQueryCode(queryCode);
  const ok = await verifyPassword(row?.query_code_hash ?? (await dummyPasswordHash()), digits ?? queryCode);
  if (!row || !ok || digits === null) throw new AppError('portal.query_failed');
  return { clueId: row.clue_id };
}

/** What the reporter sees: a public status, the replies and their own messages. Nothing internal. */
const PUBLIC_STATUS: Record<ClueStatus, string> = {
  registered: '已受理，等待办理',
  pending_approval: '办理中',
  disposing: '办理中',
  closed: '已办结',
  merged: '已与相关举报合并办理',
};

export async function reportStatus(db: Executor, clueId: number, acceptanceNo: string) {
  const clue = await db.selectFrom('clues').select(['received_on', 'status']).where('id', '=', clueId).executeTakeFirstOrThrow();
  const messages = await db
    .selectFrom('clue_messages')
    .select(['direction', 'kind', 'body', 'created_at'])
    .where('clue_id', '=', clueId)
    .where((eb) => eb.or([eb('direction', '=', 'from_reporter'), eb('via', '=', 'portal')]))
    .orderBy('id')
    .execute();
  return {
    acceptanceNo,
    receivedOn: clue.received_on,
    status: PUBLIC_STATUS[clue.status] ?? CLUE_STATUSES[clue.status],
    messages: messages.map((m) => ({ direction: m.direction, kind: m.kind, body: m.body, createdAt: new Date(m.created_at).toISOString() })),
  };
}

export async function postReporterMessage(ctx: AppContext, input: { acceptanceNo: string; queryCode: string; challengeId: string; nonce: string; body: string }) {
  const now = ctx.clock.now();
  const { clueId } = await openReport(ctx.database.db, input.acceptanceNo, input.queryCode);
  await ctx.database.db.transaction().execute(async (trx) => {
    await spendChallenge(trx, input.challengeId, input.nonce, now);
    await trx.insertInto('clue_messages').values({ clue_id: clueId, direction: 'from_reporter', kind: 'message', via: 'portal', body: input.body, author_user_id: null, created_at: now }).execute();
    const clue = await trx.selectFrom('clues').select(['ledger_no', 'handler_org_id']).where('id', '=', clueId).executeTakeFirstOrThrow();
    await recordAudit(trx, PORTAL, { action: 'PORTAL_MESSAGE_RECEIVED', objectType: 'clue', objectId: clueId, orgId: clue.handler_org_id, summary: `举报人留言 ${clue.ledger_no}` }, now);
  });
  return clueId;
}

export async function attachToReport(ctx: AppContext, acceptanceNo: string, queryCode: string, files: UploadedFile[]) {
  const now = ctx.clock.now();
  const { clueId } = await openReport(ctx.database.db, acceptanceNo, queryCode);
  if (files.length === 0) throw new AppError('request.invalid', '请选择要上传的附件（字段名 files）');
  await ctx.database.db.transaction().execute(async (trx) => {
    await saveAttachments(trx, 'clue', clueId, files, null);
    const clue = await trx.selectFrom('clues').select(['ledger_no', 'handler_org_id']).where('id', '=', clueId).executeTakeFirstOrThrow();
    await recordAudit(trx, PORTAL, { action: 'CLUE_ATTACHMENT_ADDED', objectType: 'clue', objectId: clueId, orgId: clue.handler_org_id, summary: `举报人上传附件 ${files.length} 个 ${clue.ledger_no}` }, now);
  });
  return clueId;
}
