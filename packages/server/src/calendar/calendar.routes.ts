import { addWorkingDays, HolidayCalendarQuery, HolidayCalendarYear, HolidayDayParam, HolidayDayUpsert, WorkingDeadline, WorkingDeadlineQuery } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import type { App } from '../http/types.js';
import { listCalendarYear, loadCalendar } from './calendar.repository.js';
import { removeHolidayDay, setHolidayDay } from './calendar.usecases.js';

const tags = ['holiday-calendar'];

export async function calendarRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  /** Edits answer with the edited year, as the calendar page shows it. */
  const yearOf = async (day: string) => {
    const year = Number(day.slice(0, 4));
    return { year, days: await listCalendarYear(db, year) };
  };

  app.get('/holiday-calendar', { schema: { tags, summary: '某年的放假日与调休上班日', querystring: HolidayCalendarQuery, response: { 200: HolidayCalendarYear } } }, async (req) => {
    actorOf(req);
    return { year: req.query.year, days: await listCalendarYear(db, req.query.year) };
  });

  app.get(
    '/holiday-calendar/deadline',
    { schema: { tags, summary: '按工作日计算期限：from 之后第 days 个工作日', querystring: WorkingDeadlineQuery, response: { 200: WorkingDeadline } } },
    async (req) => {
      actorOf(req);
      const { from, days } = req.query;
      return { from, days, deadline: addWorkingDays(await loadCalendar(db), from, days) };
    },
  );

  app.put('/holiday-calendar/:day', { schema: { tags, summary: '设置放假日或调休上班日', params: HolidayDayParam, body: HolidayDayUpsert, response: { 200: HolidayCalendarYear } } }, async (req) => {
    await setHolidayDay(ctx, actorOf(req), { day: req.params.day, ...req.body });
    return yearOf(req.params.day);
  });

  app.delete('/holiday-calendar/:day', { schema: { tags, summary: '删除节假日历中的日期（恢复为普通工作日或周末）', params: HolidayDayParam, response: { 200: HolidayCalendarYear } } }, async (req) => {
    await removeHolidayDay(ctx, actorOf(req), req.params.day);
    return yearOf(req.params.day);
  });
}
