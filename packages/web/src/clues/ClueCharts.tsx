import { CLUE_CHANNELS, CLUE_LEVELS, CLUE_STATUSES, PROBLEM_TYPES } from '@qingfeng/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Col, Row } from 'antd';
import type { ClueStats } from './api';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const label = (dict: Record<string, string>, key: string) => dict[key] ?? (key === 'none' ? '未定级' : key);

function Chart({ option }: { option: echarts.EChartsCoreOption }) {
  return <ReactEChartsCore echarts={echarts} style={{ height: 240 }} notMerge option={{ textStyle: { fontFamily: FONT }, animationDuration: 300, ...option }} />;
}

function bar(data: { name: string; value: number }[], color: string): echarts.EChartsCoreOption {
  return {
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false } },
    series: [{ type: 'bar', barMaxWidth: 16, data: data.map((d) => d.value), itemStyle: { color }, label: { show: true, position: 'right' } }],
  };
}

/** 台账统计: counts by channel, problem type, level and month (the ledger's filters apply). */
export default function ClueCharts({ stats }: { stats: ClueStats }) {
  const levels = stats.byLevel.map((d) => ({ name: d.key === 'none' ? '未定级' : CLUE_LEVELS[Number(d.key) as 1 | 2 | 3], value: d.count }));
  return (
    <Row gutter={[16, 16]} data-testid="clue-charts">
      <Col xs={24} xl={8}>
        <Card size="small" title="按来源渠道">
          <Chart option={bar(stats.byChannel.slice(0, 10).map((d) => ({ name: label(CLUE_CHANNELS, d.key), value: d.count })), '#1d4f91')} />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title="按问题类别">
          <Chart option={bar(stats.byProblemType.map((d) => ({ name: label(PROBLEM_TYPES, d.key), value: d.count })), '#c8102e')} />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title="按建议等级与状态">
          <Chart
            option={{
              tooltip: { trigger: 'item' },
              legend: { bottom: 0, type: 'scroll' },
              series: [
                { type: 'pie', radius: ['0%', '38%'], center: ['50%', '42%'], label: { show: false }, data: levels, color: ['#bfbfbf', '#1677ff', '#fa8c16', '#cf1322'] },
                { type: 'pie', radius: ['50%', '68%'], center: ['50%', '42%'], label: { show: false }, data: stats.byStatus.map((d) => ({ name: label(CLUE_STATUSES, d.key), value: d.count })) },
              ],
            }}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title="按月份">
          <Chart
            option={{
              grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: stats.byMonth.map((d) => d.month) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [{ type: 'bar', name: '线索数', barMaxWidth: 28, data: stats.byMonth.map((d) => d.count), itemStyle: { color: '#1d4f91' } }],
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}
