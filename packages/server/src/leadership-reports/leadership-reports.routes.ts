import { IdParam, LeadershipReport, LeadershipReportCreate, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { renderOfficialDocx } from '../documents/index.js';
import { actorOf } from '../http/auth-hook.js';
import { attachment } from '../http/attachment.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { DOCX_MIME } from '../warnings/warnings.notices.js';
import { FileBytes } from '../warnings/warnings.schemas.js';
import { findReport, listReports, presentReport, reportWarnings } from './leadership-reports.repository.js';
import { createReport, reportDocument } from './leadership-reports.usecases.js';

const tags = ['leadership-reports'];

// Leadership reports (内刊、专题报告) go to the district's leaders: whoever holds
// leadership_reports.read (leader1, the centre) reads all of them.
export async function leadershipReportsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  async function detail(actor: Actor, id: number) {
    requirePermission(actor, 'leadership_reports.read');
    const row = await findReport(db, id);
    if (!row) throw notFound();
    return presentReport(actor, row, (await reportWarnings(db, [id])).get(id) ?? []);
  }

  app.get('/leadership-reports', { schema: { tags, summary: '领导专报（内刊、专题报告）列表', response: { 200: z.object({ items: z.array(LeadershipReport) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'leadership_reports.read');
    const rows = await listReports(db);
    const warnings = await reportWarnings(db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentReport(actor, r, warnings.get(r.id) ?? [])) };
  });
  app.get('/leadership-reports/:id', { schema: { tags, summary: '领导专报详情', params: IdParam, response: { 200: LeadershipReport } } }, async (req) => detail(actorOf(req), req.params.id));
  app.post('/leadership-reports', { schema: { tags, summary: '编写领导专报：选定预警，统计期内预警数据随之固定', body: LeadershipReportCreate, response: { 201: LeadershipReport } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createReport(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });
  app.get('/leadership-reports/:id/docx', { schema: { tags, summary: '导出 Word（记入审计）', params: IdParam, response: { 200: FileBytes } } }, async (req, reply) => {
    const actor = actorOf(req);
    const report = await detail(actor, req.params.id);
    const root = await db.selectFrom('orgs').select('name').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const bytes = await renderOfficialDocx(reportDocument(report, root.name));
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'LEADERSHIP_REPORT_EXPORTED', objectType: 'leadership_report', objectId: report.id, summary: `导出领导专报「${report.title}」（Word）` }, ctx.clock.now()),
    );
    return reply.header('content-type', DOCX_MIME).header('content-disposition', attachment(`${report.title}.docx`, 'report.docx')).send(bytes);
  });
}
