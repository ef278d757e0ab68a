import { createHmac, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { PortalChallenge, PortalMessageCreate, PortalReportQuery, PortalReceipt, PortalReportCreate, PortalReportStatus } from '@qingfeng/core';
import { readUploads } from '../attachments/attachments.store.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { issueChallenge } from './portal.challenges.js';
import { attachToReport, openReport, postReporterMessage, reportStatus, submitReport } from './portal.reports.usecases.js';

const tags = ['portal'];
const config = { public: true } as const;

/**
 * /api/portal/reports — the public report desk, no login. Abuse is held off without tracking
 * anyone: a per-source rate limit whose key is an HMAC of the address under a secret drawn at start
 * and never stored (the counters live in memory, keyed by that digest), and a single-use proof of
 * work on every write. No address, user agent or cookie is written to the database or the logs.
 */
export async function portalReportsRoutes(app: App, ctx: AppContext) {
  const secret = randomBytes(32);
  await app.register(rateLimit, {
    max: ctx.config.portalRatePerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => createHmac('sha256', secret).update(req.ip).digest('base64url'),
    errorResponseBuilder: () => new AppError('portal.rate_limited'),
  });

  app.post('/reports/challenges', { config, schema: { tags, summary: '领取一次性安全验证（工作量证明）', response: { 201: PortalChallenge } } }, async (_req, reply) => {
    return reply.status(201).send(await issueChallenge(ctx.database.db, ctx.config, ctx.clock.now()));
  });

  app.post(
    '/reports',
    { config, schema: { tags, summary: '提交举报（实名或匿名）；返回受理编号和只显示一次的查询码', body: PortalReportCreate, response: { 201: PortalReceipt } } },
    async (req, reply) => reply.status(201).send(await submitReport(ctx, req.body)),
  );

  app.post('/reports/query', { config, schema: { tags, summary: '凭受理编号和查询码查询办理情况与答复', body: PortalReportQuery, response: { 200: PortalReportStatus } } }, async (req) => {
    const { clueId } = await openReport(ctx.database.db, req.body.acceptanceNo, req.body.queryCode);
    return reportStatus(ctx.database.db, clueId, req.body.acceptanceNo.trim().toUpperCase());
  });

  app.post('/reports/messages', { config, schema: { tags, summary: '举报人留言（凭受理编号和查询码）', body: PortalMessageCreate, response: { 201: PortalReportStatus } } }, async (req, reply) => {
    const clueId = await postReporterMessage(ctx, req.body);
    return reply.status(201).send(await reportStatus(ctx.database.db, clueId, req.body.acceptanceNo.trim().toUpperCase()));
  });

  app.post(
    '/reports/attachments',
    { config, schema: { tags, summary: '补充证据材料（multipart：acceptanceNo、queryCode 和附件 files）', response: { 201: PortalReportStatus } } },
    async (req, reply) => {
      const { fields, files } = await readUploads(req);
      const clueId = await attachToReport(ctx, fields.acceptanceNo ?? '', fields.queryCode ?? '', files);
      return reply.status(201).send(await reportStatus(ctx.database.db, clueId, (fields.acceptanceNo ?? '').trim().toUpperCase()));
    },
  );
}
