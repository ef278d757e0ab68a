import {
  formatSerial,
  OPINION_SERIAL_TEMPLATE,
  opinionDocument,
  opinionFindings,
  suggestOpinionCategory,
  todayIn,
  type Actor,
  type IntegrityOpinionCreate,
} from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { renderOfficialDocx } from '../documents/index.js';
import type { Executor } from '../db/types.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { nextNumber } from '../numbering/numbering.js';
import { personScope, requirePermission } from '../policy/scope.js';
import { opinionFacts } from './opinions.facts.js';
import { findOpinion } from './opinions.repository.js';

/** The category the archive suggests for each cadre of a reply, as of now. */
export async function suggestedCategories(db: Executor, opinion: { period_from: string; period_to: string; people: { personId: number }[] | null }) {
  const settings = await readSetting(db, 'opinions');
  const codes = settings.categories.map((c) => c.code);
  const map = new Map<number, string>();
  for (const p of opinion.people ?? []) map.set(p.personId, suggestOpinionCategory(await opinionFacts(db, p.personId, opinion.period_from, opinion.period_to), codes));
  return map;
}

/** Drafts the reply: for each cadre the findings of the period and the suggested conclusion. */
export async function draftOpinion(ctx: AppContext, actor: Actor, input: IntegrityOpinionCreate): Promise<number> {
  requirePermission(actor, 'opinions.draft');
  const now = ctx.clock.now();
  if (input.periodEnd > todayIn(now)) throw invalid('periodEnd', '所询期间不能晚于今天');
  return ctx.database.db.transaction().execute(async (trx) => {
    const people = await trx
      .selectFrom('people')
      .select(['people.id', 'people.name'])
      .where('people.id', 'in', input.personIds)
      .where(personScope(actor, 'opinions.draft', { org: 'people.org_id', person: 'people.id' }))
      .execute();
    const missing = input.personIds.filter((id) => !people.some((p) => p.id === id));
    if (missing.length) throw new AppError('not_found', `人员 ${missing.join('、')} 不存在或不在您的权限范围内`);
    const settings = await readSetting(trx, 'opinions');
    const codes = settings.categories.map((c) => c.code);
    const { id } = await trx
      .insertInto('integrity_opinions')
      .values({
        requester: input.requester,
        request_ref: input.requestRef ?? null,
        requested_on: input.requestedOn,
        purpose: input.purpose,
        period_from: input.periodStart,
        period_to: input.periodEnd,
        status: 'draft',
        drafted_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [position, personId] of input.personIds.entries()) {
      const facts = await opinionFacts(trx, personId, input.periodStart, input.periodEnd);
      const category = suggestOpinionCategory(facts, codes);
      await trx
        .insertInto('integrity_opinion_people')
        .values({
          opinion_id: id,
          person_id: personId,
          position,
          category,
          conclusion: settings.categories.find((c) => c.code === category)!.conclusion,
          findings: JSON.stringify(opinionFindings(facts, settings.pendingClues)),
        })
        .execute();
    }
    await recordAudit(trx, actor, { action: 'OPINION_DRAFTED', objectType: 'integrity_opinion', objectId: id, summary: `起草党风廉政意见回复（${people.map((p) => p.name).join('、')}）`, after: { ...input } }, now);
    return id;
  });
}

async function opinionFor(db: Executor, id: number) {
  const o = await findOpinion(db, id);
  if (!o) throw notFound();
  return o;
}

/** The drafter (or another drafter) chooses the conclusion among the configured categories. */
export async function chooseCategory(ctx: AppContext, actor: Actor, id: number, personId: number, category: string): Promise<void> {
  requirePermission(actor, 'opinions.draft');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const o = await opinionFor(trx, id);
    if (o.status !== 'draft') throw new AppError('opinions.not_draft');
    const settings = await readSetting(trx, 'opinions');
    const c = settings.categories.find((x) => x.code === category);
    if (!c) throw new AppError('opinions.category_unknown', `结论类别“${category}”不在配置的类别之中`, { issues: [{ field: 'conclusionCategory', message: '不在配置的类别之中' }] });
    const updated = await trx.updateTable('integrity_opinion_people').set({ category, conclusion: c.conclusion }).where('opinion_id', '=', id).where('person_id', '=', personId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound();
    await recordAudit(trx, actor, { action: 'OPINION_DRAFTED', objectType: 'integrity_opinion', objectId: id, summary: `意见回复结论改为“${c.label}”`, after: { personId, category } }, now);
  });
}

export async function submitOpinion(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'opinions.draft');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const o = await opinionFor(trx, id);
    if (o.status !== 'draft') throw new AppError('opinions.not_draft');
    await trx.updateTable('integrity_opinions').set({ status: 'submitted', submitted_at: now, review_note: null }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'OPINION_SUBMITTED', objectType: 'integrity_opinion', objectId: id, summary: '提交党风廉政意见回复审核' }, now);
  });
}

async function reviewable(trx: Executor, actor: Actor, id: number) {
  requirePermission(actor, 'opinions.approve');
  const o = await opinionFor(trx, id);
  if (o.status !== 'submitted') throw new AppError('opinions.not_submitted');
  if (o.drafted_by === actor.userId) throw new AppError('opinions.same_person');
  return o;
}

/** A second person approves: the reply gets its 文号 and date and can be downloaded. */
export async function approveOpinion(ctx: AppContext, actor: Actor, id: number, note: string | null): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await reviewable(trx, actor, id);
    const today = todayIn(now);
    const year = Number(today.slice(0, 4));
    const serial = formatSerial(OPINION_SERIAL_TEMPLATE, { year, seq: await nextNumber(trx, 'integrity_opinion', year) });
    await trx
      .updateTable('integrity_opinions')
      .set({ status: 'approved', serial_no: serial, replied_on: today, reviewed_by: actor.userId, reviewed_at: now, review_note: note })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'OPINION_APPROVED', objectType: 'integrity_opinion', objectId: id, summary: `审核通过党风廉政意见回复 ${serial}` }, now);
  });
}

export async function returnOpinion(ctx: AppContext, actor: Actor, id: number, note: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await reviewable(trx, actor, id);
    await trx.updateTable('integrity_opinions').set({ status: 'draft', review_note: note, reviewed_by: null, reviewed_at: null }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'OPINION_RETURNED', objectType: 'integrity_opinion', objectId: id, summary: `退回党风廉政意见回复：${note}` }, now);
  });
}

/** The approved reply in the official layout (Word); the download is audited. */
export async function opinionDocx(ctx: AppContext, actor: Actor, id: number): Promise<{ bytes: Buffer; fileName: string }> {
  const db = ctx.database.db;
  const o = await opinionFor(db, id);
  if (o.status !== 'approved') throw new AppError('opinions.not_approved');
  const settings = await readSetting(db, 'opinions');
  const doc = opinionDocument(
    {
      serialNo: o.serial_no!,
      requester: o.requester,
      requestRef: o.request_ref,
      purpose: o.purpose,
      periodStart: o.period_from,
      periodEnd: o.period_to,
      repliedOn: o.replied_on!,
      people: (o.people ?? []).map((p) => ({ name: p.name, orgName: p.orgName, findings: p.findings, conclusion: p.conclusion })),
    },
    settings,
  );
  const bytes = await renderOfficialDocx(doc);
  await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'OPINION_DOWNLOADED', objectType: 'integrity_opinion', objectId: id, summary: `下载党风廉政意见回复 ${o.serial_no}（Word）` }, ctx.clock.now()));
  return { bytes, fileName: `${o.serial_no}.docx` };
}
