import { IdParam, LevelChange, RiskMatrix, RiskMatrixActivate, RiskMatrixCreate, RiskMatrixPreview } from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { levelChangesInScope } from '../risk-points/risk-points.repository.js';
import { activeMatrix, findMatrix, listMatrices, presentMatrix } from './risk-matrices.repository.js';
import { activateMatrix, createMatrix, previewMatrix } from './risk-matrices.usecases.js';
import { riskSettings, setSupervisionOffice } from './risk-settings.js';

const tags = ['risk-matrices'];

export async function riskMatricesRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/risk-matrices', { schema: { tags, summary: '风险矩阵各版本（最新在前）', response: { 200: z.object({ items: z.array(RiskMatrix) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return { items: (await listMatrices(db)).map((m) => presentMatrix(actor, m)) };
  });

  app.get('/risk-matrices/active', { schema: { tags, summary: '当前启用的风险矩阵（定级依据）', response: { 200: RiskMatrix } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return presentMatrix(actor, await activeMatrix(db));
  });

  app.get('/risk-matrices/:id', { schema: { tags, summary: '风险矩阵详情', params: IdParam, response: { 200: RiskMatrix } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    const m = await findMatrix(db, req.params.id);
    if (!m) throw notFound();
    return presentMatrix(actor, m);
  });

  app.post('/risk-matrices', { schema: { tags, summary: '新建风险矩阵草稿（发生概率与危害程度刻度、等级名称与颜色、网格或乘积阈值）', body: RiskMatrixCreate, response: { 201: RiskMatrix } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createMatrix(ctx, actor, req.body);
    return reply.status(201).send(presentMatrix(actor, (await findMatrix(db, id))!));
  });

  app.get('/risk-matrices/:id/preview', { schema: { tags, summary: '预览启用该草稿后将重新定级的风险点', params: IdParam, response: { 200: RiskMatrixPreview } } }, async (req) =>
    previewMatrix(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/risk-matrices/:id/activate',
    { schema: { tags, summary: '确认启用（须带预览中的重新定级数；风险点有变动时拒绝）', params: IdParam, body: RiskMatrixActivate, response: { 200: z.object({ matrix: RiskMatrix, changeCount: z.number().int() }) } } },
    async (req) => {
      const actor = actorOf(req);
      const { changeCount } = await activateMatrix(ctx, actor, req.params.id, req.body);
      return { matrix: presentMatrix(actor, (await findMatrix(db, req.params.id))!), changeCount };
    },
  );

  const Settings = z.object({ supervisionOfficeOrgId: z.number().int().nullable(), supervisionOfficeName: z.string().nullable() });
  app.get('/risk-settings', { schema: { tags, summary: '监督室：监控未设派驻纪检组单位的一级风险点', response: { 200: Settings } } }, async (req) => {
    requirePermission(actorOf(req), 'risk.read');
    return riskSettings(db);
  });

  app.put(
    '/risk-settings',
    {
      schema: {
        tags,
        summary: '设置监督室（维护风险矩阵权限；现行一级风险点的监控责任单位随之调整，记入审计）',
        body: z.object({ supervisionOfficeOrgId: z.number().int().positive() }),
        response: { 200: Settings.extend({ moved: z.number().int() }) },
      },
    },
    async (req) => {
      const moved = await setSupervisionOffice(ctx, actorOf(req), req.body.supervisionOfficeOrgId);
      return { ...(await riskSettings(db)), moved };
    },
  );

  app.get('/risk-matrices/:id/level-changes', { schema: { tags, summary: '该版本启用时重新定级的风险点（权限范围内）', params: IdParam, response: { 200: z.object({ items: z.array(LevelChange) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return { items: await levelChangesInScope(db, actor, req.params.id) };
  });
}
