import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.js';
import { ruleFor, type WarningLevel, type WarningLevelRule } from './levels.js';

// Seed 000: level 1 not rectified or rectified inadequately → level 2; level 2 likewise → level 3;
// level 3 likewise → accountability (问责). The text every automatic escalation is audited with:
export const OVERDUE_ESCALATION_REASON = '逾期未整改，自动升级';
export const INADEQUATE_ESCALATION_REASON = '整改不到位，升级预警';

export type EscalationTarget = { kind: 'warning'; level: WarningLevel } | { kind: 'referral' };

export function escalationTarget(level: WarningLevel): EscalationTarget {
  return level === 3 ? { kind: 'referral' } : { kind: 'warning', level: (level + 1) as WarningLevel };
}

/**
 * The deadline of a warning issued on `issuedOn`: the issuer's chosen date moved to a working day if
 * it falls on a rest day, or else the level's number of working days on the official calendar.
 */
export function warningDeadline(cal: HolidayCalendar, rule: WarningLevelRule, issuedOn: string, chosen?: string | null): string {
  return chosen ? addWorkingDays(cal, chosen, 0) : addWorkingDays(cal, issuedOn, rule.deadlineWorkingDays);
}

/** Deadlines of the warnings an escalation on `today` raises, per level (one per level for a whole sweep). */
export function escalationDeadlines(cal: HolidayCalendar, rules: readonly WarningLevelRule[], today: string): Record<2 | 3, string> {
  return { 2: warningDeadline(cal, ruleFor(rules, 2), today), 3: warningDeadline(cal, ruleFor(rules, 3), today) };
}
