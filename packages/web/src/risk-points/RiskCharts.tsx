import { RISK_CATEGORY_LABELS, type RiskCategory } from '@qingfeng/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { html } from '../shared/chart-html';
import type { Heatmap, RiskStats } from './api';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

function Chart({ option, height, testId }: { option: echarts.EChartsCoreOption; height: number; testId: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} style={{ height }} notMerge option={{ textStyle: { fontFamily: FONT }, animationDuration: 300, ...option }} />
    </div>
  );
}

/** 发生概率 × 危害程度: each cell in its level's colour, labelled with the number of points. */
export function LikelihoodImpactHeatmap({ data }: { data: Heatmap }) {
  const color = new Map(data.levels.map((l) => [l.rank, l.color]));
  const name = new Map(data.levels.map((l) => [l.rank, l.name]));
  const xs = data.impact.map((s) => `${s.value} ${s.label.split('：')[0]}`);
  const ys = data.likelihood.map((s) => `${s.value} ${s.label}`);
  return (
    <Chart
      testId="risk-heatmap-matrix"
      height={90 + 56 * ys.length}
      option={{
        grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
        tooltip: {
          formatter: (p: { data: { value: [number, number, number]; level: number } }) =>
            `发生概率 ${html(ys[p.data.value[1]])}<br/>危害程度 ${html(xs[p.data.value[0]])}<br/>${html(name.get(p.data.level))}：${p.data.value[2]} 个风险点`,
        },
        xAxis: { type: 'category', data: xs, name: '危害程度', nameLocation: 'middle', nameGap: 28, axisLabel: { interval: 0 }, splitArea: { show: true } },
        yAxis: { type: 'category', data: ys, splitArea: { show: true } },
        series: [
          {
            type: 'heatmap',
            label: { show: true, color: '#fff', fontWeight: 'bold', fontSize: 14 },
            itemStyle: { borderColor: '#fff', borderWidth: 2 },
            data: data.cells.map((c) => ({
              value: [data.impact.findIndex((s) => s.value === c.impact), data.likelihood.findIndex((s) => s.value === c.likelihood), c.count],
              level: c.level,
              itemStyle: { color: color.get(c.level), opacity: c.count ? 1 : 0.35 },
            })),
          },
        ],
      }}
    />
  );
}

/** Orgs × the five categories, shaded by the number of points. */
export function OrgCategoryHeatmap({ data }: { data: RiskStats }) {
  const cats = Object.keys(RISK_CATEGORY_LABELS) as RiskCategory[];
  const rows = data.rows.slice(0, 30);
  const max = Math.max(1, ...rows.flatMap((r) => Object.values(r.counts)));
  return (
    <Chart
      testId="risk-heatmap-org"
      height={110 + 28 * Math.max(rows.length, 3)}
      option={{
        grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
        tooltip: { formatter: (p: { value: [number, number, number] }) => `${html(rows[p.value[1]]?.orgName)}<br/>${RISK_CATEGORY_LABELS[cats[p.value[0]]!]}：${p.value[2]} 个` },
        xAxis: { type: 'category', data: cats.map((c) => RISK_CATEGORY_LABELS[c]), axisLabel: { interval: 0 }, splitArea: { show: true } },
        yAxis: { type: 'category', data: rows.map((r) => r.orgName), inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', '#597ef7', '#10239e'] }, itemHeight: 120 },
        series: [
          {
            type: 'heatmap',
            label: { show: true },
            itemStyle: { borderColor: '#fff', borderWidth: 1 },
            data: rows.flatMap((r, y) => cats.map((c, x) => [x, y, r.counts[c] ?? 0])),
          },
        ],
      }}
    />
  );
}
