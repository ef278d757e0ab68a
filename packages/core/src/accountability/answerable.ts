// 一案双查 (seed 003): besides the violator, the leaders who failed to supervise them answer too —
// the direct leader (the leader in charge, as the B-class talk rule finds them) and the principal
// leader of the violator's unit. The system suggests them from the org tree; the centre decides.
import { orgChain, talkerCandidates, type TalkerDirectory, type TalkerRules, type TalkSubject } from '../talks/talks.js';

export function answerableLeaders(dir: TalkerDirectory, rules: TalkerRules, violator: Omit<TalkSubject, 'talkClass'>): { direct: number[]; principal: number[] } {
  const direct = talkerCandidates(dir, rules, { ...violator, talkClass: 'B' }).assignable;
  let principal: number[] = [];
  for (const org of orgChain(dir, violator.orgId)) {
    const ps = [...new Set((dir.holders.get(org.id) ?? []).filter((h) => h.isLeadershipPost && h.isPrincipalLeader && h.personId !== violator.personId).map((h) => h.personId))].sort((a, b) => a - b);
    if (ps.length) {
      principal = ps;
      break;
    }
  }
  return { direct: direct.filter((id) => !principal.includes(id)), principal };
}
