import { EVALUATION_SETTINGS, type Actor, type EvaluationSettingKey } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { invalidRequest } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { readSetting } from './settings.repository.js';

/** Replaces one rule (rating rule, consequences, talker posts, credit formula …) after validating it. */
export async function updateSetting(ctx: AppContext, actor: Actor, key: EvaluationSettingKey, value: unknown): Promise<void> {
  requirePermission(actor, 'evaluations.configure');
  const { schema, label } = EVALUATION_SETTINGS[key];
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error, ['value'], label);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, key);
    await trx
      .insertInto('evaluation_settings')
      .values({ key, value: JSON.stringify(parsed.data), updated_by: actor.userId, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(parsed.data), updated_by: actor.userId, updated_at: now }))
      .execute();
    await recordAudit(trx, actor, { action: 'EVALUATION_SETTING_UPDATED', objectType: 'evaluation_setting', objectId: key, summary: `修改${label}`, before, after: parsed.data }, now);
  });
}
