import { addCalendarDays, todayIn } from '@qingfeng/core';
import { insertCampaign } from '../check-campaigns/campaigns.usecases.js';
import type { Executor } from '../db/types.js';

/**
 * The demo's self-check campaign (风险排查): launched today by 东城街道纪工委 over its units, with a
 * week per stage, 综合执法队 named to cross-check 财政所. Every holder (cadre1 among them) has a post
 * form to fill, so the feature shows in 我的待办 from the first login.
 */
export async function seedDemoCampaign(trx: Executor, now: Date): Promise<void> {
  const today = todayIn(now);
  const day = (n: number) => addCalendarDays(today, n);
  const orgs = new Map((await trx.selectFrom('orgs').select(['id', 'code', 'path']).where('code', 'in', ['SFQ-T1', 'SFQ-T1-U0', 'SFQ-T1-U1']).execute()).map((o) => [o.code, o]));
  const town = orgs.get('SFQ-T1')!;
  const units = await trx.selectFrom('orgs').select('id').where('kind', '=', 'unit').where('path', 'like', `${town.path}%`).orderBy('path').execute();
  const launcher = await trx.selectFrom('users').select('id').where('username', '=', 'town1').executeTakeFirstOrThrow();
  const id = await insertCampaign(
    trx,
    {
      title: `${today.slice(0, 4)}年度东城街道廉政风险排查`,
      year: Number(today.slice(0, 4)),
      startsOn: today,
      endsOn: day(35),
      deadlines: { selfCheck: day(7), deptReview: day(14), crossCheck: day(21), commissionReview: day(28) },
    },
    units.map((u) => u.id),
    { orgId: town.id, userId: launcher.id },
    now,
  );
  await trx.updateTable('check_campaign_orgs').set({ cross_org_id: orgs.get('SFQ-T1-U1')!.id }).where('campaign_id', '=', id).where('org_id', '=', orgs.get('SFQ-T1-U0')!.id).execute();
}
