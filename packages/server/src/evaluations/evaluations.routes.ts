import { EvaluationSettingKeyParam, EvaluationSettings, EvaluationSettingUpdate, hasPermission, type Actor, type Permission } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { forbidden } from '../http/errors.js';
import type { App } from '../http/types.js';
import { listSettings } from './settings.repository.js';
import { updateSetting } from './settings.usecases.js';

const tags = ['evaluations'];

/** The rules are read by those who apply or are rated by them; changed by those who configure. */
function canReadSettings(actor: Actor) {
  const readers: Permission[] = ['evaluations.read', 'evaluations.configure', 'talks.plan', 'assessments.write', 'accountability.write', 'opinions.draft'];
  return readers.some((p) => hasPermission(actor, p));
}

export async function evaluationsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/evaluations/settings', { schema: { tags, summary: '考评、谈话、问责认定、廉洁信用度与意见回复的规则（配置）', response: { 200: EvaluationSettings } } }, async (req) => {
    if (!canReadSettings(actorOf(req))) throw forbidden();
    return { items: await listSettings(db) };
  });

  app.put(
    '/evaluations/settings/:key',
    { schema: { tags, summary: '修改一项规则（按其结构校验；记入审计）', params: EvaluationSettingKeyParam, body: EvaluationSettingUpdate, response: { 200: EvaluationSettings } } },
    async (req) => {
      await updateSetting(ctx, actorOf(req), req.params.key, req.body.value);
      return { items: await listSettings(db) };
    },
  );
}
