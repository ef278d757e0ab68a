import { IdParam, SealedReport, SealedReportSummary } from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { reporterKey, unseal } from './reporter-identity.js';

// Reports about the commission's own principal leader (检举控告工作规则): received without a ledger
// number, an audit entry, a to-do item or a notice; sealed under the reporter key; visible only to the
// holder of clues.sealed (上级纪委联络员), who reads them (audited) and hands them to the commission
// above, which deletes the local copy.

const tags = ['sealed-reports'];

export async function sealedReportsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/sealed-reports', { schema: { tags, summary: '待移交上级纪委监委的封存来件（仅编号和收件日期）', response: { 200: z.array(SealedReportSummary) } } }, async (req) => {
    requirePermission(actorOf(req), 'clues.sealed');
    return db.selectFrom('sealed_reports').select(['id', 'received_on as receivedOn']).orderBy('id').execute();
  });

  app.get('/sealed-reports/:id', { schema: { tags, summary: '查看封存来件（记入审计）', params: IdParam, response: { 200: SealedReport } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'clues.sealed');
    const row = await db.selectFrom('sealed_reports').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!row) throw notFound();
    const payload = unseal<Record<string, unknown>>(reporterKey(ctx.config), row.key_id, 'sealed-report', row.sealed);
    await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'SEALED_REPORT_READ', objectType: 'sealed_report', objectId: row.id, summary: '查看封存来件' }, ctx.clock.now()));
    return { id: row.id, receivedOn: row.received_on, payload };
  });

  app.post('/sealed-reports/:id/handover', { schema: { tags, summary: '已移交上级纪委监委：删除本级副本', params: IdParam, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'clues.sealed');
    await db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('sealed_reports').where('id', '=', req.params.id).returning('id').executeTakeFirst();
      if (!gone) throw notFound();
      await recordAudit(trx, actor, { action: 'SEALED_REPORT_HANDED_OVER', objectType: 'sealed_report', objectId: gone.id, summary: '移交封存来件并删除本级副本' }, ctx.clock.now());
    });
    return reply.status(204).send(null);
  });
}
