import { WARNING_LEVEL_LABELS, type Warning } from '@qingfeng/core';
import { Tag } from 'antd';

/** The level in its configured colour (blue/orange/red by default). */
export function LevelTag({ w }: { w: Pick<Warning, 'level' | 'colour'> }) {
  return (
    <Tag color={w.colour} data-testid="warning-level">
      {WARNING_LEVEL_LABELS[w.level]}
    </Tag>
  );
}

/** The state; an overdue warning is highlighted. */
export function StatusTag({ w }: { w: Pick<Warning, 'statusLabel' | 'overdue' | 'highlight' | 'backRegistered'> }) {
  return (
    <>
      <Tag data-testid="warning-status">{w.statusLabel}</Tag>
      {w.overdue && (
        <Tag color={w.highlight ?? 'red'} data-testid="warning-overdue">
          逾期
        </Tag>
      )}
      {w.backRegistered && <Tag>补录</Tag>}
    </>
  );
}
