import type { FormRule } from 'antd';
import type { z } from 'zod';

/**
 * An antd form rule from a field of a core schema, so the browser checks exactly what the server
 * will check, with the same Chinese message. Empty values pass: `required` is a separate rule.
 */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}
