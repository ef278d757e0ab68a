import type { HolidayCalendar, HolidayDay } from '@qingfeng/core';
import type { Executor } from '../db/types.js';

/** The whole calendar: a few dozen rows a year, read per use so an administrator's edit applies at once. */
export async function loadCalendar(db: Executor): Promise<HolidayCalendar> {
  const rows = await db.selectFrom('holiday_calendar').select(['day', 'kind']).execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

export async function listCalendarYear(db: Executor, year: number): Promise<HolidayDay[]> {
  return db
    .selectFrom('holiday_calendar')
    .select(['day', 'kind', 'name'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}
