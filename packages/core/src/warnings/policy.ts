import { orgPathInScopes, scopesFor, type Actor } from '../auth/permissions.js';
import type { SubjectKind, WarningLevel } from './levels.js';
import { isOverdue, OPEN_STATUSES, type WarningStatus } from './state.js';

// Who may do what to a warning: the rules the server applies (together with the SQL scope) and
// returns as `actions`, so the web app shows only the buttons that will work.

export interface WarningFacts {
  level: WarningLevel;
  status: WarningStatus;
  deadline: string;
  subjectKind: SubjectKind;
  subjectPersonId: number | null;
  subjectOrgId: number;
  subjectOrgPath: string;
  talkHeld: boolean;
}

/**
 * The subject answers: a warning to a person is answered by that person's own account; a warning
 * to an org by an account that answers for that org (a unit's discipline officer) — never by a
 * cadre whose reach is only themselves.
 */
export function isWarningSubject(actor: Actor, w: Pick<WarningFacts, 'subjectKind' | 'subjectPersonId' | 'subjectOrgId' | 'subjectOrgPath'>): boolean {
  if (scopesFor(actor, 'warnings.answer').length === 0) return false;
  if (w.subjectKind === 'person') return actor.personId != null && actor.personId === w.subjectPersonId;
  return orgPathInScopes(scopesFor(orgAnswerer(actor), 'warnings.answer'), w.subjectOrgId, w.subjectOrgPath);
}

/**
 * The actor as one who answers for orgs: only the grants of warnings.answer that reach a unit's own
 * orgs — not 'self' (a cadre answers for themselves only) and not 'all' (the administrator, who holds
 * every permission, answers for no unit).
 */
export function orgAnswerer(actor: Actor): Actor {
  return { ...actor, grants: actor.grants.filter((g) => g.permissions.has('warnings.answer') && g.scope.kind !== 'self' && g.scope.kind !== 'all') };
}

/** Issuers act within their scope: the subject's org must lie in it. */
export function isWarningIssuer(actor: Actor, w: Pick<WarningFacts, 'subjectOrgId' | 'subjectOrgPath'>): boolean {
  return orgPathInScopes(scopesFor(actor, 'warnings.issue'), w.subjectOrgId, w.subjectOrgPath);
}

export type WarningAction = 'acknowledge' | 'answer' | 'review' | 'escalate' | 'scheduleTalk' | 'recordTalk' | 'recordFiling';

export function warningActions(actor: Actor, w: WarningFacts, today: string): WarningAction[] {
  if (!OPEN_STATUSES.includes(w.status)) return [];
  const actions: WarningAction[] = [];
  const overdue = isOverdue(w, today);
  if (isWarningSubject(actor, w)) {
    if (w.status === 'issued') actions.push('acknowledge');
    if (w.status === 'acknowledged' && !overdue) actions.push('answer');
  }
  if (isWarningIssuer(actor, w)) {
    if (w.status === 'answered') actions.push('review');
    if (overdue) actions.push('escalate');
    if (w.level === 3 && !w.talkHeld) actions.push('scheduleTalk', 'recordTalk');
    if (w.level === 3) actions.push('recordFiling');
  }
  return actions;
}
