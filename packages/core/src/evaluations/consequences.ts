// What a grade brings (seed 000), as tracked tasks. 中: filed by the commission, the organisation
// department notified, no awards this year, an admonishment talk by the deputy secretary. 差: a
// district-wide bulletin, a collective integrity talk by the commission's principal leader, the unit
// and its people lose all awards, accountability under 一岗双责. Which grade brings which task is data.
import { z } from 'zod';
import type { Grade } from './rating.js';

export const CONSEQUENCE_KINDS = ['filing', 'notify_org_dept', 'award_disqualification', 'admonishment_talk', 'district_bulletin', 'collective_talk', 'accountability'] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];

export const CONSEQUENCE_LABELS: Record<ConsequenceKind, string> = {
  filing: '区纪委备案',
  notify_org_dept: '向区委组织部等部门通报',
  award_disqualification: '取消年度评先评优资格',
  admonishment_talk: '区纪委副书记诫勉谈话',
  district_bulletin: '全区通报',
  collective_talk: '区纪委主要领导集体廉政谈话',
  accountability: '按“一岗双责”责任追究',
};

/**
 * How many tasks a consequence makes: one for the whole run (a filing, a notice, a bulletin, the
 * disqualification list), one per rated subject (a talk with that person or that unit's leader, an
 * accountability case), or one per unit concerned (a collective talk with the unit's people).
 */
export const CONSEQUENCE_GRANULARITY: Record<ConsequenceKind, 'run' | 'subject' | 'unit'> = {
  filing: 'run',
  notify_org_dept: 'run',
  award_disqualification: 'run',
  admonishment_talk: 'subject',
  district_bulletin: 'run',
  collective_talk: 'unit',
  accountability: 'subject',
};

const Kinds = z
  .array(z.enum(CONSEQUENCE_KINDS))
  .max(CONSEQUENCE_KINDS.length)
  .refine((ks) => new Set(ks).size === ks.length, { message: '同一后果不能重复列出' });

export const ConsequenceRule = z.object({ good: Kinds, fair: Kinds, poor: Kinds });
export type ConsequenceRule = z.infer<typeof ConsequenceRule>;

export const DEFAULT_CONSEQUENCE_RULE: ConsequenceRule = {
  good: [],
  fair: ['filing', 'notify_org_dept', 'award_disqualification', 'admonishment_talk'],
  poor: ['district_bulletin', 'collective_talk', 'award_disqualification', 'accountability'],
};

export interface RatedSubjectRef {
  resultId: number;
  grade: Grade;
  /** the org of an org result, the person's org for a person result */
  orgId: number;
  personId: number | null;
}

export interface PlannedTask {
  kind: ConsequenceKind;
  /** null for a run task: it covers every result whose grade calls for it */
  grade: Grade | null;
  /** subject tasks: the result they follow from */
  resultId: number | null;
  /** unit tasks: the unit concerned */
  orgId: number | null;
}

/**
 * The tasks a published run brings: run tasks once per kind that any result calls for,
 * subject tasks per result, unit tasks once per unit (a 差 unit and its 差 people share one
 * collective talk).
 */
export function planConsequenceTasks(rule: ConsequenceRule, results: readonly RatedSubjectRef[]): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  const seen = new Set<string>();
  const once = (key: string, task: PlannedTask) => {
    if (seen.has(key)) return;
    seen.add(key);
    tasks.push(task);
  };
  for (const r of results) {
    for (const kind of rule[r.grade]) {
      const g = CONSEQUENCE_GRANULARITY[kind];
      if (g === 'run') once(`run:${kind}`, { kind, grade: null, resultId: null, orgId: null });
      else if (g === 'unit') once(`unit:${kind}:${r.grade}:${r.orgId}`, { kind, grade: r.grade, resultId: null, orgId: r.orgId });
      else tasks.push({ kind, grade: r.grade, resultId: r.resultId, orgId: r.orgId });
    }
  }
  return tasks;
}
