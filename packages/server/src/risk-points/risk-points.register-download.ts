import { todayIn, type Actor } from '@qingfeng/core';
import type { FastifyReply } from 'fastify';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { renderOfficialDocx, renderOfficialPdf } from '../documents/index.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import { registerDocument, registerWorkbook } from './risk-points.export.js';

export type RegisterFormat = 'xlsx' | 'docx' | 'pdf';
export const REGISTER_MIME: Record<RegisterFormat, string> = {
  xlsx: XLSX_MIME,
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * Sends a unit's 《风险识别防控一览表》 — the same points in Excel, Word or PDF — and records the
 * download with `after` (what was asked for): the register's route and a campaign's unit page.
 * `org` must already be in the actor's risk.read scope.
 */
export async function sendRegister(ctx: AppContext, reply: FastifyReply, actor: Actor, org: { id: number; name: string }, format: RegisterFormat, after: Record<string, unknown>) {
  const { db } = ctx.database;
  const title = `${org.name}风险识别防控一览表`;
  const bytes =
    format === 'xlsx'
      ? await registerWorkbook(db, actor, org)
      : await (format === 'pdf' ? renderOfficialPdf : renderOfficialDocx)(await registerDocument(db, actor, org, todayIn(ctx.clock.now())));
  await db.transaction().execute((trx) =>
    recordAudit(trx, actor, { action: 'RISK_POINTS_EXPORTED', objectType: 'risk_point', orgId: org.id, summary: `导出《${title}》（${format}）`, after }, ctx.clock.now()),
  );
  return reply.header('content-type', REGISTER_MIME[format]).header('content-disposition', attachment(`${title}.${format}`, `risk-register.${format}`)).send(bytes);
}
