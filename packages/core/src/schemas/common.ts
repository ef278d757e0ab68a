import { z } from 'zod';

export const IdParam = z.object({ id: z.coerce.number().int().positive() });

export const Pagination = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    rows: z
      .array(z.object({ sheet: z.string(), row: z.number(), field: z.string(), message: z.string() }))
      .optional(),
  }),
});

/** A boolean in a query string: "true"/"false"/"1"/"0". */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, '不是有效的日期');

/** Names and free text: trimmed, not blank, bounded. */
export const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字符`);
