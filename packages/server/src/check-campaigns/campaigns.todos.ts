import { CAMPAIGN_STAGE_LABELS, stageOverdue, type Actor, type CampaignDeadlines, type CampaignStage, type TodoItem, type WorkStage } from '@qingfeng/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { orgScope } from '../policy/scope.js';

const LIMIT = 50;

/**
 * 我的待办 from open self-check campaigns, each due on its stage's deadline: the holder's unsubmitted
 * post forms; the org's own stages (self-check, department review) for its officer; the cross-check
 * for the assigned org; the commission review for the reviewer. An org's reviewer is not reminded of
 * the org's own stages: they are the unit's work, and the reviewer follows them on the progress page.
 */
export async function campaignTodos(db: Kysely<DB>, actor: Actor, today: string): Promise<TodoItem[]> {
  const open = db
    .selectFrom('check_campaign_orgs as co')
    .innerJoin('check_campaigns as c', 'c.id', 'co.campaign_id')
    .innerJoin('orgs as o', 'o.id', 'co.org_id')
    .leftJoin('orgs as x', 'x.id', 'co.cross_org_id')
    .select(['c.id as campaign_id', 'c.title', 'c.deadlines', 'co.org_id', 'o.name as org_name', 'co.stage'])
    .where('c.status', '=', 'open');
  const reviews = orgScope(actor, 'risk.review', 'co.org_id', 'o.path', { beyondSelf: true });
  const [forms, own, cross, review] = await Promise.all([
    actor.personId == null
      ? []
      : open
          .innerJoin('check_post_forms as f', (j) => j.onRef('f.campaign_id', '=', 'co.campaign_id').onRef('f.org_id', '=', 'co.org_id'))
          .innerJoin('posts', 'posts.id', 'f.post_id')
          .select(['f.id as form_id', 'posts.name as post_name'])
          .where('f.person_id', '=', actor.personId)
          .where('f.submitted_at', 'is', null)
          .where('co.stage', '=', 'self_check')
          .limit(LIMIT)
          .execute(),
    open
      .where('co.stage', 'in', ['self_check', 'dept_review'])
      .where(orgScope(actor, 'risk.write', 'co.org_id', 'o.path', { beyondSelf: true }))
      .where((eb) => eb.not(reviews(eb)))
      .limit(LIMIT)
      .execute(),
    open.where('co.stage', '=', 'cross_check').where(orgScope(actor, 'risk.write', 'co.cross_org_id', 'x.path', { beyondSelf: true })).limit(LIMIT).execute(),
    open.where('co.stage', '=', 'commission_review').where(reviews).limit(LIMIT).execute(),
  ]);
  const item = (r: { campaign_id: number; title: string; deadlines: unknown; org_id: number; org_name: string; stage: string }, kind: string, title: string) => {
    const deadlines = r.deadlines as CampaignDeadlines;
    const stage = r.stage as CampaignStage;
    return {
      kind,
      title: `${title}（风险排查「${r.title}」）`,
      due: deadlines[stage as WorkStage],
      overdue: stageOverdue(stage, deadlines, today),
      link: `/check-campaigns/${r.campaign_id}/orgs/${r.org_id}`,
      objectType: 'check_campaign',
      objectId: r.campaign_id,
    };
  };
  return [
    ...forms.map((r) => ({ ...item(r, 'campaign.post_form', `填写岗位自查表：${r.post_name}`), link: `/check-campaigns/forms/${r.form_id}` })),
    ...own.map((r) => item(r, `campaign.${r.stage}`, `完成${CAMPAIGN_STAGE_LABELS[r.stage as CampaignStage]}：${r.org_name}`)),
    ...cross.map((r) => item(r, 'campaign.cross_check', `交叉互查：${r.org_name}`)),
    ...review.map((r) => item(r, 'campaign.commission_review', `审查排查结果：${r.org_name}`)),
  ];
}
