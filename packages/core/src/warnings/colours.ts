import { DEFAULT_OVERDUE_COLOUR, ruleFor, type WarningLevel, type WarningLevelRule } from './levels.js';

// Colour schemes of the seeds: blue/orange/red by level (seed 004, the default) or the
// green/yellow/red cards of seed 001. A deployment picks one or sets its own on each level.
export const COLOUR_SCHEMES = {
  blue_orange_red: { label: '蓝、橙、红（按等级）', colours: { 1: '#1677ff', 2: '#fa8c16', 3: '#f5222d' } },
  green_yellow_red: { label: '绿、黄、红牌', colours: { 1: '#52c41a', 2: '#fadb14', 3: '#f5222d' } },
} as const satisfies Record<string, { label: string; colours: Record<WarningLevel, string> }>;

export interface WarningLook {
  colour: string;
  /** Highlight (border, badge) when overdue; null otherwise. */
  highlight: string | null;
}

/** How a warning card looks: the level's colour, and the overdue highlight when it applies. */
export function warningLook(rules: readonly WarningLevelRule[], level: WarningLevel, overdue: boolean, overdueColour = DEFAULT_OVERDUE_COLOUR): WarningLook {
  return { colour: ruleFor(rules, level).colour, highlight: overdue ? overdueColour : null };
}
