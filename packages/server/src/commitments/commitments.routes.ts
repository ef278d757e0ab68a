import { Commitment, CommitmentGenerate, CommitmentSign, CommitmentsQuery, CommitmentStats, IdParam, Page, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { renderOfficialDocx, renderOfficialPdf } from '../documents/index.js';
import { attachment } from '../http/attachment.js';
import { actorOf } from '../http/auth-hook.js';
import { AppError, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { commitmentStats, findCommitmentInScope, listCommitmentsInScope, presentCommitment } from './commitments.repository.js';
import { commitmentDocument, draftCommitments, recordCopy, signCommitment } from './commitments.usecases.js';

const tags = ['commitments'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function commitmentsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  async function detail(actor: Actor, id: number) {
    const row = await findCommitmentInScope(db, actor, id);
    if (!row) throw notFound();
    return presentCommitment(actor, row);
  }

  app.get('/commitments', { schema: { tags, summary: '风险防范承诺书（干部本人只见自己的）', querystring: CommitmentsQuery, response: { 200: Page(Commitment) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    const { rows, total } = await listCommitmentsInScope(db, actor, req.query);
    return { items: rows.map((r) => presentCommitment(actor, r)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/commitments/stats', { schema: { tags, summary: '各单位承诺书签署、留存、备案情况（未指定 campaignId 或 kind 时为年度承诺书）', querystring: CommitmentsQuery.omit({ page: true, pageSize: true }), response: { 200: CommitmentStats } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return { rows: await commitmentStats(db, actor, req.query) };
  });

  app.post('/commitments/drafts', { schema: { tags, summary: '按岗位风险点及措施为单位（含下级）在岗干部生成年度承诺书', body: CommitmentGenerate, response: { 200: z.object({ drafted: z.number().int() }) } } }, async (req) => ({
    drafted: await draftCommitments(ctx, actorOf(req), req.body),
  }));

  app.get('/commitments/:id', { schema: { tags, summary: '承诺书详情', params: IdParam, response: { 200: Commitment } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return detail(actor, req.params.id);
  });

  app.post('/commitments/:id/sign', { schema: { tags, summary: '本人签署（须再次输入登录密码；保存所签文本、时间和 SHA-256）', params: IdParam, body: CommitmentSign, response: { 200: Commitment } } }, async (req) => {
    const actor = actorOf(req);
    await signCommitment(ctx, actor, req.params.id, req.body.password);
    return detail(actor, req.params.id);
  });

  app.post('/commitments/:id/unit-copy', { schema: { tags, summary: '登记单位留存件', params: IdParam, response: { 200: Commitment } } }, async (req) => {
    const actor = actorOf(req);
    await recordCopy(ctx, actor, req.params.id, 'unitCopy');
    return detail(actor, req.params.id);
  });

  app.post('/commitments/:id/file', { schema: { tags, summary: '纪检监察机关备案', params: IdParam, response: { 200: Commitment } } }, async (req) => {
    const actor = actorOf(req);
    await recordCopy(ctx, actor, req.params.id, 'file');
    return detail(actor, req.params.id);
  });

  app.get(
    '/commitments/:id/copy',
    { schema: { tags, summary: '下载已签署的承诺书（Word 或 PDF，公文格式）', params: IdParam, querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }), response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      const row = await findCommitmentInScope(db, actor, req.params.id);
      if (!row) throw notFound();
      if (!row.signed_at) throw new AppError('commitments.wrong_status', '承诺书尚未签署');
      const doc = commitmentDocument(row);
      const pdf = req.query.format === 'pdf';
      const bytes = pdf ? await renderOfficialPdf(doc) : await renderOfficialDocx(doc);
      const name = `${row.title}（${row.person_name}）.${req.query.format}`;
      return reply.header('content-type', pdf ? 'application/pdf' : DOCX).header('content-disposition', attachment(name, `commitment-${row.id}.${req.query.format}`)).send(bytes);
    },
  );
}
