import { EVALUATION_SETTING_KEYS, EVALUATION_SETTINGS, type EvaluationSettingKey, type EvaluationSettingValue } from '@qingfeng/core';
import type { Executor } from '../db/types.js';

/** A rule of this part of the product: the stored value, or the seeds' default. */
export async function readSetting<K extends EvaluationSettingKey>(db: Executor, key: K): Promise<EvaluationSettingValue<K>> {
  const row = await db.selectFrom('evaluation_settings').select('value').where('key', '=', key).executeTakeFirst();
  return (row ? row.value : EVALUATION_SETTINGS[key].default) as EvaluationSettingValue<K>;
}

export async function listSettings(db: Executor) {
  const rows = new Map((await db.selectFrom('evaluation_settings').select(['key', 'value', 'updated_at']).execute()).map((r) => [r.key, r]));
  return EVALUATION_SETTING_KEYS.map((key) => {
    const row = rows.get(key);
    return {
      key,
      label: EVALUATION_SETTINGS[key].label,
      value: row ? row.value : EVALUATION_SETTINGS[key].default,
      isDefault: !row,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  });
}
