import {
  AttachmentParams,
  DISPOSAL_MEASURES,
  ErrorBody,
  IdParam,
  NoticeParams,
  Page,
  todayIn,
  Warning,
  WarningAnswerFields,
  WarningBackRegister,
  WarningConfig,
  WarningDetail,
  WarningFiling,
  WarningIssue,
  WarningLevelParam,
  WarningLevelRuleUpdate,
  WarningReview,
  WarningsQuery,
  WarningSweepResult,
  WarningTalkRecord,
  WarningTalkSchedule,
  type Actor,
} from '@qingfeng/core';
import { readAttachment, readUploads } from '../attachments/attachments.store.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { attachment } from '../http/attachment.js';
import { invalidRequest, notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { AnswerUpload, FileBytes } from './warnings.schemas.js';
import { ANSWER_OWNER, findWarningInScope, listWarningsInScope, loadWarningConfig, presentWarning, warningDetail } from './warnings.repository.js';
import { renderNotice } from './warnings.notices.js';
import { sweepOverdue } from './warnings.sweep.js';
import {
  acknowledgeWarning,
  answerWarning,
  backRegisterWarning,
  escalateWarning,
  issueWarning,
  recordFiling,
  recordTalk,
  reviewWarning,
  scheduleTalk,
  updateLevelRule,
} from './warnings.usecases.js';

const tags = ['warnings'];

export async function warningsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const today = () => todayIn(ctx.clock.now());

  async function detail(actor: Actor, id: number) {
    requirePermission(actor, 'warnings.read');
    const row = await findWarningInScope(db, actor, 'warnings.read', id);
    if (!row) throw notFound();
    return warningDetail(db, actor, row, today());
  }

  const config = async () => ({ ...(await loadWarningConfig(db)), measures: { person: [...DISPOSAL_MEASURES.person], org: [...DISPOSAL_MEASURES.org] } });

  app.get('/warnings', { schema: { tags, summary: '预警列表（本人权限范围内）', querystring: WarningsQuery, response: { 200: Page(Warning) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'warnings.read');
    const [{ rows, total }, cfg] = await Promise.all([listWarningsInScope(db, actor, req.query, today()), loadWarningConfig(db)]);
    return { items: rows.map((r) => presentWarning(actor, r, cfg, today())), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/warnings/config', { schema: { tags, summary: '预警等级设置：各级要求、答复时限（工作日）、颜色、处置措施字典', response: { 200: WarningConfig } } }, async (req) => {
    requirePermission(actorOf(req), 'warnings.read');
    return config();
  });

  app.patch(
    '/warnings/config/levels/:level',
    { schema: { tags, summary: '修改一个预警等级的要求、时限或颜色（只影响此后发出的预警）', params: WarningLevelParam, body: WarningLevelRuleUpdate, response: { 200: WarningConfig } } },
    async (req) => {
      await updateLevelRule(ctx, actorOf(req), req.params.level, req.body);
      return config();
    },
  );

  app.post(
    '/warnings',
    {
      schema: {
        tags,
        summary: '发出预警（由线索或直接依据事实）；生成预警通知书/整改通知书（及三级的诫勉谈话通知）并编文号',
        description: '期限缺省为本级答复时限（工作日，按节假日历）；指定的期限落在休息日时顺延到下一个工作日；不能早于今天。',
        body: WarningIssue,
        response: { 201: WarningDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await issueWarning(ctx, actor, req.body);
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.post(
    '/warnings/back-registrations',
    { schema: { tags, summary: '补录纸质预警（原文号、原日期，标记为补录；此后按同一规则升级）', body: WarningBackRegister, response: { 201: WarningDetail, 400: ErrorBody, 409: ErrorBody } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await backRegisterWarning(ctx, actor, req.body);
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.post('/warnings/sweep', { schema: { tags, summary: '立即执行逾期预警升级（服务内部也定时执行）', response: { 200: WarningSweepResult } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'warnings.sweep');
    return sweepOverdue(ctx.database, ctx.clock.now(), actor, true);
  });

  app.get('/warnings/:id', { schema: { tags, summary: '预警详情：要求、期限、通知、答复、审核、升级链；发出方另见线索、依据与审计记录', params: IdParam, response: { 200: WarningDetail } } }, async (req) =>
    detail(actorOf(req), req.params.id),
  );

  app.post('/warnings/:id/acknowledge', { schema: { tags, summary: '签收预警通知（被预警人或单位）', params: IdParam, response: { 200: WarningDetail } } }, async (req) => {
    const actor = actorOf(req);
    await acknowledgeWarning(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  app.post(
    '/warnings/:id/answers',
    {
      schema: {
        tags,
        summary: '提交答复（情况说明、原因剖析、整改措施、整改情况报告，附件）',
        description: 'multipart/form-data：文本字段 explanation、causes、measures、report（按本级要求必填），附件字段 files。',
        consumes: ['multipart/form-data'],
        params: IdParam,
        body: AnswerUpload,
        response: { 200: WarningDetail, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'warnings.answer');
      const { fields, files } = await readUploads(req);
      const parsed = WarningAnswerFields.safeParse(fields);
      if (!parsed.success) throw invalidRequest(parsed.error);
      await answerWarning(ctx, actor, req.params.id, parsed.data, files);
      return detail(actor, req.params.id);
    },
  );

  app.post(
    '/warnings/:id/review',
    { schema: { tags, summary: '审核答复：整改到位（办结）或整改不到位（写明理由，升级为上一级预警；三级移送问责）', params: IdParam, body: WarningReview, response: { 200: WarningDetail, 409: ErrorBody } } },
    async (req) => {
      const actor = actorOf(req);
      await reviewWarning(ctx, actor, req.params.id, req.body);
      return detail(actor, req.params.id);
    },
  );

  app.post('/warnings/:id/escalate', { schema: { tags, summary: '逾期预警立即升级（同自动升级规则）', params: IdParam, response: { 200: WarningDetail, 409: ErrorBody } } }, async (req) => {
    const actor = actorOf(req);
    await escalateWarning(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  app.post('/warnings/:id/talk', { schema: { tags, summary: '安排诫勉谈话（三级预警）', params: IdParam, body: WarningTalkSchedule, response: { 200: WarningDetail } } }, async (req) => {
    const actor = actorOf(req);
    await scheduleTalk(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/warnings/:id/talk-record', { schema: { tags, summary: '记录诫勉谈话（日期、参加人员、谈话记录）', params: IdParam, body: WarningTalkRecord, response: { 200: WarningDetail } } }, async (req) => {
    const actor = actorOf(req);
    await recordTalk(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/warnings/:id/filing', { schema: { tags, summary: '记录抄送同级组织人事部门备案', params: IdParam, body: WarningFiling, response: { 200: WarningDetail } } }, async (req) => {
    const actor = actorOf(req);
    await recordFiling(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.get(
    '/warnings/:id/notices/:noticeId/:format',
    { schema: { tags, summary: '下载预警通知书/整改通知书/诫勉谈话通知（Word 或 PDF，GB/T 9704 版式；下载记入审计）', params: NoticeParams, response: { 200: FileBytes } } },
    async (req, reply) => {
      const { bytes, fileName, mime } = await renderNotice(ctx, actorOf(req), req.params.id, req.params.noticeId, req.params.format);
      return reply.header('content-type', mime).header('content-disposition', attachment(fileName, `notice.${req.params.format}`)).send(bytes);
    },
  );

  app.get('/warnings/:id/attachments/:attachmentId', { schema: { tags, summary: '下载答复附件', params: AttachmentParams, response: { 200: FileBytes } } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'warnings.read');
    const row = await findWarningInScope(db, actor, 'warnings.read', req.params.id);
    if (!row) throw notFound();
    const owner = await db
      .selectFrom('attachments as f')
      .innerJoin('warning_answers as a', (j) => j.onRef('a.id', '=', 'f.owner_id').on('f.owner_type', '=', ANSWER_OWNER))
      .select('a.id')
      .where('f.id', '=', req.params.attachmentId)
      .where('a.warning_id', '=', row.id)
      .executeTakeFirst();
    const file = owner && (await readAttachment(db, ANSWER_OWNER, owner.id, req.params.attachmentId));
    if (!file) throw notFound();
    return reply.header('content-type', file.mime).header('content-disposition', attachment(file.file_name, 'attachment')).send(file.content);
  });
}
