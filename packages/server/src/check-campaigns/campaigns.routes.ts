import {
  Campaign,
  CampaignCreate,
  CampaignOrg,
  CampaignOrgDetail,
  CampaignOrgParams,
  CampaignOrgsQuery,
  CampaignsQuery,
  CrossCheckerAssign,
  IdParam,
  Page,
  PostForm,
  PostFormSubmit,
  Proposal,
  ProposalAmend,
  ProposalCreate,
  ProposalParams,
  ProposalReject,
  todayIn,
  UnitFormSubmit,
  type Actor,
} from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findOrgInScope } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { REGISTER_MIME, sendRegister } from '../risk-points/risk-points.register-download.js';
import {
  campaignOrgOf,
  findCampaign,
  findCampaignOrg,
  findForm,
  findProposalInScope,
  formsOfOrg,
  formsOfPerson,
  listCampaignOrgs,
  partiesOf,
  listCampaigns,
  presentCampaignOrgs,
  presentCampaigns,
  presentForm,
  presentProposals,
  proposalsOf,
  subjectsOf,
} from './campaigns.repository.js';
import { addProposal, amendProposal, assignCrossChecker, closeCampaign, completeStage, launchCampaign, rejectProposal, submitPostForm, submitUnitForm } from './campaigns.usecases.js';

const tags = ['check-campaigns'];

export async function checkCampaignsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const today = () => todayIn(ctx.clock.now());

  async function campaign(actor: Actor, id: number) {
    const row = await findCampaign(db, actor, id);
    if (!row) throw notFound();
    return row;
  }

  async function presented(actor: Actor, id: number) {
    const [c] = await presentCampaigns(db, actor, [await campaign(actor, id)], today());
    return c!;
  }

  async function orgDetail(actor: Actor, campaignId: number, orgId: number) {
    const c = await campaign(actor, campaignId);
    const row = await findCampaignOrg(db, actor, campaignId, orgId);
    if (!row) throw notFound();
    const [[summary], forms, proposals, subjects] = await Promise.all([
      presentCampaignOrgs(db, actor, c, [row], today()),
      formsOfOrg(db, campaignId, orgId),
      proposalsOf(db, campaignId, orgId),
      subjectsOf(db, orgId),
    ]);
    const formsById = new Map(forms.map((f) => [f.id, f]));
    return {
      ...summary!,
      campaignId: c.id,
      campaignTitle: c.title,
      findings: row.findings,
      forms: forms.map((f) => presentForm(actor, f, partiesOf(actor, row).owner)),
      proposals: await presentProposals(db, actor, c.status === 'open', row, proposals, formsById),
      ...subjects,
    };
  }

  /** A post form with the proposals made on it: the holder's view (the org's readers see it too). */
  async function formDetail(actor: Actor, formId: number) {
    const form = await findForm(db, actor, formId);
    if (!form) throw notFound();
    const org = (await findCampaignOrg(db, actor, form.campaign_id, form.org_id)) ?? (await campaignOrgOf(db, form.campaign_id, form.org_id));
    const proposals = await proposalsOf(db, form.campaign_id, form.org_id, [form.id]);
    return { ...presentForm(actor, form, partiesOf(actor, org).owner), proposals: await presentProposals(db, actor, form.campaign_status === 'open', org, proposals, new Map([[form.id, form]])) };
  }

  app.get('/check-campaigns', { schema: { tags, summary: '风险排查列表（含各阶段进度；只统计本人可见的单位）', querystring: CampaignsQuery, response: { 200: Page(Campaign) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    const { rows, total } = await listCampaigns(db, actor, req.query);
    return { items: await presentCampaigns(db, actor, rows, today()), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post(
    '/check-campaigns',
    { schema: { tags, summary: '发起风险排查（自上而下向各单位下发单位自查表、向在岗人员下发岗位自查表）', body: CampaignCreate, response: { 201: Campaign } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await launchCampaign(ctx, actor, req.body);
      return reply.status(201).send(await presented(actor, id));
    },
  );

  app.get('/check-campaigns/my-forms', { schema: { tags, summary: '我的岗位自查表', response: { 200: z.object({ items: z.array(PostForm) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return { items: actor.personId == null ? [] : (await formsOfPerson(db, actor.personId)).map((f) => presentForm(actor, f)) };
  });

  app.get('/check-campaigns/forms/:id', { schema: { tags, summary: '岗位自查表（含本表提出的拟定风险点）', params: IdParam, response: { 200: PostForm.extend({ proposals: z.array(Proposal) }) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return formDetail(actor, req.params.id);
  });

  app.post(
    '/check-campaigns/forms/:id/submit',
    { schema: { tags, summary: '提交岗位自查表（本人，个人自查阶段内可重新提交）', params: IdParam, body: PostFormSubmit, response: { 200: PostForm.extend({ proposals: z.array(Proposal) }) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      await submitPostForm(ctx, actor, req.params.id, req.body.findings);
      return formDetail(actor, req.params.id);
    },
  );

  app.get('/check-campaigns/:id', { schema: { tags, summary: '风险排查详情与进度', params: IdParam, response: { 200: Campaign } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'risk.read');
    return presented(actor, req.params.id);
  });

  app.post('/check-campaigns/:id/close', { schema: { tags, summary: '结束风险排查（未完成的单位保留其所处阶段）', params: IdParam, response: { 200: Campaign } } }, async (req) => {
    const actor = actorOf(req);
    await closeCampaign(ctx, actor, req.params.id);
    return presented(actor, req.params.id);
  });

  app.get(
    '/check-campaigns/:id/orgs',
    { schema: { tags, summary: '各单位排查进度（按阶段、是否逾期筛选：谁还没有完成）', params: IdParam, querystring: CampaignOrgsQuery, response: { 200: Page(CampaignOrg) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      const c = await campaign(actor, req.params.id);
      const { rows, total } = await listCampaignOrgs(db, actor, c, req.query, today());
      return { items: await presentCampaignOrgs(db, actor, c, rows, today()), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/check-campaigns/:id/orgs/:orgId',
    { schema: { tags, summary: '一个单位的排查情况：单位自查表、岗位自查表、拟定风险点及其处理记录', params: CampaignOrgParams, response: { 200: CampaignOrgDetail } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      return orgDetail(actor, req.params.id, req.params.orgId);
    },
  );

  app.get(
    '/check-campaigns/:id/orgs/:orgId/register',
    {
      schema: {
        tags,
        summary: '排查单位的《风险识别防控一览表》（Excel、Word 或 PDF；含下属股室的已审核和已公示风险点，三种格式所列相同；记入审计）',
        params: CampaignOrgParams,
        querystring: z.object({ format: z.enum(['xlsx', 'docx', 'pdf']).default('xlsx') }),
        produces: Object.values(REGISTER_MIME),
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      await campaign(actor, req.params.id);
      if (!(await findCampaignOrg(db, actor, req.params.id, req.params.orgId))) throw notFound();
      // The points are read in the actor's register scope: one who sees the campaign's org but not its
      // register (a cross-checker) gets no 一览表, as from the register's own export.
      const org = await findOrgInScope(db, actor, 'risk.read', req.params.orgId);
      if (!org) throw notFound();
      return sendRegister(ctx, reply, actor, org, req.query.format, { campaignId: req.params.id, orgId: org.id, format: req.query.format });
    },
  );

  app.put(
    '/check-campaigns/:id/orgs/:orgId/cross-checker',
    { schema: { tags, summary: '指定交叉互查单位（纪委；该单位进入交叉互查之前）', params: CampaignOrgParams, body: CrossCheckerAssign, response: { 200: CampaignOrgDetail } } },
    async (req) => {
      const actor = actorOf(req);
      await assignCrossChecker(ctx, actor, req.params.id, req.params.orgId, req.body.crossOrgId);
      return orgDetail(actor, req.params.id, req.params.orgId);
    },
  );

  app.put(
    '/check-campaigns/:id/orgs/:orgId/unit-form',
    { schema: { tags, summary: '提交单位自查表（个人自查阶段；可重新提交）', params: CampaignOrgParams, body: UnitFormSubmit, response: { 200: CampaignOrgDetail } } },
    async (req) => {
      const actor = actorOf(req);
      await submitUnitForm(ctx, actor, req.params.id, req.params.orgId, req.body.findings);
      return orgDetail(actor, req.params.id, req.params.orgId);
    },
  );

  app.post(
    '/check-campaigns/:id/orgs/:orgId/complete',
    {
      schema: {
        tags,
        summary: '完成本阶段：个人自查、部门评查由本单位完成，交叉互查由指定单位完成，纪委审查由审核机关完成（审查通过的拟定风险点转为已审核风险点）',
        params: CampaignOrgParams,
        response: { 200: CampaignOrgDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await completeStage(ctx, actor, req.params.id, req.params.orgId);
      return orgDetail(actor, req.params.id, req.params.orgId);
    },
  );

  app.post(
    '/check-campaigns/:id/orgs/:orgId/proposals',
    { schema: { tags, summary: '提出拟定风险点（本阶段的查找人；个人自查时岗位人员在本人岗位自查表中提出）', params: CampaignOrgParams, body: ProposalCreate, response: { 201: Proposal } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      const id = await addProposal(ctx, actor, req.params.id, req.params.orgId, req.body);
      return reply.status(201).send(await proposalView(actor, req.params.id, id));
    },
  );

  async function proposalView(actor: Actor, campaignId: number, id: number) {
    const c = await campaign(actor, campaignId);
    const found = await findProposalInScope(db, actor, campaignId, id);
    if (!found) throw notFound();
    const { proposal, form, row } = found;
    const [view] = await presentProposals(db, actor, c.status === 'open', row, [proposal], new Map(form ? [[form.id, form]] : []));
    return view!;
  }

  app.patch(
    '/check-campaigns/:id/proposals/:proposalId',
    { schema: { tags, summary: '修改拟定风险点（记录修改人、阶段和修改前内容）', params: ProposalParams, body: ProposalAmend, response: { 200: Proposal } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      await amendProposal(ctx, actor, req.params.id, req.params.proposalId, req.body);
      return proposalView(actor, req.params.id, req.params.proposalId);
    },
  );

  app.post(
    '/check-campaigns/:id/proposals/:proposalId/reject',
    { schema: { tags, summary: '否定拟定风险点（须填写理由）', params: ProposalParams, body: ProposalReject, response: { 200: Proposal } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'risk.read');
      await rejectProposal(ctx, actor, req.params.id, req.params.proposalId, req.body.comment);
      return proposalView(actor, req.params.id, req.params.proposalId);
    },
  );
}
