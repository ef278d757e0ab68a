import type { HolidayDay } from '@qingfeng/core';
import { api } from '../api/client';

export type { HolidayDay };
type Year = { year: number; days: HolidayDay[] };
export const calendarApi = {
  year: (year: number) => api.get<Year>('/api/v1/holiday-calendar', { year }),
  set: (day: string, body: Pick<HolidayDay, 'kind' | 'name'>) => api.put<Year>(`/api/v1/holiday-calendar/${day}`, body),
  remove: (day: string) => api.delete<Year>(`/api/v1/holiday-calendar/${day}`),
};
