import { IdParam, IntegrityOpinion, IntegrityOpinionCreate, IntegrityOpinionsQuery, OpinionCategoryChoice, OpinionPersonParams, OpinionReturn, OpinionReview, Page, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { attachment } from '../http/attachment.js';
import { actorOf } from '../http/auth-hook.js';
import { forbidden, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { DOCX_MIME } from '../warnings/warnings.notices.js';
import { canReadOpinions, findOpinion, listOpinions, presentOpinion, type OpinionRow } from './opinions.repository.js';
import { approveOpinion, chooseCategory, draftOpinion, opinionDocx, returnOpinion, submitOpinion, suggestedCategories } from './opinions.usecases.js';

const tags = ['integrity-opinions'];

export async function integrityOpinionsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function present(actor: Actor, row: OpinionRow) {
    return presentOpinion(actor, row, await readSetting(db, 'opinions'), await suggestedCategories(db, row));
  }
  async function detail(actor: Actor, id: number) {
    if (!canReadOpinions(actor)) throw forbidden();
    const row = await findOpinion(db, id);
    if (!row) throw notFound();
    return present(actor, row);
  }

  app.get('/integrity-opinions', { schema: { tags, summary: '党风廉政意见回复', querystring: IntegrityOpinionsQuery, response: { 200: Page(IntegrityOpinion) } } }, async (req) => {
    const actor = actorOf(req);
    if (!canReadOpinions(actor)) throw forbidden();
    const { rows, total } = await listOpinions(db, req.query);
    return { items: await Promise.all(rows.map((r) => present(actor, r))), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/integrity-opinions', { schema: { tags, summary: '起草意见回复：按个人廉政档案生成所询期间的情况与建议结论', body: IntegrityOpinionCreate, response: { 201: IntegrityOpinion } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await draftOpinion(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.get('/integrity-opinions/:id', { schema: { tags, summary: '意见回复详情', params: IdParam, response: { 200: IntegrityOpinion } } }, async (req) => detail(actorOf(req), req.params.id));

  app.put('/integrity-opinions/:id/people/:personId', { schema: { tags, summary: '选定某人的结论类别（草稿）', params: OpinionPersonParams, body: OpinionCategoryChoice, response: { 200: IntegrityOpinion } } }, async (req) => {
    const actor = actorOf(req);
    await chooseCategory(ctx, actor, req.params.id, req.params.personId, req.body.conclusionCategory);
    return detail(actor, req.params.id);
  });

  app.post('/integrity-opinions/:id/submit', { schema: { tags, summary: '提交审核', params: IdParam, response: { 200: IntegrityOpinion } } }, async (req) => {
    const actor = actorOf(req);
    await submitOpinion(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  app.post('/integrity-opinions/:id/approve', { schema: { tags, summary: '审核通过（须为起草人以外的另一人）：编文号', params: IdParam, body: OpinionReview, response: { 200: IntegrityOpinion } } }, async (req) => {
    const actor = actorOf(req);
    await approveOpinion(ctx, actor, req.params.id, req.body.note ?? null);
    return detail(actor, req.params.id);
  });

  app.post('/integrity-opinions/:id/return', { schema: { tags, summary: '退回修改（须说明理由）', params: IdParam, body: OpinionReturn, response: { 200: IntegrityOpinion } } }, async (req) => {
    const actor = actorOf(req);
    await returnOpinion(ctx, actor, req.params.id, req.body.note);
    return detail(actor, req.params.id);
  });

  app.get(
    '/integrity-opinions/:id/document',
    { schema: { tags, summary: '下载意见回复（Word，公文格式；审核通过后；记入审计）', params: IdParam, produces: [DOCX_MIME], response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!canReadOpinions(actor)) throw forbidden();
      const { bytes, fileName } = await opinionDocx(ctx, actor, req.params.id);
      return reply.header('content-type', DOCX_MIME).header('content-disposition', attachment(fileName, 'opinion.docx')).send(bytes);
    },
  );
}
