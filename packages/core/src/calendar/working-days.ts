// Working days on the official calendar (国务院办公厅 holiday notices): weekends are rest days unless
// the notice makes them adjusted workdays (调休上班); listed holidays are rest days even on weekdays.
// Every deadline in the product (clue replies, warning answers, forwarding) counts these days.

/** ISO dates (YYYY-MM-DD). `workdays` are weekend days made working days by the notice. */
export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function toUtc(iso: string): number {
  if (!ISO.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) throw new RangeError(`not a calendar date: ${iso}`);
  return t;
}

const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The ISO date one or more days after (or before, if negative) `iso`. */
export function addCalendarDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

export function isWorkingDay(cal: HolidayCalendar, iso: string): boolean {
  if (cal.workdays.has(iso)) return true;
  if (cal.holidays.has(iso)) return false;
  const weekday = new Date(toUtc(iso)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The deadline `n` working days after `from`: the day of the event does not count (检举控告工作规则
 * counts "收到之日起" limits from the next day), so 15 working days from a Friday is the Friday three
 * weeks on when no holiday intervenes. `n = 0` gives `from` itself if it is a working day, else the
 * next working day (a deadline never falls on a rest day).
 */
export function addWorkingDays(cal: HolidayCalendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
  let day = from;
  if (n === 0) {
    while (!isWorkingDay(cal, day)) day = addCalendarDays(day, 1);
    return day;
  }
  let left = n;
  while (left > 0) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(cal, day)) left--;
  }
  return day;
}

/** Working days in (from, to]: how many working days have passed since `from` by the end of `to`. */
export function workingDaysBetween(cal: HolidayCalendar, from: string, to: string): number {
  const start = toUtc(from);
  const end = toUtc(to);
  if (end === start) return 0;
  if (end < start) return -workingDaysBetween(cal, to, from);
  let count = 0;
  for (let t = start + DAY_MS; t <= end; t += DAY_MS) if (isWorkingDay(cal, fromUtc(t))) count++;
  return count;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The business date (Asia/Shanghai) of an instant. */
export function todayIn(now: Date): string {
  return SHANGHAI.format(now);
}
