import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS lib/core would arrive as { default } under the bundler's interop.
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only the pieces the dashboard draws: keeps ECharts' share of the bundle small.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** One dashboard chart: the common height, font and animation around `option`. */
function Chart({ option }: { option: echarts.EChartsCoreOption }) {
  return <ReactEChartsCore echarts={echarts} style={{ height: 280 }} notMerge option={{ textStyle: { fontFamily: FONT }, animationDuration: 400, ...option }} />;
}

export function TalkClassPie({ data }: { data: { name: string; value: number; color: string }[] }) {
  return (
    <Chart
      option={{
        tooltip: { trigger: 'item', formatter: '{b}<br/>{c} 人（{d}%）' },
        legend: { bottom: 0, icon: 'circle', data: data.map((d) => d.name) },
        series: [
          {
            type: 'pie',
            radius: ['45%', '70%'],
            center: ['50%', '45%'],
            avoidLabelOverlap: true,
            label: { formatter: '{b|{b}}\n{c} 人', rich: { b: { fontWeight: 'bold', lineHeight: 20 } } },
            // Empty classes stay in the legend but draw no slice (their labels would pile up).
            data: data.filter((d) => d.value > 0).map((d) => ({ name: d.name, value: d.value, itemStyle: { color: d.color } })),
          },
        ],
      }}
    />
  );
}

export function OrgKindBar({ data }: { data: { name: string; value: number }[] }) {
  return (
    <Chart
      option={{
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
        yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            name: '组织数',
            barMaxWidth: 18,
            data: data.map((d) => d.value),
            itemStyle: { color: '#1d4f91', borderRadius: [0, 3, 3, 0] },
            label: { show: true, position: 'right', color: '#595959' },
          },
        ],
      }}
    />
  );
}
