import { IdParam, OptionalComment, Page, Power, PowerCreate, PowersQuery, PowerUpdate, ReviewComment, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import { actorOf } from '../http/auth-hook.js';
import { AppError, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { exportPowers } from './powers.export.js';
import { findPowerInScope, listPowersInScope, presentPower, riskStepsOf } from './powers.repository.js';
import { createPower, importPowers, movePower, updatePower } from './powers.usecases.js';

const tags = ['powers'];

export async function powersRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: Actor, id: number) {
    const row = await findPowerInScope(db, actor, id);
    if (!row) throw notFound();
    return presentPower(actor, row, (await riskStepsOf(db, [id])).get(id) ?? []);
  }

  app.get('/powers', { schema: { tags, summary: '职权目录（权限范围内）', querystring: PowersQuery, response: { 200: Page(Power) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    const { rows, total } = await listPowersInScope(db, actor, req.query);
    const risks = await riskStepsOf(db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentPower(actor, r, risks.get(r.id) ?? [])), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get(
    '/powers/export',
    { schema: { tags, summary: '导出职权目录及流程（.xlsx；记入审计）', querystring: PowersQuery.omit({ page: true, pageSize: true }), produces: [XLSX_MIME], response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'POWERS_EXPORTED', objectType: 'power', summary: '导出职权目录', after: req.query }, ctx.clock.now()));
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('职权目录.xlsx', 'powers.xlsx')).send(exportPowers(db, actor, req.query));
    },
  );

  app.post(
    '/powers/import',
    {
      schema: {
        tags,
        summary: '从 Excel 导入本单位职权目录（列：职权名称、职权类型、法定依据、责任股室、责任岗位；全部正确才导入）',
        consumes: ['multipart/form-data'],
        querystring: z.object({ orgId: z.coerce.number().int().positive() }),
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.write');
      if (!req.isMultipart()) throw new AppError('import.bad_file', '请以 multipart/form-data 上传 Excel 文件（字段名 file）');
      const part = await req.file();
      if (!part || part.fieldname !== 'file') throw new AppError('import.bad_file', '请上传 Excel 文件（字段名 file）');
      return importPowers(ctx, actor, req.query.orgId, await part.toBuffer());
    },
  );

  app.get('/powers/:id', { schema: { tags, summary: '职权详情（含流程图及标记为风险点的步骤）', params: IdParam, response: { 200: Power } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return detail(actor, req.params.id);
  });

  app.post('/powers', { schema: { tags, summary: '新增职权（可同时编制流程图）', body: PowerCreate, response: { 201: Power } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createPower(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.patch('/powers/:id', { schema: { tags, summary: '修改职权及流程图（草稿或已退回）', params: IdParam, body: PowerUpdate, response: { 200: Power } } }, async (req) => {
    const actor = actorOf(req);
    await updatePower(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  for (const [action, summary] of [
    ['submit', '提交备案（须有流程图）'],
    ['file', '备案（审核的纪委、派驻纪检组或乡镇纪委）'],
    ['publish', '在门户网站公开'],
    ['retire', '撤销'],
  ] as const) {
    app.post(`/powers/:id/${action}`, { schema: { tags, summary, params: IdParam, body: OptionalComment, response: { 200: Power } } }, async (req) => {
      const actor = actorOf(req);
      await movePower(ctx, actor, req.params.id, action, req.body.comment ?? null);
      return detail(actor, req.params.id);
    });
  }
  app.post('/powers/:id/return', { schema: { tags, summary: '退回（须填写意见）', params: IdParam, body: ReviewComment, response: { 200: Power } } }, async (req) => {
    const actor = actorOf(req);
    await movePower(ctx, actor, req.params.id, 'return', req.body.comment);
    return detail(actor, req.params.id);
  });
}
