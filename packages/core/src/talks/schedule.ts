// Talk plans (谈话计划): how often each talk class is talked to in a year; the schedule spreads the
// talks over the year, each due on the last working day of its period.
import { addCalendarDays, isWorkingDay, type HolidayCalendar } from '../calendar/working-days.js';

/** The last working day on or before `iso`. */
export function lastWorkingDayOnOrBefore(cal: HolidayCalendar, iso: string): string {
  let day = iso;
  while (!isWorkingDay(cal, day)) day = addCalendarDays(day, -1);
  return day;
}

function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * The due dates of `times` talks in `year`: the year cut into `times` periods of whole months
 * (4 → quarters, 2 → halves, 12 → months; 5 → months 3, 5, 8, 10, 12), each talk due on the last
 * working day of its period. Periods already over on `notBefore` are left out: a quarterly plan made
 * in June schedules the talks of the second, third and fourth quarters.
 */
export function talkDueDates(cal: HolidayCalendar, year: number, times: number, notBefore?: string): string[] {
  if (!Number.isInteger(times) || times < 0 || times > 12) throw new RangeError(`times per year must be 0..12: ${times}`);
  const dates: string[] = [];
  for (let k = 1; k <= times; k++) {
    const month = Math.ceil((12 * k) / times);
    dates.push(lastWorkingDayOnOrBefore(cal, monthEnd(year, month)));
  }
  return notBefore ? dates.filter((d) => d >= notBefore) : dates;
}
