import { z } from 'zod';
import { DateOnly, Text } from './common.js';

// Holiday calendar (节假日与调休), maintained by administrators.
export const HolidayDayKind = z.enum(['holiday', 'workday']);
export const HOLIDAY_DAY_KIND_LABELS = { holiday: '放假', workday: '调休上班' } as const;

export const HolidayDay = z.object({ day: DateOnly, kind: HolidayDayKind, name: z.string() });
export type HolidayDay = z.infer<typeof HolidayDay>;
export const HolidayDayParam = z.object({ day: DateOnly });
export const HolidayDayUpsert = z.object({ kind: HolidayDayKind, name: Text(100) });
export const HolidayCalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const HolidayCalendarYear = z.object({ year: z.number().int(), days: z.array(HolidayDay) });
export const WorkingDeadlineQuery = z.object({ from: DateOnly, days: z.coerce.number().int().min(0).max(365) });
export const WorkingDeadline = z.object({ from: DateOnly, days: z.number().int(), deadline: DateOnly });

// The to-do list (我的待办): every feature contributes items for the signed-in user.
export const TodoItem = z.object({
  kind: z.string(),
  title: z.string(),
  due: DateOnly.nullable(),
  overdue: z.boolean(),
  /** A path in the web app, e.g. /warnings/12. */
  link: z.string(),
  objectType: z.string(),
  objectId: z.number().int(),
});
export type TodoItem = z.infer<typeof TodoItem>;
export const TodoList = z.object({ items: z.array(TodoItem), overdue: z.number().int() });

// Attachments (附件): stored in the database with their owner; served by the owner's routes.
export const AttachmentMeta = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;
export const AttachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
