import { CAMPAIGN_STAGE_LABELS, CAMPAIGN_STAGES } from '@qingfeng/core';
import { Space, Tooltip, Typography } from 'antd';
import type { Campaign } from './api';
import { STAGE_COLORS } from './labels';

/** The orgs of a campaign by stage: one stacked bar, and the counts under it. */
export function StageProgress({ progress, compact = false, testId }: { progress: Campaign['progress']; compact?: boolean; testId?: string }) {
  const stages = CAMPAIGN_STAGES.filter((s) => progress.byStage[s] > 0);
  return (
    <div data-testid={testId} style={{ minWidth: 220 }}>
      <div style={{ display: 'flex', height: compact ? 10 : 16, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0' }} aria-label="各阶段单位数">
        {stages.map((s) => (
          <Tooltip key={s} title={`${CAMPAIGN_STAGE_LABELS[s]}：${progress.byStage[s]} 个单位`}>
            <div style={{ flex: progress.byStage[s], background: STAGE_COLORS[s] }} />
          </Tooltip>
        ))}
      </div>
      <Space size={compact ? 8 : 16} wrap style={{ marginTop: 4, fontSize: compact ? 12 : 14 }}>
        {CAMPAIGN_STAGES.map((s) => (
          <span key={s}>
            <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: STAGE_COLORS[s], marginRight: 4 }} />
            {CAMPAIGN_STAGE_LABELS[s]} {progress.byStage[s]}
          </span>
        ))}
        <Typography.Text type="secondary">共 {progress.total} 个单位</Typography.Text>
      </Space>
    </div>
  );
}
