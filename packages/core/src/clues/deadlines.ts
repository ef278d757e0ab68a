import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.js';
import type { ReporterKind } from './dictionaries.js';

// Reply duties (检举控告工作规则): a named reporter is told of acceptance within 15 working days of
// receipt and of the result within 15 working days of closing; a clue of another level is forwarded
// within 5 working days. The limits are configuration; the rule is here.

export interface ReplyDutyLimits {
  acknowledgeDays: number;
  resultDays: number;
  forwardDays: number;
}

export const DEFAULT_REPLY_DUTY_LIMITS: ReplyDutyLimits = { acknowledgeDays: 15, resultDays: 15, forwardDays: 5 };

/** The acceptance notice is owed to a named reporter only (an anonymous one reads the portal). */
export function acknowledgeDue(cal: HolidayCalendar, limits: ReplyDutyLimits, receivedOn: string, reporter: ReporterKind): string | null {
  return reporter === 'named' ? addWorkingDays(cal, receivedOn, limits.acknowledgeDays) : null;
}

/** The result notice after closing, again owed to a named reporter. */
export function resultDue(cal: HolidayCalendar, limits: ReplyDutyLimits, closedOn: string, reporter: ReporterKind): string | null {
  return reporter === 'named' ? addWorkingDays(cal, closedOn, limits.resultDays) : null;
}

/** A clue found to belong to another level is forwarded within the limit, counted from receipt. */
export function forwardDue(cal: HolidayCalendar, limits: ReplyDutyLimits, receivedOn: string): string {
  return addWorkingDays(cal, receivedOn, limits.forwardDays);
}

export type DutyKind = 'acknowledge' | 'result' | 'forward';
export const DUTY_LABELS: Record<DutyKind, string> = { acknowledge: '受理告知', result: '结果反馈', forward: '转送其他层级' };

export interface DutyState {
  kind: DutyKind;
  due: string | null;
  doneOn: string | null;
}

/** A duty is overdue when its deadline has passed (the deadline day itself still counts) undone. */
export function isDutyOverdue(duty: DutyState, today: string): boolean {
  return duty.due !== null && duty.doneOn === null && duty.due < today;
}

/** The open duties of a clue, earliest deadline first. */
export function openDuties(duties: DutyState[]): DutyState[] {
  return duties.filter((d) => d.due !== null && d.doneOn === null).sort((a, b) => a.due!.localeCompare(b.due!));
}
