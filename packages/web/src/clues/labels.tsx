import { CLUE_CHANNELS, CLUE_LEVELS, CLUE_STATUSES, DISPOSAL_MODES, PROBLEM_TYPES, type ClueStatus } from '@qingfeng/core';
import { Tag } from 'antd';

const STATUS_COLORS: Record<ClueStatus, string> = { registered: 'blue', pending_approval: 'gold', disposing: 'processing', closed: 'green', merged: 'default' };
const LEVEL_COLORS = { 1: 'blue', 2: 'orange', 3: 'red' } as const;

export const options = (dict: Record<string, string>) => Object.entries(dict).map(([value, label]) => ({ value, label }));
export const CHANNEL_OPTIONS = options(CLUE_CHANNELS);
export const PROBLEM_TYPE_OPTIONS = options(PROBLEM_TYPES);
export const STATUS_OPTIONS = options(CLUE_STATUSES);
export const MODE_OPTIONS = options(DISPOSAL_MODES);
export const LEVEL_OPTIONS = ([1, 2, 3] as const).map((l) => ({ value: l, label: CLUE_LEVELS[l] }));

export function StatusTag({ status }: { status: ClueStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CLUE_STATUSES[status]}</Tag>;
}

export function LevelTag({ level }: { level: 1 | 2 | 3 | null }) {
  return level ? <Tag color={LEVEL_COLORS[level]}>{CLUE_LEVELS[level]}</Tag> : <span style={{ color: '#bfbfbf' }}>未定级</span>;
}
