import {
  CAMPAIGN_STAGE_LABELS,
  crossCheckerProblem,
  deadlinesOf,
  nextCampaignStage,
  STAGE_COMPLETED_BY,
  STAGE_DISCOVERY,
  stageCompletionProblem,
  type Actor,
  type AuditAction,
  type CampaignCreate,
  type CampaignStage,
  type ProposalAmend,
  type ProposalCreate,
  type WorkStage,
} from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import type { OrgRow } from '../orgs/orgs.repository.js';
import { orgScope, requirePermission } from '../policy/scope.js';
import { actorLabel, checkSubject, insertFirstVersion, levelled, leveller, replaceMeasures } from '../risk-points/risk-points.usecases.js';
import {
  campaignOrgOf,
  findCampaign,
  findCampaignOrg,
  findForm,
  findProposalInScope,
  formsOfOrg,
  mayEdit,
  mayManage,
  partiesOf,
  proposalsOf,
  type CampaignOrgRow,
  type CampaignRow,
  type ProposalRow,
} from './campaigns.repository.js';

const invalid = (field: string, message: string) => new AppError('request.invalid', message, { issues: [{ field, message }] });

function openCampaign(c: CampaignRow | undefined): CampaignRow {
  if (!c) throw notFound();
  if (c.status !== 'open') throw new AppError('campaigns.closed');
  return c;
}

async function campaignOrgFor(trx: Executor, actor: Actor, campaignId: number, orgId: number) {
  const campaign = openCampaign(await findCampaign(trx, actor, campaignId, true));
  const org = await findCampaignOrg(trx, actor, campaignId, orgId, true);
  if (!org) throw notFound();
  return { campaign, org };
}

const audit = (action: AuditAction, c: Pick<CampaignRow, 'id' | 'title'>, orgId: number | null, summary: string, after?: unknown) => ({
  action,
  objectType: 'check_campaign',
  objectId: c.id,
  orgId,
  summary: `${summary}（风险排查「${c.title}」）`,
  ...(after !== undefined && { after }),
});

/** The campaign's rows: the orgs in 个人自查, and a 岗位自查表 for every current holder of a post of each unit or its sections. */
export async function insertCampaign(trx: Executor, input: Omit<CampaignCreate, 'orgIds' | 'subtree'>, orgIds: number[], by: { orgId: number; userId: number }, now: Date): Promise<number> {
  const { id } = await trx
    .insertInto('check_campaigns')
    .values({
      title: input.title,
      year: input.year,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      deadlines: JSON.stringify(deadlinesOf(input.deadlines)),
      launched_by_org_id: by.orgId,
      status: 'open',
      created_by: by.userId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('check_campaign_orgs').values(orgIds.map((org_id) => ({ campaign_id: id, org_id, stage: 'self_check' }))).execute();
  await sql`
    INSERT INTO check_post_forms (campaign_id, org_id, post_id, person_id)
    SELECT ${id}, co.org_id, a.post_id, a.person_id
    FROM check_campaign_orgs co
    JOIN orgs po ON po.id = co.org_id OR (po.parent_id = co.org_id AND po.kind = 'section')
    JOIN posts ON posts.org_id = po.id AND posts.retired_at IS NULL
    JOIN post_assignments a ON a.post_id = posts.id AND a.ended_on IS NULL
    JOIN people ON people.id = a.person_id AND people.retired_at IS NULL
    WHERE co.campaign_id = ${id}
    ON CONFLICT DO NOTHING`.execute(trx);
  return id;
}

/**
 * Launches a campaign over orgs the actor reviews: each org (with `subtree`, each unit under the
 * chosen orgs) starts in 个人自查, and every holder of a post in the unit or its sections gets a
 * 岗位自查表 (top-down distribution, seed 001).
 */
export async function launchCampaign(ctx: AppContext, actor: Actor, input: CampaignCreate): Promise<number> {
  requirePermission(actor, 'risk.campaign');
  if (actor.orgId == null) throw forbidden();
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const chosen = await trx.selectFrom('orgs').select(['id', 'name', 'path', 'kind', 'retired_at']).where('id', 'in', input.orgIds).where(orgScope(actor, 'risk.review', 'orgs.id', 'orgs.path', { beyondSelf: true })).execute();
    input.orgIds.forEach((id, i) => {
      const o = chosen.find((c) => c.id === id);
      if (!o || o.retired_at) throw invalid(`orgIds.${i}`, `排查范围（orgIds）：第 ${i + 1} 个单位不存在、已撤销或不在您的审核范围内`);
      if (!input.subtree && o.kind !== 'unit') throw invalid(`orgIds.${i}`, `排查范围（orgIds）：「${o.name}」不是单位；选择纪委或乡镇时请勾选“含下属单位”`);
    });
    const units = input.subtree
      ? await trx
          .selectFrom('orgs')
          .select('id')
          .where('kind', '=', 'unit')
          .where('retired_at', 'is', null)
          .where((eb) => eb.or(chosen.map((c) => eb('path', 'like', `${c.path}%`))))
          .execute()
      : chosen;
    if (units.length === 0) throw invalid('orgIds', '排查范围（orgIds）：所选范围内没有单位');
    const ids = [...new Set(units.map((u) => u.id))];
    const id = await insertCampaign(trx, input, ids, { orgId: actor.orgId!, userId: actor.userId }, now);
    await recordAudit(trx, actor, audit('CAMPAIGN_LAUNCHED', { id, title: input.title }, actor.orgId, `发起风险排查，${ids.length} 个单位`, input), now);
    return id;
  });
}

export async function closeCampaign(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'risk.campaign');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const c = openCampaign(await findCampaign(trx, actor, id, true));
    if (!mayManage(actor, c)) throw forbidden();
    await trx.updateTable('check_campaigns').set({ status: 'closed', closed_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, audit('CAMPAIGN_CLOSED', c, c.launched_by_org_id, '结束风险排查'), now);
  });
}

/** 交叉互查 by another org, assigned by the commission [001], before the org reaches that stage. */
export async function assignCrossChecker(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, crossOrgId: number): Promise<void> {
  requirePermission(actor, 'risk.campaign');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { campaign, org } = await campaignOrgFor(trx, actor, campaignId, orgId);
    if (!mayManage(actor, campaign)) throw forbidden();
    if (org.stage !== 'self_check' && org.stage !== 'dept_review') {
      throw new AppError('campaigns.wrong_stage', `该单位已进入「${CAMPAIGN_STAGE_LABELS[org.stage as CampaignStage]}」阶段，不能再更换交叉互查单位`);
    }
    const checker = await trx.selectFrom('orgs').select(['id', 'name', 'path', 'kind', 'retired_at']).where('id', '=', crossOrgId).where(orgScope(actor, 'risk.review', 'orgs.id', 'orgs.path', { beyondSelf: true })).executeTakeFirst();
    if (!checker || checker.retired_at) throw new AppError('campaigns.cross_checker_invalid', '交叉互查单位不存在、已撤销或不在您的管理范围内');
    const problem = crossCheckerProblem({ id: org.org_id, path: org.org_path, kind: org.org_kind }, checker);
    if (problem) throw new AppError('campaigns.cross_checker_invalid', problem);
    await trx.updateTable('check_campaign_orgs').set({ cross_org_id: crossOrgId }).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute();
    await recordAudit(trx, actor, audit('CAMPAIGN_CROSS_CHECKER_ASSIGNED', campaign, orgId, `指定${checker.name}交叉互查${org.org_name}`), now);
  });
}

/** 单位自查表: the org's own findings, by its discipline officer, during the self-check. */
export async function submitUnitForm(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, findings: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { campaign, org } = await campaignOrgFor(trx, actor, campaignId, orgId);
    if (!partiesOf(actor, org).owner) throw forbidden();
    if (org.stage !== 'self_check') throw new AppError('campaigns.wrong_stage', '单位自查表只能在个人自查阶段提交');
    await trx.updateTable('check_campaign_orgs').set({ findings, unit_form_submitted_at: now }).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute();
    await recordAudit(trx, actor, audit('CAMPAIGN_UNIT_FORM_SUBMITTED', campaign, orgId, `提交单位自查表（${org.org_name}）`), now);
  });
}

/**
 * 岗位自查表: submitted by its holder while the org is in the self-check, or entered by the unit's
 * officer from the paper form of a holder without an account (the audit says who did); resubmitting
 * replaces the findings.
 */
export async function submitPostForm(ctx: AppContext, actor: Actor, formId: number, findings: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const form = await findForm(trx, actor, formId, true);
    if (!form) throw notFound();
    const holder = form.person_id === actor.personId;
    if (!holder) {
      const org = await findCampaignOrg(trx, actor, form.campaign_id, form.org_id);
      if (!org || !partiesOf(actor, org).owner) throw forbidden();
    }
    if (form.campaign_status !== 'open') throw new AppError('campaigns.closed');
    if (form.stage !== 'self_check') throw new AppError('campaigns.wrong_stage', '个人自查阶段已结束，岗位自查表不能再提交');
    await trx.updateTable('check_post_forms').set({ findings, submitted_at: now }).where('id', '=', formId).execute();
    await recordAudit(trx, actor, audit('CAMPAIGN_FORM_SUBMITTED', { id: form.campaign_id, title: form.campaign_title }, form.org_id, `${holder ? '提交' : '代为录入'}岗位自查表（${form.person_name}，${form.post_name}）`), now);
  });
}

async function proposalEvent(trx: Executor, actor: Actor, proposalId: number, stage: string, action: string, comment: string | null, before: unknown, now: Date) {
  await trx
    .insertInto('check_proposal_events')
    .values({ proposal_id: proposalId, stage, action, actor_user_id: actor.userId, actor_label: actorLabel(actor), comment, before: before === null ? null : JSON.stringify(before), at: now })
    .execute();
}

/** The likelihood and impact must be on the active matrix's scales; the subject must fit the target org. */
async function checkProposal(trx: Executor, org: CampaignOrgRow, input: Pick<ProposalCreate, 'objectLevel' | 'postId' | 'personId' | 'likelihood' | 'impact'>, targetOrgId: number) {
  const target = (await trx.selectFrom('orgs').selectAll().where('id', '=', targetOrgId).executeTakeFirst()) as OrgRow | undefined;
  if (!target || !target.path.startsWith(org.org_path) || (target.id !== org.org_id && target.kind !== 'section')) {
    throw invalid('targetOrgId', '登记单位（targetOrgId）：须是被排查单位本身或其股室');
  }
  await levelled(trx, target.id, input.likelihood, input.impact);
  return checkSubject(trx, target, { objectLevel: input.objectLevel, postId: input.postId, personId: input.personId });
}

/**
 * Adds a proposed risk point. In the self-check a post holder adds to their own form (a post point of
 * that post); otherwise the stage's editor adds to the org. Every addition is attributed to its stage.
 */
export async function addProposal(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: ProposalCreate): Promise<number> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const campaign = openCampaign(await findCampaign(trx, actor, campaignId, true));
    let org = await findCampaignOrg(trx, actor, campaignId, orgId, true);
    let formId: number | null = null;
    if (input.formId) {
      const form = await findForm(trx, actor, input.formId);
      if (!form || form.campaign_id !== campaignId || form.org_id !== orgId) throw notFound();
      if (form.person_id !== actor.personId) throw forbidden();
      if (form.stage !== 'self_check') throw new AppError('campaigns.wrong_stage', '个人自查阶段已结束，不能再在岗位自查表中提出风险点');
      if (input.objectLevel !== 'post' || input.postId !== form.post_id) throw invalid('postId', '岗位（postId）：岗位自查表中只能提出本岗位的风险点');
      formId = form.id;
      // The holder is not a party to the org: their own form is what lets them add to it.
      org ??= await campaignOrgOf(trx, campaignId, orgId);
    } else {
      if (!org) throw notFound();
      const parties = partiesOf(actor, org);
      if (!mayEdit(actor, parties, org.stage as CampaignStage, { status: 'proposed' }, null)) {
        if (org.stage === 'closed') throw new AppError('campaigns.wrong_stage', '该单位的风险排查已完成');
        throw forbidden();
      }
    }
    const subject = await checkProposal(trx, org, input, input.targetOrgId ?? orgId);
    const { id } = await trx
      .insertInto('check_proposals')
      .values({
        campaign_id: campaignId,
        org_id: orgId,
        target_org_id: input.targetOrgId ?? orgId,
        form_id: formId,
        stage: org.stage,
        status: 'proposed',
        object_level: input.objectLevel,
        post_id: subject.post_id,
        person_id: subject.person_id,
        title: input.title,
        category: input.category,
        manifestation: input.manifestation,
        likelihood: input.likelihood,
        impact: input.impact,
        measures: JSON.stringify(input.measures),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await proposalEvent(trx, actor, id, org.stage, 'add', null, null, now);
    await recordAudit(trx, actor, audit('CAMPAIGN_PROPOSAL_ADDED', campaign, orgId, `${CAMPAIGN_STAGE_LABELS[org.stage as CampaignStage]}提出拟定风险点「${input.title}」`, input), now);
    return id;
  });
}

/** The proposal, locked, with its campaign and org, if the actor may change it in the org's current stage. */
async function editableProposal(trx: Executor, actor: Actor, campaignId: number, proposalId: number) {
  const campaign = openCampaign(await findCampaign(trx, actor, campaignId, true));
  const found = await findProposalInScope(trx, actor, campaignId, proposalId, true);
  if (!found) throw notFound();
  const { proposal, form, org, row } = found;
  const stage = row.stage as CampaignStage;
  const parties = org ? partiesOf(actor, org) : { owner: false, reviewer: false, crossChecker: false };
  if (proposal.status !== 'proposed') throw new AppError('campaigns.wrong_stage', proposal.status === 'rejected' ? '该拟定风险点已被否定' : '该拟定风险点已转为风险点');
  if (!mayEdit(actor, parties, stage, proposal, form)) throw forbidden();
  return { campaign, proposal, stage, row };
}

export async function amendProposal(ctx: AppContext, actor: Actor, campaignId: number, proposalId: number, input: ProposalAmend): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { campaign, proposal, stage } = await editableProposal(trx, actor, campaignId, proposalId);
    
    const merged = {
      objectLevel: input.objectLevel ?? (proposal.object_level as ProposalCreate['objectLevel']),
      postId: input.postId !== undefined ? input.postId : proposal.post_id,
      personId: input.personId !== undefined ? input.personId : proposal.person_id,
      likelihood: input.likelihood ?? proposal.likelihood,
      impact: input.impact ?? proposal.impact,
    };
    // A post form's proposal stays about that post while the self-check lasts.
    if (proposal.form_id && stage === 'self_check' && (merged.objectLevel !== 'post' || merged.postId !== proposal.post_id)) {
      throw invalid('postId', '岗位（postId）：岗位自查表中只能提出本岗位的风险点');
    }
    const subject = await checkProposal(trx, await campaignOrgOf(trx, campaignId, proposal.org_id), merged, proposal.target_org_id);
    const before = { title: proposal.title, objectLevel: proposal.object_level, postId: proposal.post_id, personId: proposal.person_id, category: proposal.category, manifestation: proposal.manifestation, likelihood: proposal.likelihood, impact: proposal.impact, measures: proposal.measures };
    await trx
      .updateTable('check_proposals')
      .set({
        object_level: merged.objectLevel,
        post_id: subject.post_id,
        person_id: subject.person_id,
        likelihood: merged.likelihood,
        impact: merged.impact,
        ...(input.title !== undefined && { title: input.title }),
        ...(input.category !== undefined && { category: input.category }),
        ...(input.manifestation !== undefined && { manifestation: input.manifestation }),
        ...(input.measures !== undefined && { measures: JSON.stringify(input.measures) }),
        updated_at: now,
      })
      .where('id', '=', proposalId)
      .execute();
    await proposalEvent(trx, actor, proposalId, stage, 'amend', input.comment ?? null, before, now);
    await recordAudit(trx, actor, audit('CAMPAIGN_PROPOSAL_AMENDED', campaign, proposal.org_id, `${CAMPAIGN_STAGE_LABELS[stage]}修改拟定风险点「${proposal.title}」`, input), now);
  });
}

export async function rejectProposal(ctx: AppContext, actor: Actor, campaignId: number, proposalId: number, comment: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { campaign, proposal, stage } = await editableProposal(trx, actor, campaignId, proposalId);
    await trx.updateTable('check_proposals').set({ status: 'rejected', updated_at: now }).where('id', '=', proposalId).execute();
    await proposalEvent(trx, actor, proposalId, stage, 'reject', comment, null, now);
    await recordAudit(trx, actor, audit('CAMPAIGN_PROPOSAL_REJECTED', campaign, proposal.org_id, `${CAMPAIGN_STAGE_LABELS[stage]}否定拟定风险点「${proposal.title}」`, { comment }), now);
  });
}

/**
 * The commission's review ends the org's campaign: each standing proposal becomes an approved risk
 * point of its target org (levelled by the active matrix, 查找方式 from the stage that found it).
 */
async function acceptProposals(trx: Executor, actor: Actor, campaign: CampaignRow, standing: ProposalRow[], now: Date): Promise<number> {
  if (standing.length === 0) return 0;
  const level = await leveller(trx, standing.map((p) => p.target_org_id));
  for (const p of standing) {
    const id = await insertFirstVersion(trx, {
      org_id: p.target_org_id,
      object_level: p.object_level,
      post_id: p.post_id,
      person_id: p.person_id,
      title: p.title,
      category: p.category,
      manifestation: p.manifestation,
      likelihood: p.likelihood,
      impact: p.impact,
      ...level(p.target_org_id, p.likelihood, p.impact),
      discovery: STAGE_DISCOVERY[p.stage as WorkStage],
      status: 'approved',
      reviewed_at: now,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await replaceMeasures(trx, id, p.measures as ProposalCreate['measures']);
    await trx.insertInto('risk_point_events').values({ risk_point_id: id, action: 'approve', actor_user_id: actor.userId, actor_label: actorLabel(actor), comment: `风险排查「${campaign.title}」纪委审查通过`, at: now }).execute();
    await trx.updateTable('check_proposals').set({ status: 'accepted', risk_point_id: id, updated_at: now }).where('id', '=', p.id).execute();
    await proposalEvent(trx, actor, p.id, 'commission_review', 'accept', null, null, now);
  }
  return standing.length;
}

/** Ends the org's current stage, by the party that stage belongs to, once its work is complete. */
export async function completeStage(ctx: AppContext, actor: Actor, campaignId: number, orgId: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { campaign, org } = await campaignOrgFor(trx, actor, campaignId, orgId);
    const stage = org.stage as CampaignStage;
    if (stage === 'closed') throw new AppError('campaigns.wrong_stage', '该单位的风险排查已完成');
    if (!partiesOf(actor, org)[STAGE_COMPLETED_BY[stage]]) throw forbidden();
    const [forms, proposals] = await Promise.all([formsOfOrg(trx, campaignId, orgId), proposalsOf(trx, campaignId, orgId)]);
    const standing = proposals.filter((p) => p.status === 'proposed');
    const problem = stageCompletionProblem({
      stage,
      missingForms: forms.filter((f) => !f.submitted_at).map((f) => `${f.person_name}（${f.post_name}）`),
      unitFormSubmitted: org.unit_form_submitted_at != null,
      crossCheckerAssigned: org.cross_org_id != null,
      proposals: standing.map((p) => ({ title: p.title, measures: p.measures as { owner: string; dueOn: string }[] })),
    });
    if (problem) throw new AppError('campaigns.stage_unfinished', problem);
    const accepted = stage === 'commission_review' ? await acceptProposals(trx, actor, campaign, standing, now) : 0;
    const log = [...(org.stage_log as unknown[]), { stage, at: now.toISOString(), by: actorLabel(actor) }];
    await trx
      .updateTable('check_campaign_orgs')
      .set({ stage: nextCampaignStage(stage)!, stage_log: JSON.stringify(log) })
      .where('campaign_id', '=', campaignId)
      .where('org_id', '=', orgId)
      .execute();
    const summary = `完成${CAMPAIGN_STAGE_LABELS[stage]}（${org.org_name}）${stage === 'commission_review' ? `，${accepted} 个拟定风险点转为已审核风险点` : ''}`;
    await recordAudit(trx, actor, audit('CAMPAIGN_STAGE_COMPLETED', campaign, orgId, summary), now);
  });
}
