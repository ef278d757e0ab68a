// 分级谈话 (seed 001) and the talks demanded by warnings and ratings (seed 000).
import { z } from 'zod';
import type { TalkClass } from '../people/talk-class.js';

export const TALK_KINDS = ['integrity', 'reminder', 'admonishment', 'collective', 'warning'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const TALK_KIND_LABELS: Record<TalkKind, string> = {
  integrity: '廉政谈话',
  reminder: '提醒谈话',
  admonishment: '诫勉谈话',
  collective: '集体廉政谈话',
  warning: '预警谈话',
};

export const TALK_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type TalkStatus = (typeof TALK_STATUSES)[number];
export const TALK_STATUS_LABELS: Record<TalkStatus, string> = { planned: '待谈话', held: '已谈话', cancelled: '已取消' };

/** Who talks to whom (seed 001): A 纪委常委或纪检组长, B 分管领导, C 单位纪检负责人. */
export const TALKER_ROLES = ['group_leader', 'standing_member', 'leader_in_charge', 'discipline_officer', 'deputy_secretary', 'commission_principal'] as const;
export type TalkerRole = (typeof TALKER_ROLES)[number];
export const TALKER_ROLE_LABELS: Record<TalkerRole, string> = {
  group_leader: '纪检组长',
  standing_member: '纪委常委',
  leader_in_charge: '分管领导',
  discipline_officer: '单位纪检负责人',
  deputy_secretary: '区纪委副书记',
  commission_principal: '区纪委主要领导',
};

const PostNames = z.array(z.string().trim().min(1).max(60)).min(1, '至少列出一个岗位名称').max(20);

/**
 * Which posts of the org tree hold each talker role, by exact post name: the commission's standing
 * members, deputy secretaries and principal; a dispatched group's leader; a unit's discipline officer.
 */
export const TalkerRules = z.object({
  standingMemberPosts: PostNames,
  groupLeaderPosts: PostNames,
  disciplineOfficerPosts: PostNames,
  deputySecretaryPosts: PostNames,
  commissionPrincipalPosts: PostNames,
});
export type TalkerRules = z.infer<typeof TalkerRules>;

export const DEFAULT_TALKER_RULES: TalkerRules = {
  standingMemberPosts: ['常委'],
  groupLeaderPosts: ['组长'],
  disciplineOfficerPosts: ['纪检负责人', '纪检监察员', '纪（工）委书记'],
  deputySecretaryPosts: ['副书记'],
  commissionPrincipalPosts: ['书记'],
};

/** One org of the tree as the talker rule sees it. */
export interface TalkerOrg {
  id: number;
  parentId: number | null;
  kind: string;
}

/** A person holding a post in an org (current assignments only). */
export interface PostHolder {
  personId: number;
  orgId: number;
  postName: string;
  isLeadershipPost: boolean;
  isPrincipalLeader: boolean;
}

export interface TalkerDirectory {
  orgs: ReadonlyMap<number, TalkerOrg>;
  /** org id → the dispatched groups that supervise it */
  supervisedBy: ReadonlyMap<number, readonly number[]>;
  /** org id → its post holders */
  holders: ReadonlyMap<number, readonly PostHolder[]>;
}

export interface TalkSubject {
  personId: number;
  orgId: number;
  talkClass: TalkClass;
  isLeadershipMember: boolean;
  isPrincipalLeader: boolean;
}

export interface TalkerCandidates {
  role: TalkerRole | null;
  /** whom the schedule assigns from, in order (the pick spreads subjects over them) */
  assignable: number[];
  /** everyone who may hold this talk (A: group leaders and standing members alike) */
  eligible: number[];
  /** why, in words (also when nobody qualifies) */
  reason: string;
}

/** The subject's org and its ancestors, nearest first. */
export function orgChain(dir: TalkerDirectory, orgId: number): TalkerOrg[] {
  const chain: TalkerOrg[] = [];
  const seen = new Set<number>();
  for (let o = dir.orgs.get(orgId); o && !seen.has(o.id); o = o.parentId == null ? undefined : dir.orgs.get(o.parentId)) {
    seen.add(o.id);
    chain.push(o);
  }
  return chain;
}

const uniqueSorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

function holdersNamed(dir: TalkerDirectory, orgId: number, names: readonly string[], except: number): number[] {
  return uniqueSorted((dir.holders.get(orgId) ?? []).filter((h) => names.includes(h.postName) && h.personId !== except).map((h) => h.personId));
}

/** The commission's holders of the named posts (the root commission of the subject's chain). */
function commissionHolders(dir: TalkerDirectory, chain: TalkerOrg[], names: readonly string[], except: number): number[] {
  const commission = [...chain].reverse().find((o) => o.kind === 'commission');
  return commission ? holdersNamed(dir, commission.id, names, except) : [];
}

export function talkerCandidates(dir: TalkerDirectory, rules: TalkerRules, subject: TalkSubject): TalkerCandidates {
  const chain = orgChain(dir, subject.orgId);
  const self = subject.personId;
  if (subject.talkClass === 'A') {
    const standing = commissionHolders(dir, chain, rules.standingMemberPosts, self);
    for (const org of chain) {
      const groups = dir.supervisedBy.get(org.id) ?? [];
      const leaders = uniqueSorted(groups.flatMap((g) => holdersNamed(dir, g, rules.groupLeaderPosts, self)));
      if (leaders.length) {
        return { role: 'group_leader', assignable: leaders, eligible: uniqueSorted([...leaders, ...standing]), reason: 'A类：所在单位由派驻纪检组监督，由纪检组长谈话（纪委常委亦可）' };
      }
    }
    return standing.length
      ? { role: 'standing_member', assignable: standing, eligible: standing, reason: 'A类：由纪委常委谈话' }
      : { role: null, assignable: [], eligible: [], reason: `A类：未找到岗位为“${rules.standingMemberPosts.join('、')}”的纪委常委` };
  }
  if (subject.talkClass === 'B') {
    // 分管领导: a leadership member answers to the nearest principal leader above them (or, in an org
    // without one, its other leaders); anyone else to the nearest leadership members other than the
    // principal, or the principal when alone.
    for (const org of chain) {
      const holders = (dir.holders.get(org.id) ?? []).filter((h) => h.personId !== self);
      const principals = uniqueSorted(holders.filter((h) => h.isLeadershipPost && h.isPrincipalLeader).map((h) => h.personId));
      const deputies = uniqueSorted(holders.filter((h) => h.isLeadershipPost && !h.isPrincipalLeader).map((h) => h.personId));
      const isOwnLeader = subject.isLeadershipMember && (dir.holders.get(org.id) ?? []).some((h) => h.personId === self && h.isLeadershipPost);
      if (subject.isPrincipalLeader && isOwnLeader) continue; // a principal is talked to from above
      const pick = subject.isLeadershipMember && principals.length ? principals : deputies.length ? deputies : principals;
      if (pick.length) return { role: 'leader_in_charge', assignable: pick, eligible: uniqueSorted([...pick, ...principals]), reason: 'B类：由分管领导谈话' };
    }
    return { role: null, assignable: [], eligible: [], reason: 'B类：所在单位及上级均未登记领导班子成员' };
  }
  for (const org of chain) {
    const officers = holdersNamed(dir, org.id, rules.disciplineOfficerPosts, self);
    if (officers.length) return { role: 'discipline_officer', assignable: officers, eligible: officers, reason: 'C类：由所在单位纪检负责人谈话' };
  }
  return { role: null, assignable: [], eligible: [], reason: `C类：所在单位及上级均未登记“${rules.disciplineOfficerPosts.join('、')}”岗位` };
}

/** Spreads subjects over the assignable talkers deterministically (by the subject's id). */
export function assignTalker(c: TalkerCandidates, subjectPersonId: number): number | null {
  return c.assignable.length ? c.assignable[subjectPersonId % c.assignable.length]! : null;
}

/** The commission's deputy secretaries or principal, for the talks that ratings demand. */
export function commissionTalkers(dir: TalkerDirectory, rules: TalkerRules, orgId: number, role: 'deputy_secretary' | 'commission_principal'): number[] {
  const chain = orgChain(dir, orgId);
  return commissionHolders(dir, chain, role === 'deputy_secretary' ? rules.deputySecretaryPosts : rules.commissionPrincipalPosts, -1);
}
