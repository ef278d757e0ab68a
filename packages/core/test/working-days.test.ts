import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, EMPTY_CALENDAR, isWorkingDay, todayIn, workingDaysBetween, type HolidayCalendar } from '../src/index.js';

const range = (from: string, to: string) => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) days.push(d);
  return days;
};

// 国办发明电〔2025〕7号: the 2026 arrangements around 春节 and 国庆/中秋.
const CAL_2026: HolidayCalendar = {
  holidays: new Set([...range('2026-02-15', '2026-02-23'), ...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')]),
  workdays: new Set(['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']),
};

describe('working days on the official calendar', () => {
  it.each([
    ['a weekday', '2026-11-23', true],
    ['a Saturday', '2026-11-21', false],
    ['国庆 on a Thursday', '2026-10-01', false],
    ['调休 Sunday before 国庆', '2026-09-20', true],
    ['调休 Saturday after 国庆', '2026-10-10', true],
    ['春节 Monday', '2026-02-23', false],
    ['调休 Saturday before 春节', '2026-02-14', true],
  ])('%s (%s) is a working day: %s', (_label, day, expected) => {
    expect(isWorkingDay(CAL_2026, day)).toBe(expected);
  });

  it.each([
    // [from, n, deadline]
    ['2026-09-30', 1, '2026-10-08'], // the day before 国庆 → first day after the break
    ['2026-09-18', 1, '2026-09-20'], // Friday → the 调休 Sunday
    ['2026-09-24', 5, '2026-10-09'], // across 中秋 and 国庆
    ['2026-09-24', 6, '2026-10-10'], // lands on the 调休 Saturday
    ['2026-02-13', 1, '2026-02-14'], // Friday → the 调休 Saturday before 春节
    ['2026-02-13', 2, '2026-02-24'], // over the nine days of 春节
    ['2026-02-10', 15, '2026-03-09'], // 15 working days (检举控告 reply limit) across 春节
    ['2026-11-20', 15, '2026-12-11'], // an ordinary month: three weeks
    ['2026-10-03', 0, '2026-10-08'], // a deadline never falls on a rest day
    ['2026-11-23', 0, '2026-11-23'],
  ])('%s + %i working days → %s', (from, n, deadline) => {
    expect(addWorkingDays(CAL_2026, from, n)).toBe(deadline);
  });

  it('without the calendar, 国庆 would count as working days', () => {
    expect(addWorkingDays(EMPTY_CALENDAR, '2026-09-30', 1)).toBe('2026-10-01');
  });

  it('counts the working days that have passed', () => {
    expect(workingDaysBetween(CAL_2026, '2026-09-30', '2026-10-10')).toBe(3);
    expect(workingDaysBetween(CAL_2026, '2026-10-10', '2026-09-30')).toBe(-3);
    expect(workingDaysBetween(CAL_2026, '2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween(CAL_2026, '2026-02-10', addWorkingDays(CAL_2026, '2026-02-10', 15))).toBe(15);
  });

  it('refuses what is not a date or not a count', () => {
    expect(() => addWorkingDays(CAL_2026, '2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(CAL_2026, '2026-11-23', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(CAL_2026, '2026-11-23', 1.5)).toThrow(RangeError);
  });

  it('the business date is the date in Asia/Shanghai', () => {
    expect(todayIn(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(todayIn(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
  });
});
