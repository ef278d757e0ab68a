import type { Actor, HolidayDay } from '@qingfeng/core';
import { HOLIDAY_DAY_KIND_LABELS } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';

export async function setHolidayDay(ctx: AppContext, actor: Actor, day: HolidayDay) {
  requirePermission(actor, 'calendar.write');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('holiday_calendar').select(['day', 'kind', 'name']).where('day', '=', day.day).executeTakeFirst();
    await trx
      .insertInto('holiday_calendar')
      .values({ ...day, updated_by: actor.userId, updated_at: now })
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: day.kind, name: day.name, updated_by: actor.userId, updated_at: now }))
      .execute();
    const summary = `将 ${day.day} 设为${HOLIDAY_DAY_KIND_LABELS[day.kind]}（${day.name}）`;
    await recordAudit(trx, actor, { action: 'HOLIDAY_DAY_SET', objectType: 'holiday_day', objectId: day.day, orgId: null, summary, before: before ?? null, after: day }, now);
  });
}

export async function removeHolidayDay(ctx: AppContext, actor: Actor, day: string) {
  requirePermission(actor, 'calendar.write');
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('holiday_calendar').where('day', '=', day).returning(['day', 'kind', 'name']).executeTakeFirst();
    if (!before) throw new AppError('calendar.not_found');
    await recordAudit(trx, actor, { action: 'HOLIDAY_DAY_REMOVED', objectType: 'holiday_day', objectId: day, orgId: null, summary: `从节假日历删除 ${day}（${before.name}）`, before, after: null }, now);
  });
}
