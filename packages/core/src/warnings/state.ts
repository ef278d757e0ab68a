import type { WarningDemand, WarningLevel } from './levels.js';

// The life of a warning. A warning waits for receipt (签收), then for the subject's answer, then for
// the issuer's review. It ends accepted (closed), escalated to the next level, or — at level 3 —
// referred for accountability (问责).
export const WARNING_STATUSES = ['issued', 'acknowledged', 'answered', 'closed', 'escalated', 'referred'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const WARNING_STATUS_LABELS: Record<WarningStatus, string> = {
  issued: '待签收',
  acknowledged: '已签收，待答复',
  answered: '已答复，待审核',
  closed: '整改到位，已办结',
  escalated: '已升级',
  referred: '已移送问责',
};

/** Still running: the sweep, answers and reviews act only on these. */
export const OPEN_STATUSES: readonly WarningStatus[] = ['issued', 'acknowledged', 'answered'];
/** Waiting for the subject: past the deadline, these escalate by themselves. */
export const AWAITING_ANSWER: readonly WarningStatus[] = ['issued', 'acknowledged'];

export const WARNING_OUTCOMES = ['accepted', 'overdue', 'inadequate'] as const;
export type WarningOutcome = (typeof WARNING_OUTCOMES)[number];
export const WARNING_OUTCOME_LABELS: Record<WarningOutcome, string> = {
  accepted: '整改到位',
  overdue: '逾期未整改，自动升级',
  inadequate: '整改不到位',
};

export type WarningEvent = 'acknowledge' | 'respond' | 'accept' | 'judge_inadequate' | 'escalate_overdue';

export type WarningTransition =
  | { ok: true; status: WarningStatus; outcome: WarningOutcome | null }
  | { ok: false; code: 'warnings.closed' | 'warnings.already_acknowledged' | 'warnings.not_acknowledged' | 'warnings.already_answered' | 'warnings.not_answered' | 'warnings.not_overdue' };

/** Where a level ends when it is not rectified: the next level, or accountability after level 3. */
export const endStatusOf = (level: WarningLevel): WarningStatus => (level === 3 ? 'referred' : 'escalated');

/** The state machine: what an event does to a warning in a given status (no clock: `overdue` is given). */
export function transition(status: WarningStatus, level: WarningLevel, event: WarningEvent, overdue = false): WarningTransition {
  if (!OPEN_STATUSES.includes(status)) return { ok: false, code: 'warnings.closed' };
  switch (event) {
    case 'acknowledge':
      return status === 'issued' ? { ok: true, status: 'acknowledged', outcome: null } : { ok: false, code: 'warnings.already_acknowledged' };
    case 'respond':
      if (status === 'issued') return { ok: false, code: 'warnings.not_acknowledged' };
      if (status === 'answered') return { ok: false, code: 'warnings.already_answered' };
      return { ok: true, status: 'answered', outcome: null };
    case 'accept':
      return status === 'answered' ? { ok: true, status: 'closed', outcome: 'accepted' } : { ok: false, code: 'warnings.not_answered' };
    case 'judge_inadequate':
      return status === 'answered' ? { ok: true, status: endStatusOf(level), outcome: 'inadequate' } : { ok: false, code: 'warnings.not_answered' };
    case 'escalate_overdue':
      // An answer handed in on time waits for the reviewer's verdict: only silence escalates by date.
      return AWAITING_ANSWER.includes(status) && overdue ? { ok: true, status: endStatusOf(level), outcome: 'overdue' } : { ok: false, code: 'warnings.not_overdue' };
  }
}

/** Past its deadline without an answer (the deadline day itself still counts as in time). */
export function isOverdue(w: { status: WarningStatus; deadline: string }, today: string): boolean {
  return AWAITING_ANSWER.includes(w.status) && w.deadline < today;
}

/** The written parts of an answer, and which demands ask for each (seed 003: 剖析成因、制定整改措施、书面报告). */
export const ANSWER_FIELDS = {
  explanation: { label: '情况说明', demand: 'explanation' },
  causes: { label: '原因剖析', demand: 'rectification' },
  measures: { label: '整改措施', demand: 'rectification' },
  report: { label: '整改情况报告', demand: 'rectification_report' },
} as const satisfies Record<string, { label: string; demand: WarningDemand }>;
export type AnswerField = keyof typeof ANSWER_FIELDS;
export const ANSWER_FIELD_KEYS = Object.keys(ANSWER_FIELDS) as AnswerField[];

/** The answer fields the demands require, in form order. */
export function requiredAnswerFields(demands: readonly WarningDemand[]): AnswerField[] {
  return ANSWER_FIELD_KEYS.filter((f) => demands.includes(ANSWER_FIELDS[f].demand));
}

/** Required answer fields left blank. */
export function missingAnswerFields(demands: readonly WarningDemand[], answer: Partial<Record<AnswerField, string | null | undefined>>): AnswerField[] {
  return requiredAnswerFields(demands).filter((f) => !answer[f]?.trim());
}

/** What the issuer must have recorded before accepting: the admonishment talk held, the filing done. */
export function missingRecords(demands: readonly WarningDemand[], records: { talkHeld: boolean; filed: boolean }): WarningDemand[] {
  const missing: WarningDemand[] = [];
  if (demands.includes('admonishment_talk') && !records.talkHeld) missing.push('admonishment_talk');
  if (demands.includes('personnel_filing') && !records.filed) missing.push('personnel_filing');
  return missing;
}
