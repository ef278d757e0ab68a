import { todayIn, type Actor } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { warningScope } from '../warnings/warnings.repository.js';
import { composeBulletin } from './bulletins.compose.js';
import { bulletinItems, findBulletin, warningIdsOf } from './bulletins.repository.js';

export interface BulletinInput {
  title: string;
  intro: string;
  redaction: 'redacted' | 'named';
  warningIds: number[];
}

/** Only warnings the author may read go into a bulletin. */
async function checkWarnings(trx: Executor, actor: Actor, ids: number[]) {
  const found = await trx.selectFrom('warnings as w').innerJoin('orgs as so', 'so.id', 'w.subject_org_id').select('w.id').where('w.id', 'in', ids).where(warningScope(actor, 'warnings.read')).execute();
  const missing = [...new Set(ids)].filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new AppError('not_found', `预警 ${missing.join('、')} 不存在或不在您的权限范围内`);
}

export async function createBulletin(ctx: AppContext, actor: Actor, input: BulletinInput): Promise<number> {
  requirePermission(actor, 'bulletins.write');
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await checkWarnings(trx, actor, input.warningIds);
    const { id } = await trx.insertInto('bulletins').values({ title: input.title, intro: input.intro, redaction: input.redaction, created_by: actor.userId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('bulletin_warnings').values([...new Set(input.warningIds)].map((w) => ({ bulletin_id: id, warning_id: w }))).execute();
    await recordAudit(trx, actor, { action: 'BULLETIN_CREATED', objectType: 'bulletin', objectId: id, summary: `编写通报「${input.title}」（${input.redaction === 'redacted' ? '隐去姓名' : '公开姓名'}，${input.warningIds.length} 条预警）`, after: input }, now);
    return id;
  });
}

async function draftFor(trx: Executor, actor: Actor, id: number) {
  requirePermission(actor, 'bulletins.write');
  const b = await findBulletin(trx, id);
  if (!b) throw notFound();
  if (b.status !== 'draft') throw new AppError('bulletins.not_editable');
  return b;
}

export async function updateBulletin(ctx: AppContext, actor: Actor, id: number, input: Partial<BulletinInput>) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await draftFor(trx, actor, id);
    if (input.warningIds) await checkWarnings(trx, actor, input.warningIds);
    await trx
      .updateTable('bulletins')
      .set({ ...(input.title && { title: input.title }), ...(input.intro && { intro: input.intro }), ...(input.redaction && { redaction: input.redaction }) })
      .where('id', '=', id)
      .execute();
    if (input.warningIds) {
      await trx.deleteFrom('bulletin_warnings').where('bulletin_id', '=', id).execute();
      await trx.insertInto('bulletin_warnings').values([...new Set(input.warningIds)].map((w) => ({ bulletin_id: id, warning_id: w }))).execute();
    }
    await recordAudit(trx, actor, { action: 'BULLETIN_UPDATED', objectType: 'bulletin', objectId: id, summary: `修改通报「${before.title}」`, after: input }, now);
  });
}

export async function submitBulletin(ctx: AppContext, actor: Actor, id: number) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const b = await draftFor(trx, actor, id);
    await trx.updateTable('bulletins').set({ status: 'pending', submitted_by: actor.userId, submitted_at: now, return_reason: null }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'BULLETIN_SUBMITTED', objectType: 'bulletin', objectId: id, summary: `提交通报「${b.title}」审批（${b.redaction === 'redacted' ? '隐去姓名' : '公开姓名'}）` }, now);
  });
}

async function pendingFor(trx: Executor, actor: Actor, id: number) {
  requirePermission(actor, 'bulletins.approve');
  const b = await findBulletin(trx, id);
  if (!b) throw notFound();
  if (b.status !== 'pending') throw new AppError('bulletins.not_pending');
  if (b.created_by === actor.userId || b.submitted_by === actor.userId) throw new AppError('bulletins.same_person');
  return b;
}

/** The second person approves the text and its redaction; the portal shows it from now on. */
export async function approveBulletin(ctx: AppContext, actor: Actor, id: number) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const b = await pendingFor(trx, actor, id);
    const ids = (await warningIdsOf(trx, [id])).get(id) ?? [];
    const body = composeBulletin(b.intro, b.redaction, await bulletinItems(trx, ids));
    await trx.updateTable('bulletins').set({ status: 'published', approved_by: actor.userId, published_on: todayIn(now), body }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'BULLETIN_PUBLISHED', objectType: 'bulletin', objectId: id, summary: `审批发布通报「${b.title}」（${b.redaction === 'redacted' ? '隐去姓名' : '公开姓名'}）` }, now);
  });
}

export async function returnBulletin(ctx: AppContext, actor: Actor, id: number, reason: string) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const b = await pendingFor(trx, actor, id);
    await trx.updateTable('bulletins').set({ status: 'draft', return_reason: reason }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'BULLETIN_RETURNED', objectType: 'bulletin', objectId: id, summary: `退回通报「${b.title}」：${reason}` }, now);
  });
}
