import { createHash } from 'node:crypto';
import { canonicalJson, commitmentText, draftCommitment, type Actor, type CommitmentSource, type DocumentBlock, type OfficialDocument } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import { verifyPassword } from '../auth/passwords.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { findCampaign } from '../check-campaigns/campaigns.repository.js';
import { findOrgInScope } from '../orgs/orgs.repository.js';
import { requirePermission } from '../policy/scope.js';
import { commitmentActions, findCommitmentInScope, type CommitmentRow } from './commitments.repository.js';

/** What a commitment is for: a year, or a self-check campaign (its year, its title, its orgs). */
export type CommitmentTarget = { year: number; campaign?: { id: number; title: string } | undefined };

/**
 * Drafts the commitment of every cadre holding a post in the org's subtree (and, for a campaign, in
 * one of the campaign's orgs) who has none for the target yet: the approved or published risk points
 * of their posts (and those about them as a leadership member) with their measures. Returns how many
 * were drafted.
 */
export async function draftCommitmentsIn(trx: Executor, orgPath: string, target: CommitmentTarget, now: Date): Promise<number> {
  const { year, campaign } = target;
  let q = trx
    .selectFrom('post_assignments as a')
    .innerJoin('posts', 'posts.id', 'a.post_id')
    .innerJoin('people', 'people.id', 'a.person_id')
    .innerJoin('orgs as o', 'o.id', 'people.org_id')
    .leftJoin('commitments as c', (j) =>
      campaign ? j.onRef('c.person_id', '=', 'people.id').on('c.campaign_id', '=', campaign.id) : j.onRef('c.person_id', '=', 'people.id').on('c.year', '=', year).on('c.campaign_id', 'is', null),
    )
    .select(['people.id as person_id', 'people.name', 'people.org_id', 'o.name as org_name', 'posts.id as post_id', 'posts.name as post_name'])
    .where('a.ended_on', 'is', null)
    .where('people.retired_at', 'is', null)
    .where('o.path', 'like', `${orgPath}%`)
    .where('c.id', 'is', null);
  if (campaign) {
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM check_campaign_orgs co JOIN orgs x ON x.id = co.org_id WHERE co.campaign_id = ${campaign.id} AND starts_with(o.path, x.path))`);
  }
  const holders = await q.orderBy('people.id').orderBy('posts.id').execute();
  if (holders.length === 0) return 0;
  const points = await trx
    .selectFrom('risk_points as p')
    .innerJoin('risk_matrices as m', 'm.id', 'p.matrix_id')
    .select(['p.id', 'p.post_id', 'p.person_id', 'p.title', 'p.level', 'm.definition', 'p.manifestation'])
    .where((eb) => eb.or([eb('p.post_id', 'in', [...new Set(holders.map((h) => h.post_id))]), eb('p.person_id', 'in', [...new Set(holders.map((h) => h.person_id))])]))
    .where('p.status', 'in', ['approved', 'published'])
    .orderBy('p.level')
    .orderBy('p.id')
    .execute();
  const measures = points.length
    ? await trx.selectFrom('risk_measures').select(['risk_point_id', 'content', 'due_on']).where('risk_point_id', 'in', points.map((p) => p.id)).orderBy('seq').execute()
    : [];
  const shape = (p: (typeof points)[number]) => ({
    title: p.title,
    levelName: (p.definition as { levels: { rank: number; name: string }[] }).levels.find((l) => l.rank === p.level)?.name ?? String(p.level),
    manifestation: p.manifestation,
    measures: measures.filter((m) => m.risk_point_id === p.id).map((m) => ({ content: m.content, dueOn: m.due_on })),
  });
  const people = new Map<number, { row: (typeof holders)[number]; source: CommitmentSource }>();
  for (const h of holders) {
    const entry = people.get(h.person_id) ?? { row: h, source: { personName: h.name, orgName: h.org_name, year, campaignTitle: campaign?.title, posts: [] } };
    entry.source.posts.push({ postName: h.post_name, points: points.filter((p) => p.post_id === h.post_id).map(shape) });
    people.set(h.person_id, entry);
  }
  const values = [...people.values()].map(({ row, source }) => {
    const own = points.filter((p) => p.person_id === row.person_id);
    if (own.length) source.posts.push({ postName: '领导班子成员', points: own.map(shape) });
    const { title, body } = draftCommitment(source);
    return { person_id: row.person_id, org_id: row.org_id, year, campaign_id: campaign?.id ?? null, title, body: JSON.stringify(body), text: commitmentText(title, body), created_at: now };
  });
  // Two drafts at once both pass the check above: the one that comes second skips whom the first drafted.
  const inserted = await trx
    .insertInto('commitments')
    .values(values)
    .onConflict((oc) =>
      campaign
        ? oc.columns(['person_id', 'campaign_id']).where('campaign_id', 'is not', null).doNothing()
        : oc.columns(['person_id', 'year']).where('campaign_id', 'is', null).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

export async function draftCommitments(ctx: AppContext, actor: Actor, input: { orgId: number; year?: number | undefined; campaignId?: number | undefined }): Promise<number> {
  requirePermission(actor, 'risk.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const org = await findOrgInScope(trx, actor, 'risk.write', input.orgId);
    if (!org) throw new AppError('not_found', '单位不存在或不在您的权限范围内');
    let target: CommitmentTarget;
    if (input.campaignId !== undefined) {
      const campaign = await findCampaign(trx, actor, input.campaignId);
      if (!campaign) throw new AppError('not_found', '风险排查不存在或不在您的权限范围内');
      if (campaign.status === 'closed') throw new AppError('campaigns.closed');
      target = { year: campaign.year, campaign: { id: campaign.id, title: campaign.title } };
    } else target = { year: input.year! };
    const n = await draftCommitmentsIn(trx, org.path, target, now);
    const what = target.campaign ? `「${target.campaign.title}」风险防范承诺书` : `${target.year}年度风险防范承诺书`;
    await recordAudit(trx, actor, { action: 'COMMITMENTS_DRAFTED', objectType: 'commitment', orgId: org.id, summary: `生成${what} ${n} 份（${org.name}）`, after: input }, now);
    return n;
  });
}

/** What is hashed at signing: who, which year, the exact text and the time. */
export const signatureHash = (personId: number, year: number, text: string, signedAt: string) =>
  createHash('sha256').update(canonicalJson({ personId, year, text, signedAt })).digest('hex');

async function commitmentFor(trx: Executor, actor: Actor, id: number, action: 'sign' | 'unitCopy' | 'file'): Promise<CommitmentRow> {
  requirePermission(actor, 'risk.read');
  const row = await findCommitmentInScope(trx, actor, id, true);
  if (!row) throw notFound();
  if (!commitmentActions(actor, row).includes(action)) {
    const allowedEver = action === 'sign' ? actor.personId === row.person_id : commitmentActions(actor, { ...row, signed_at: new Date(), unit_copy_at: null, filed_at: null }).includes(action);
    if (!allowedEver) throw forbidden();
    throw new AppError('commitments.wrong_status', action === 'sign' ? '承诺书已签署' : !row.signed_at ? '承诺书尚未签署' : '已登记，不能重复登记');
  }
  return row;
}

/** The cadre signs with their login password: the text, the time and its SHA-256 are kept. */
export async function signCommitment(ctx: AppContext, actor: Actor, id: number, password: string) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await commitmentFor(trx, actor, id, 'sign');
    const user = await trx.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, password))) throw new AppError('commitments.password_wrong');
    const signedAt = now.toISOString();
    const sha256 = signatureHash(row.person_id, row.year, row.text, signedAt);
    await trx.updateTable('commitments').set({ signed_at: now, sha256 }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'COMMITMENT_SIGNED', objectType: 'commitment', objectId: id, orgId: row.org_id, summary: `签署${row.title}`, after: { sha256, signedAt } }, now);
  });
}

export async function recordCopy(ctx: AppContext, actor: Actor, id: number, copy: 'unitCopy' | 'file') {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await commitmentFor(trx, actor, id, copy);
    await trx
      .updateTable('commitments')
      .set(copy === 'unitCopy' ? { unit_copy_at: now } : { filed_at: now, filed_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: copy === 'unitCopy' ? 'COMMITMENT_UNIT_COPY_RECORDED' : 'COMMITMENT_FILED', objectType: 'commitment', objectId: id, orgId: row.org_id, summary: `${row.person_name}的${row.title}${copy === 'unitCopy' ? '（单位留存）' : '（报纪委备案）'}` },
      now,
    );
  });
}

/** The signed commitment as an official document (GB/T 9704 layout, 承诺人 and the date in the 落款). */
export function commitmentDocument(row: CommitmentRow): OfficialDocument {
  const signedAt = new Date(row.signed_at!);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(signedAt);
  return {
    title: row.title,
    recipients: row.org_name,
    body: row.body as DocumentBlock[],
    issuer: `承诺人：${row.person_name}`,
    date,
    note: `电子签署：${signedAt.toISOString()}，SHA-256 ${row.sha256}`,
  };
}
