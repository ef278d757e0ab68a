import { layoutFlowchart, type FlowStep } from '@qingfeng/core';
import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { html } from '../shared/chart-html';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

export interface RiskStep {
  stepKey: string;
  title: string;
  /** Rank: 1 is the highest level. */
  level: number;
  levelName: string;
  levelColor: string;
}

/** 权力运行流程图: steps top-down by distance from the start; a step marked as a risk point is filled with its level's colour. */
export function FlowchartDiagram({ steps, riskSteps, testId }: { steps: FlowStep[]; riskSteps: RiskStep[]; testId?: string }) {
  const layout = new Map(layoutFlowchart(steps).map((p) => [p.key, p]));
  const risk = new Map<string, RiskStep[]>();
  for (const r of riskSteps) risk.set(r.stepKey, [...(risk.get(r.stepKey) ?? []), r]);
  const rows = Math.max(1, ...[...layout.values()].map((p) => p.row + 1));
  const option: echarts.EChartsCoreOption = {
    textStyle: { fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
    tooltip: {
      formatter: (p: { dataType: string; data: { step?: FlowStep; risks?: RiskStep[] } }) => {
        const s = p.data.step;
        if (p.dataType !== 'node' || !s) return '';
        // Escaped: a step named <img onerror=…> ran its script in the reviewer's session.
        const rs = (p.data.risks ?? []).map((r) => `<br/><span style="color:${html(r.levelColor)}">●</span> ${html(r.levelName)}风险点：${html(r.title)}`).join('');
        return `<b>${html(s.name)}</b><br/>办理：${html(s.actor)}${s.timeLimitDays != null ? `<br/>时限：${s.timeLimitDays} 个工作日` : ''}${rs}`;
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        symbol: 'roundRect',
        symbolSize: [150, 44],
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 9,
        roam: false,
        label: { show: true, fontSize: 13 },
        lineStyle: { color: '#8c8c8c', width: 1.5, curveness: 0.15 },
        data: steps.map((s) => {
          const pos = layout.get(s.key)!;
          // A step with points of several levels takes the colour of the highest.
          const rs = [...(risk.get(s.key) ?? [])].sort((a, b) => a.level - b.level);
          const color = rs[0]?.levelColor;
          return {
            name: s.key,
            x: 200 * pos.col,
            y: 90 * pos.row,
            step: s,
            risks: rs,
            label: { formatter: `${color ? '⚠ ' : ''}${s.name}\n${s.actor}${s.timeLimitDays != null ? ` · ${s.timeLimitDays}天` : ''}`, color: color ? '#fff' : '#262626' },
            itemStyle: { color: color ?? '#f0f5ff', borderColor: color ?? '#1d4f91', borderWidth: 1.5 },
          };
        }),
        links: steps.flatMap((s) => s.next.map((n) => ({ source: s.key, target: n }))),
      },
    ],
  };
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} style={{ height: 60 + 90 * rows }} notMerge option={option} />
    </div>
  );
}
