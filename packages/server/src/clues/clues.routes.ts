import {
  AttachmentParams,
  ClueAssignment,
  ClueBatch,
  ClueBatchResult,
  ClueClose,
  ClueCreate,
  ClueDetail,
  ClueExportQuery,
  ClueQuery,
  ClueRegistered,
  ClueReplyCreate,
  ClueStatistics,
  ClueTriage,
  DisposalDecision,
  DisposalParams,
  DisposalPropose,
  IdParam,
  ClueList,
  ReporterIdentity,
  todayIn,
  WarningDraft,
} from '@qingfeng/core';
import { z } from 'zod';
import { readAttachment, readUploads } from '../attachments/attachments.store.js';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { clueDetail } from './clues.detail.js';
import { exportClues } from './clues.export.js';
import { registerBatch, registerClue, SEALED_MESSAGE } from './clues.intake.js';
import { clueViewer, findClue, listClues, pendingModes, presentClue, requireClueReader } from './clues.repository.js';
import { clueStatistics } from './clues.statistics.js';
import { warningDraftFor } from './clues.warning-draft.js';
import { assignClue, attachToClue, closeClue, decideDisposal, proposeDisposal, replyToReporter, revealReporter, triageClue } from './clues.usecases.js';

const tags = ['clues'];

export async function cluesRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const today = () => todayIn(ctx.clock.now());

  app.get('/clues', { schema: { tags, summary: '预警信息台账：筛选与全文检索（权限范围内；被反映对象本人及其单位的账户看不到）', querystring: ClueQuery, response: { 200: ClueList } } }, async (req) => {
    const actor = actorOf(req);
    requireClueReader(actor);
    const v = await clueViewer(db, actor);
    const { rows, total, totalCapped } = await listClues(db, v, req.query, today());
    const pending = await pendingModes(db, rows.filter((r) => r.status === 'pending_approval').map((r) => r.id));
    return { items: rows.map((r) => presentClue(v, r, pending.get(r.id) ?? null, today())), total, totalCapped, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/clues/statistics', { schema: { tags, summary: '台账统计：按渠道、问题类别、等级、状态、月份计数', querystring: ClueExportQuery, response: { 200: ClueStatistics } } }, async (req) => {
    const actor = actorOf(req);
    requireClueReader(actor);
    return clueStatistics(db, await clueViewer(db, actor), req.query, today());
  });

  app.get(
    '/clues/export',
    {
      schema: {
        tags,
        summary: '导出预警信息台账（.xlsx；权限范围内；不含举报人身份；记入审计）',
        querystring: ClueExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireClueReader(actor);
      const v = await clueViewer(db, actor);
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'CLUES_EXPORTED', objectType: 'clue', summary: '导出预警信息台账', after: req.query }, ctx.clock.now()));
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('预警信息台账.xlsx', 'clues.xlsx')).send(exportClues(db, v, req.query, today()));
    },
  );

  app.get('/clues/:id', { schema: { tags, summary: '线索详情（处置、答复、附件；记入审计）', params: IdParam, response: { 200: ClueDetail } } }, async (req) => {
    const actor = actorOf(req);
    requireClueReader(actor);
    return clueDetail(ctx, actor, req.params.id);
  });

  app.get(
    '/clues/:id/warning-draft',
    { schema: { tags, summary: '按已批准的“发出预警”处置决定预填的预警（供发出预警时修改；事实部分不含线索内容和来源）', params: IdParam, response: { 200: WarningDraft } } },
    async (req) => {
      const actor = actorOf(req);
      requireClueReader(actor);
      return warningDraftFor(ctx.database.db, actor, req.params.id);
    },
  );

  app.post('/clues', { schema: { tags, summary: '登记或报送一条线索（自动编号、分办、查重）', body: ClueCreate, response: { 201: ClueRegistered } } }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await registerClue(ctx, actor, req.body);
    if ('sealed' in r) return reply.status(201).send({ sealed: true, message: SEALED_MESSAGE });
    return reply.status(201).send({ sealed: false, clue: await clueDetail(ctx, actor, r.id, false) });
  });

  app.post(
    '/clues/batch',
    {
      schema: {
        tags,
        summary: '批量报送线索（其他系统对接）：全部成功或全部不登记，逐条报告错误（rows）',
        body: ClueBatch,
        response: { 201: ClueBatchResult },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await registerBatch(ctx, actor, req.body.items);
      return reply.status(201).send({ count: r.ids.length, ids: r.ids, ledgerNos: r.ledgerNos, sealed: r.sealed });
    },
  );

  app.patch('/clues/:id', { schema: { tags, summary: '研判：定级（建议等级）、问题类别、是否属本级管辖', params: IdParam, body: ClueTriage, response: { 200: ClueDetail } } }, async (req) => {
    const actor = actorOf(req);
    await triageClue(ctx, actor, req.params.id, req.body);
    return clueDetail(ctx, actor, req.params.id, false);
  });

  app.post('/clues/:id/assignment', { schema: { tags, summary: '分办或改派线索', params: IdParam, body: ClueAssignment, response: { 200: ClueDetail } } }, async (req) => {
    const actor = actorOf(req);
    await assignClue(ctx, actor, req.params.id, req.body);
    return clueDetail(ctx, actor, req.params.id, false);
  });

  app.post('/clues/:id/disposals', { schema: { tags, summary: '提出处置意见（待审批）', params: IdParam, body: DisposalPropose, response: { 201: ClueDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    await proposeDisposal(ctx, actor, req.params.id, req.body);
    return reply.status(201).send(await clueDetail(ctx, actor, req.params.id, false));
  });

  app.post(
    '/clues/:id/disposals/:disposalId/decision',
    { schema: { tags, summary: '审批处置意见（批准或退回）', params: DisposalParams, body: DisposalDecision, response: { 200: ClueDetail } } },
    async (req) => {
      const actor = actorOf(req);
      await decideDisposal(ctx, actor, req.params.id, req.params.disposalId, req.body);
      return clueDetail(ctx, actor, req.params.id, false);
    },
  );

  app.post('/clues/:id/close', { schema: { tags, summary: '办结：记录处置结果（有举报人的须先答复）', params: IdParam, body: ClueClose, response: { 200: ClueDetail } } }, async (req) => {
    const actor = actorOf(req);
    await closeClue(ctx, actor, req.params.id, req.body.outcome);
    return clueDetail(ctx, actor, req.params.id, false);
  });

  app.post('/clues/:id/replies', { schema: { tags, summary: '答复举报人（受理告知、结果反馈、留言）', params: IdParam, body: ClueReplyCreate, response: { 201: ClueDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    await replyToReporter(ctx, actor, req.params.id, req.body);
    return reply.status(201).send(await clueDetail(ctx, actor, req.params.id, false));
  });

  app.post('/clues/:id/reporter/reveal', { schema: { tags, summary: '查看实名举报人身份（须专门权限；记入审计）', params: IdParam, response: { 200: ReporterIdentity } } }, async (req) => {
    return revealReporter(ctx, actorOf(req), req.params.id);
  });

  app.post('/clues/:id/attachments', { schema: { tags, summary: '上传线索附件（multipart，字段名 files）', params: IdParam, response: { 201: ClueDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    const { files } = await readUploads(req);
    await attachToClue(ctx, actor, req.params.id, files);
    return reply.status(201).send(await clueDetail(ctx, actor, req.params.id, false));
  });

  app.get(
    '/clues/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载线索附件（记入审计）', params: AttachmentParams, response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requireClueReader(actor);
      const v = await clueViewer(db, actor);
      const clue = await findClue(db, v, req.params.id);
      if (!clue) throw notFound();
      const file = await readAttachment(db, 'clue', req.params.id, req.params.attachmentId);
      if (!file) throw notFound();
      await db.transaction().execute((trx) =>
        recordAudit(trx, actor, { action: 'CLUE_ATTACHMENT_READ', objectType: 'clue', objectId: clue.id, orgId: clue.handler_org_id, summary: `下载线索 ${clue.ledger_no} 的附件` }, ctx.clock.now()),
      );
      return reply.header('content-type', file.mime).header('content-disposition', attachment(file.file_name, 'attachment')).send(Buffer.from(file.content));
    },
  );
}

