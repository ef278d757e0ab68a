import {
  campaignProgress,
  DEADLINE_FIELDS,
  orgPathInScopes,
  proposalEditors,
  STAGE_COMPLETED_BY,
  STAGE_DISCOVERY,
  stageOverdue,
  WORK_STAGES,
  type Actor,
  type Campaign,
  type CampaignDeadlines,
  type CampaignOrg,
  type CampaignParty,
  type CampaignStage,
  type Proposal,
  type WorkStage,
} from '@qingfeng/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { orgScope, unitScopesFor } from '../policy/scope.js';

// Who sees a campaign's orgs: those whose risk.read reaches the org as an org (not a cadre's 'self'),
// and the org assigned to cross-check it. A cadre sees only their own post forms.

/** check_campaign_orgs (co) joined to its org (o) and the cross-checking org (x): visible to the actor? */
function orgVisible(actor: Actor) {
  return (eb: Parameters<ReturnType<typeof orgScope>>[0]): Expression<SqlBool> =>
    eb.or([orgScope(actor, 'risk.read', 'co.org_id', 'o.path', { beyondSelf: true })(eb), orgScope(actor, 'risk.write', 'co.cross_org_id', 'x.path', { beyondSelf: true })(eb)]);
}

function orgRows(db: Executor) {
  return db.selectFrom('check_campaign_orgs as co').innerJoin('orgs as o', 'o.id', 'co.org_id').leftJoin('orgs as x', 'x.id', 'co.cross_org_id');
}

function orgsOf(db: Executor, actor: Actor) {
  return orgRows(db).where(orgVisible(actor));
}

export interface CampaignRow {
  id: number;
  title: string;
  year: number;
  starts_on: string;
  ends_on: string;
  deadlines: CampaignDeadlines;
  launched_by_org_id: number;
  launched_by_org: string;
  launched_by_path: string;
  status: string;
  created_at: Date;
  closed_at: Date | null;
}

function campaigns(db: Executor) {
  return db
    .selectFrom('check_campaigns as c')
    .innerJoin('orgs as l', 'l.id', 'c.launched_by_org_id')
    .select(['c.id', 'c.title', 'c.year', 'c.starts_on', 'c.ends_on', 'c.deadlines', 'c.launched_by_org_id', 'l.name as launched_by_org', 'l.path as launched_by_path', 'c.status', 'c.created_at', 'c.closed_at']);
}

/** A campaign the actor can see: one of its orgs is visible to them, or they hold one of its post forms. */
function campaignVisible(db: Executor, actor: Actor) {
  return (eb: Parameters<ReturnType<typeof orgScope>>[0]) =>
    eb.or([
      eb.exists(orgsOf(db, actor).select(sql`1`.as('one')).where('co.campaign_id', '=', sql.ref<number>('c.id'))),
      ...(actor.personId == null ? [] : [eb.exists(db.selectFrom('check_post_forms as f').select(sql`1`.as('one')).where('f.campaign_id', '=', sql.ref<number>('c.id')).where('f.person_id', '=', actor.personId))]),
    ]);
}

export async function listCampaigns(db: Executor, actor: Actor, q: { page: number; pageSize: number; year?: number | undefined }) {
  let base = campaigns(db).where(campaignVisible(db, actor));
  if (q.year) base = base.where('c.year', '=', q.year);
  const [rows, total] = await Promise.all([
    base.orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as CampaignRow[], total: Number(total.n) };
}

export async function findCampaign(db: Executor, actor: Actor, id: number, lock = false): Promise<CampaignRow | undefined> {
  let q = campaigns(db).where('c.id', '=', id).where(campaignVisible(db, actor));
  if (lock) q = q.forUpdate('c');
  return (await q.executeTakeFirst()) as CampaignRow | undefined;
}

/** Whether the actor may close the campaign: risk.campaign over the launching org. */
export const mayManage = (actor: Actor, c: Pick<CampaignRow, 'launched_by_org_id' | 'launched_by_path'>) =>
  orgPathInScopes(unitScopesFor(actor, 'risk.campaign'), c.launched_by_org_id, c.launched_by_path);

export async function presentCampaigns(db: Executor, actor: Actor, rows: CampaignRow[], today: string): Promise<Campaign[]> {
  const counts = rows.length
    ? await orgsOf(db, actor)
        .select(['co.campaign_id', 'co.stage', (eb) => eb.fn.countAll<number>().as('n')])
        .where('co.campaign_id', 'in', rows.map((r) => r.id))
        .groupBy(['co.campaign_id', 'co.stage'])
        .execute()
    : [];
  return rows.map((r) => {
    const mine = Object.fromEntries(counts.filter((c) => c.campaign_id === r.id).map((c) => [c.stage, Number(c.n)])) as Partial<Record<CampaignStage, number>>;
    return {
      id: r.id,
      title: r.title,
      year: r.year,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      deadlines: Object.fromEntries(WORK_STAGES.map((s) => [DEADLINE_FIELDS[s], r.deadlines[s]])) as Campaign['deadlines'],
      launchedByOrg: r.launched_by_org,
      status: r.status as Campaign['status'],
      createdAt: r.created_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      progress: campaignProgress(mine, r.deadlines, today),
      actions: r.status === 'open' && mayManage(actor, r) ? ['close', 'assignCrossChecker'] : [],
    };
  });
}

// ------------------------------------------------------------------ one org of a campaign

const ORG_COLUMNS = [
  'co.campaign_id',
  'co.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'o.kind as org_kind',
  'co.stage',
  'co.cross_org_id',
  'x.name as cross_org_name',
  'x.path as cross_org_path',
  'co.findings',
  'co.unit_form_submitted_at',
  'co.stage_log',
] as const;

export async function findCampaignOrg(db: Executor, actor: Actor, campaignId: number, orgId: number, lock = false) {
  let q = orgsOf(db, actor).select(ORG_COLUMNS).where('co.campaign_id', '=', campaignId).where('co.org_id', '=', orgId);
  if (lock) q = q.forUpdate('co');
  return q.executeTakeFirst();
}
export type CampaignOrgRow = NonNullable<Awaited<ReturnType<typeof findCampaignOrg>>>;

/** The org of a campaign whatever the actor's scope: for a post holder, once their form has been checked. */
export const campaignOrgOf = (db: Executor, campaignId: number, orgId: number): Promise<CampaignOrgRow> =>
  orgRows(db).select(ORG_COLUMNS).where('co.campaign_id', '=', campaignId).where('co.org_id', '=', orgId).executeTakeFirstOrThrow();

export type Parties = Record<Exclude<CampaignParty, 'holder'>, boolean>;

/** The parties the actor is to one org of a campaign (a township commission may be several). */
export function partiesOf(actor: Actor, row: Pick<CampaignOrgRow, 'org_id' | 'org_path' | 'cross_org_id' | 'cross_org_path'>): Parties {
  return {
    owner: orgPathInScopes(unitScopesFor(actor, 'risk.write'), row.org_id, row.org_path),
    reviewer: orgPathInScopes(unitScopesFor(actor, 'risk.review'), row.org_id, row.org_path),
    crossChecker: row.cross_org_id != null && orgPathInScopes(unitScopesFor(actor, 'risk.write'), row.cross_org_id, row.cross_org_path!),
  };
}

/** What the actor may do to the org now: complete its stage, add proposals, submit its unit form. */
export function orgActions(actor: Actor, campaign: Pick<CampaignRow, 'status' | 'launched_by_org_id' | 'launched_by_path'>, row: CampaignOrgRow): string[] {
  // The unit's 一览表 is read in the register's scope (a cross-checker sees the campaign's page, not the unit's register), open or closed.
  const register = orgPathInScopes(unitScopesFor(actor, 'risk.read'), row.org_id, row.org_path) ? ['downloadRegister'] : [];
  if (campaign.status !== 'open' || row.stage === 'closed') return register;
  const stage = row.stage as WorkStage;
  const parties = partiesOf(actor, row);
  const out: string[] = [];
  if (parties[STAGE_COMPLETED_BY[stage]]) out.push('complete');
  if (proposalEditors(stage).some((p) => p !== 'holder' && parties[p])) out.push('propose');
  if (stage === 'self_check' && parties.owner) out.push('submitUnitForm');
  if (mayManage(actor, campaign) && (stage === 'self_check' || stage === 'dept_review')) out.push('assignCrossChecker');
  return [...out, ...register];
}

export async function presentCampaignOrgs(
  db: Executor,
  actor: Actor,
  campaign: CampaignRow,
  rows: CampaignOrgRow[],
  today: string,
): Promise<CampaignOrg[]> {
  const ids = rows.map((r) => r.org_id);
  const [forms, proposals] = ids.length
    ? await Promise.all([
        db
          .selectFrom('check_post_forms')
          .select(['org_id', (eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('submitted_at').as('submitted')])
          .where('campaign_id', '=', campaign.id)
          .where('org_id', 'in', ids)
          .groupBy('org_id')
          .execute(),
        db
          .selectFrom('check_proposals')
          .select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('campaign_id', '=', campaign.id)
          .where('org_id', 'in', ids)
          .where('status', '<>', 'rejected')
          .groupBy('org_id')
          .execute(),
      ])
    : [[], []];
  return rows.map((r) => {
    const f = forms.find((x) => x.org_id === r.org_id);
    const stage = r.stage as CampaignStage;
    return {
      orgId: r.org_id,
      orgName: r.org_name,
      stage,
      stageDeadline: stage === 'closed' ? null : campaign.deadlines[stage],
      overdue: campaign.status === 'open' && stageOverdue(stage, campaign.deadlines, today),
      crossOrgId: r.cross_org_id,
      crossOrgName: r.cross_org_name,
      formsTotal: Number(f?.total ?? 0),
      formsSubmitted: Number(f?.submitted ?? 0),
      unitFormSubmitted: r.unit_form_submitted_at != null,
      proposalCount: Number(proposals.find((x) => x.org_id === r.org_id)?.n ?? 0),
      stagesDone: r.stage_log as CampaignOrg['stagesDone'],
      actions: orgActions(actor, campaign, r),
    };
  });
}

/** The orgs of the campaign visible to the actor, a page at a time, filtered by stage or by being overdue. */
export async function listCampaignOrgs(db: Executor, actor: Actor, campaign: CampaignRow, q: { page: number; pageSize: number; stage?: CampaignStage | undefined; overdue?: boolean | undefined }, today: string) {
  let base = orgsOf(db, actor).where('co.campaign_id', '=', campaign.id);
  if (q.stage) base = base.where('co.stage', '=', q.stage);
  if (q.overdue !== undefined) {
    const late = WORK_STAGES.filter((s) => stageOverdue(s, campaign.deadlines, today));
    const isLate = late.length ? sql<SqlBool>`co.stage IN (${sql.join(late)})` : sql<SqlBool>`false`;
    base = base.where(q.overdue && campaign.status === 'open' ? isLate : sql<SqlBool>`NOT (${isLate}) OR ${campaign.status !== 'open'}`);
  }
  const [rows, total] = await Promise.all([
    base.select(ORG_COLUMNS).orderBy('o.path').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// ------------------------------------------------------------------ post forms and proposals

const FORM_COLUMNS = [
  'f.id',
  'f.campaign_id',
  'c.title as campaign_title',
  'c.status as campaign_status',
  'c.deadlines',
  'f.org_id',
  'o.name as org_name',
  'co.stage',
  'f.post_id',
  'posts.name as post_name',
  'f.person_id',
  'people.name as person_name',
  'f.findings',
  'f.submitted_at',
] as const;

function forms(db: Executor) {
  return db
    .selectFrom('check_post_forms as f')
    .innerJoin('check_campaigns as c', 'c.id', 'f.campaign_id')
    .innerJoin('check_campaign_orgs as co', (j) => j.onRef('co.campaign_id', '=', 'f.campaign_id').onRef('co.org_id', '=', 'f.org_id'))
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .innerJoin('posts', 'posts.id', 'f.post_id')
    .innerJoin('people', 'people.id', 'f.person_id')
    .select(FORM_COLUMNS);
}
export type FormRow = Awaited<ReturnType<ReturnType<typeof forms>['executeTakeFirstOrThrow']>>;

export const formsOfOrg = (db: Executor, campaignId: number, orgId: number) =>
  forms(db).where('f.campaign_id', '=', campaignId).where('f.org_id', '=', orgId).orderBy('posts.name').orderBy('people.name').execute();

/**
 * The subjects a proposal of the org may name, for whoever sees the org in the campaign (a
 * cross-checker cannot list another unit's posts otherwise): current posts of the unit and of its
 * sections, and its leadership members.
 */
export async function subjectsOf(db: Executor, orgId: number) {
  const [posts, leaders] = await Promise.all([
    db
      .selectFrom('posts')
      .innerJoin('orgs as po', 'po.id', 'posts.org_id')
      .select(['posts.id', 'posts.name', 'posts.org_id as orgId', 'po.name as orgName'])
      .where((eb) => eb.or([eb('po.id', '=', orgId), eb.and([eb('po.parent_id', '=', orgId), eb('po.kind', '=', 'section')])]))
      .where('posts.retired_at', 'is', null)
      .orderBy('po.path')
      .orderBy('posts.name')
      .execute(),
    db.selectFrom('people').select(['id', 'name']).where('org_id', '=', orgId).where('is_leadership_member', '=', true).where('retired_at', 'is', null).orderBy('name').execute(),
  ]);
  return { posts, leaders };
}

export const formsOfPerson = (db: Executor, personId: number) => forms(db).where('f.person_id', '=', personId).orderBy('f.id', 'desc').limit(100).execute();

/** A post form is the holder's own; the org's readers see it too. */
export async function findForm(db: Executor, actor: Actor, id: number, lock = false): Promise<FormRow | undefined> {
  let q = forms(db).where('f.id', '=', id);
  if (lock) q = q.forUpdate('f');
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  if (row.person_id === actor.personId) return row;
  return (await findCampaignOrg(db, actor, row.campaign_id, row.org_id)) ? row : undefined;
}

/** `owner`: the actor is the org's officer, who may enter the form for its holder. */
export function presentForm(actor: Actor, f: FormRow, owner = false) {
  const open = f.campaign_status === 'open' && f.stage === 'self_check';
  const holder = f.person_id === actor.personId;
  return {
    id: f.id,
    campaignId: f.campaign_id,
    campaignTitle: f.campaign_title,
    orgId: f.org_id,
    orgName: f.org_name,
    postId: f.post_id,
    postName: f.post_name,
    personId: f.person_id,
    personName: f.person_name,
    findings: f.findings,
    submittedAt: f.submitted_at?.toISOString() ?? null,
    deadline: (f.deadlines as CampaignDeadlines).self_check,
    actions: open ? [...(holder ? ['propose'] : []), ...(holder || owner ? ['submit'] : [])] : [],
  };
}

const PROPOSAL_COLUMNS = [
  'p.id',
  'p.campaign_id',
  'p.org_id',
  'p.target_org_id',
  't.name as target_org_name',
  't.path as target_org_path',
  'p.form_id',
  'p.stage',
  'p.status',
  'p.object_level',
  'p.post_id',
  'posts.name as post_name',
  'p.person_id',
  'people.name as person_name',
  'p.title',
  'p.category',
  'p.manifestation',
  'p.likelihood',
  'p.impact',
  'p.measures',
  'p.risk_point_id',
] as const;

function proposals(db: Executor) {
  return db
    .selectFrom('check_proposals as p')
    .innerJoin('orgs as t', 't.id', 'p.target_org_id')
    .leftJoin('posts', 'posts.id', 'p.post_id')
    .leftJoin('people', 'people.id', 'p.person_id')
    .select(PROPOSAL_COLUMNS);
}
export type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposals>['executeTakeFirstOrThrow']>>;

export const findProposal = (db: Executor, campaignId: number, id: number, lock = false) => {
  let q = proposals(db).where('p.campaign_id', '=', campaignId).where('p.id', '=', id);
  if (lock) q = q.forUpdate('p');
  return q.executeTakeFirst();
};

/**
 * A proposal and what lets the actor see it: the campaign's org, when it is visible to them, or their
 * own post form it came from; undefined when neither (a 404). `row` is the org of the campaign either way.
 */
export async function findProposalInScope(db: Executor, actor: Actor, campaignId: number, id: number, lock = false) {
  const proposal = await findProposal(db, campaignId, id, lock);
  if (!proposal) return undefined;
  const form = proposal.form_id ? ((await findForm(db, actor, proposal.form_id)) ?? null) : null;
  const org = (await findCampaignOrg(db, actor, campaignId, proposal.org_id, lock)) ?? null;
  if (!org && form?.person_id !== actor.personId) return undefined;
  return { proposal, form, org, row: org ?? (await campaignOrgOf(db, campaignId, proposal.org_id)) };
}

export const proposalsOf = (db: Executor, campaignId: number, orgId: number, formIds?: number[]) => {
  let q = proposals(db).where('p.campaign_id', '=', campaignId).where('p.org_id', '=', orgId);
  if (formIds) q = formIds.length ? q.where('p.form_id', 'in', formIds) : q.where(sql<SqlBool>`false`);
  return q.orderBy('p.id').execute();
};

/**
 * Whether the actor may amend or reject the proposal now: the editors of the org's stage, and in the
 * self-check the holder of the form it came from (their own proposals only).
 */
export function mayEdit(actor: Actor, parties: Parties, stage: CampaignStage, p: Pick<ProposalRow, 'status'>, form: Pick<FormRow, 'person_id'> | null): boolean {
  if (p.status !== 'proposed') return false;
  return proposalEditors(stage).some((e) => (e === 'holder' ? form != null && form.person_id === actor.personId : parties[e]));
}

export async function presentProposals(
  db: Executor,
  actor: Actor,
  open: boolean,
  org: CampaignOrgRow | null,
  rows: ProposalRow[],
  formsById: Map<number, Pick<FormRow, 'person_id'>>,
): Promise<Proposal[]> {
  const events = rows.length
    ? await db.selectFrom('check_proposal_events').select(['proposal_id', 'stage', 'action', 'actor_label', 'comment', 'at']).where('proposal_id', 'in', rows.map((r) => r.id)).orderBy('id').execute()
    : [];
  const parties = org ? partiesOf(actor, org) : { owner: false, reviewer: false, crossChecker: false };
  const stage = (org?.stage ?? 'self_check') as CampaignStage;
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    orgId: r.org_id,
    targetOrgId: r.target_org_id,
    targetOrgName: r.target_org_name,
    formId: r.form_id,
    stage: r.stage as CampaignStage,
    discovery: STAGE_DISCOVERY[r.stage as WorkStage],
    status: r.status as Proposal['status'],
    objectLevel: r.object_level as Proposal['objectLevel'],
    postId: r.post_id,
    postName: r.post_name,
    personId: r.person_id,
    personName: r.person_name,
    title: r.title,
    category: r.category as Proposal['category'],
    manifestation: r.manifestation,
    likelihood: r.likelihood,
    impact: r.impact,
    measures: r.measures as Proposal['measures'],
    riskPointId: r.risk_point_id,
    history: events
      .filter((e) => e.proposal_id === r.id)
      .map((e) => ({ stage: e.stage as CampaignStage, action: e.action, actor: e.actor_label, comment: e.comment, at: e.at.toISOString() })),
    actions: open && mayEdit(actor, parties, stage, r, r.form_id ? (formsById.get(r.form_id) ?? null) : null) ? ['amend', 'reject'] : [],
  }));
}
