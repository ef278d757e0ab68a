import {
  IdParam,
  OptionalComment,
  Page,
  ReviewComment,
  RiskHeatmap,
  RiskPoint,
  RiskPointCreate,
  RiskPointDetail,
  RiskPointFilter,
  RiskPointsQuery,
  RiskPointUpdate,
  RiskStats,
  RiskStatsQuery,
  type Actor,
} from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { exportPoints } from './risk-points.export.js';
import { sendRegister } from './risk-points.register-download.js';
import { findOrgInScope } from '../orgs/orgs.repository.js';
import { findPresentedPoint, listPointsInScope, pointExtras } from './risk-points.repository.js';
import { likelihoodImpactHeatmap, statsByOrg } from './risk-points.stats.js';
import { createPoint, retirePoint, reviewPoint, revisePoint, submitPoint, updatePoint } from './risk-points.usecases.js';

const tags = ['risk-points'];

export async function riskPointsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: Actor, id: number) {
    const point = await findPresentedPoint(db, actor, id);
    if (!point) throw notFound();
    return { ...point, ...(await pointExtras(db, point)) };
  }

  app.get(
    '/risk-points',
    { schema: { tags, summary: '风险点登记册（按组织子树、等级、类别、对象层级、状态、监控责任单位筛选；默认为现行风险点）', querystring: RiskPointsQuery, response: { 200: Page(RiskPoint) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      const { items, total } = await listPointsInScope(db, actor, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/risk-points/export',
    { schema: { tags, summary: '导出风险识别防控一览表（.xlsx，按登记册的筛选条件；流式输出；记入审计）', querystring: RiskPointFilter, produces: [XLSX_MIME], response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'RISK_POINTS_EXPORTED', objectType: 'risk_point', summary: '导出风险识别防控一览表', after: req.query }, ctx.clock.now()));
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('风险识别防控一览表.xlsx', 'risk-points.xlsx')).send(exportPoints(db, actor, req.query));
    },
  );

  app.get(
    '/risk-points/register-document',
    {
      schema: {
        tags,
        summary: '单位《风险识别防控一览表》（Word 或 PDF，公文格式，含下属股室；已审核和已公示的风险点）',
        querystring: z.object({ orgId: z.coerce.number().int().positive(), format: z.enum(['docx', 'pdf']).default('docx') }),
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      const org = await findOrgInScope(db, actor, 'risk.read', req.query.orgId);
      if (!org) throw notFound();
      return sendRegister(ctx, reply, actor, org, req.query.format, req.query);
    },
  );

  app.get('/risk-points/heatmap', { schema: { tags, summary: '发生概率 × 危害程度热力图（每格的等级与风险点数）', querystring: RiskPointFilter, response: { 200: RiskHeatmap } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return likelihoodImpactHeatmap(db, actor, req.query);
  });

  app.get(
    '/risk-points/stats',
    { schema: { tags, summary: '按下级单位统计风险点数（按类别 = 单位 × 类别热力图；按对象层级 = 岗位、股室、单位、领导班子风险点数）', querystring: RiskStatsQuery, response: { 200: RiskStats } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      return statsByOrg(db, actor, req.query);
    },
  );

  app.get('/risk-points/:id', { schema: { tags, summary: '风险点详情（含处理记录、各版本、重新定级记录）', params: IdParam, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return detail(actor, req.params.id);
  });

  app.post('/risk-points', { schema: { tags, summary: '登记风险点（草稿；等级由风险矩阵得出）', body: RiskPointCreate, response: { 201: RiskPointDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createPoint(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.patch('/risk-points/:id', { schema: { tags, summary: '修改风险点（草稿或已退回）', params: IdParam, body: RiskPointUpdate, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    await updatePoint(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/risk-points/:id/submit', { schema: { tags, summary: '提交审核（至少一条防控措施）', params: IdParam, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    await submitPoint(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  app.post('/risk-points/:id/return', { schema: { tags, summary: '退回（须填写意见）', params: IdParam, body: ReviewComment, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    await reviewPoint(ctx, actor, req.params.id, 'return', req.body.comment);
    return detail(actor, req.params.id);
  });

  app.post('/risk-points/:id/approve', { schema: { tags, summary: '审核通过', params: IdParam, body: OptionalComment, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    await reviewPoint(ctx, actor, req.params.id, 'approve', req.body.comment ?? null);
    return detail(actor, req.params.id);
  });

  app.post('/risk-points/:id/publish', { schema: { tags, summary: '公示（在门户网站公开风险点及防控措施）', params: IdParam, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    await reviewPoint(ctx, actor, req.params.id, 'publish', null);
    return detail(actor, req.params.id);
  });

  app.post('/risk-points/:id/revise', { schema: { tags, summary: '修订：生成新版本草稿（原版本保留，新版本公示后原版本被替代）', params: IdParam, response: { 201: RiskPointDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await revisePoint(ctx, actor, req.params.id);
    return reply.status(201).send(await detail(actor, id));
  });

  app.post('/risk-points/:id/retire', { schema: { tags, summary: '撤销风险点', params: IdParam, body: OptionalComment, response: { 200: RiskPointDetail } } }, async (req) => {
    const actor = actorOf(req);
    await retirePoint(ctx, actor, req.params.id, req.body.comment ?? null);
    return detail(actor, req.params.id);
  });
}
