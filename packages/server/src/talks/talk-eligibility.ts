import { commissionTalkers, talkerCandidates, type TalkerRole, type TalkKind } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { readSetting } from '../evaluations/settings.repository.js';
import { loadTalkerDirectory } from './talker-directory.js';

export interface TalkSubjectRow {
  personId: number | null;
  orgId: number;
  talkClass: 'A' | 'B' | 'C' | null;
  isLeadershipMember: boolean;
  isPrincipalLeader: boolean;
}

/**
 * Who may hold a talk: a graded integrity talk by the talk-class rule (seed 001); the admonishment
 * talk a rating demands by a deputy secretary of the commission, its collective talk by the
 * commission's principal (seed 000). null: any person (a 提醒谈话, a talk a warning demands …).
 */
export async function eligibleTalkers(
  db: Executor,
  talk: { kind: TalkKind; sourceKind: 'plan' | 'rating' | 'warning' | 'manual' },
  subject: TalkSubjectRow,
): Promise<{ role: TalkerRole | null; eligible: number[]; reason: string } | null> {
  const rules = await readSetting(db, 'talker_rules');
  if (talk.kind === 'integrity' && subject.personId !== null && subject.talkClass) {
    const dir = await loadTalkerDirectory(db, [subject.orgId]);
    const c = talkerCandidates(dir, rules, { ...subject, personId: subject.personId, talkClass: subject.talkClass });
    return { role: c.role, eligible: c.eligible, reason: c.reason };
  }
  if (talk.sourceKind === 'rating' && (talk.kind === 'admonishment' || talk.kind === 'collective')) {
    const role = talk.kind === 'admonishment' ? 'deputy_secretary' : 'commission_principal';
    const dir = await loadTalkerDirectory(db, [subject.orgId]);
    const eligible = commissionTalkers(dir, rules, subject.orgId, role);
    return { role, eligible, reason: role === 'deputy_secretary' ? '考评为“中”：由区纪委副书记诫勉谈话' : '考评为“差”：由区纪委主要领导集体廉政谈话' };
  }
  return null;
}
