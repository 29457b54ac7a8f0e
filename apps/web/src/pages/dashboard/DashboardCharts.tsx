import ReactEChartsCore from 'echarts-for-react/lib/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Typography } from 'antd';
import { useDeferredValue } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export interface Tally {
  title: string;
  /** [label, count] in order. */
  bars: Array<[string, number]>;
}

export interface ProgressDay {
  day: string;
  created: number;
  completed: number;
}

/**
 * The dashboard's charts (ECharts, loaded with this chunk only when a dashboard opens): each tally as bars,
 * and the work given and done over time. Deferred values keep typing elsewhere responsive while they draw.
 */
export default function DashboardCharts({ tallies, progress }: { tallies: Tally[]; progress: ProgressDay[] }) {
  const deferredTallies = useDeferredValue(tallies);
  const deferredProgress = useDeferredValue(progress);
  let given = 0;
  let done = 0;
  const cumulative = deferredProgress.map((d) => {
    given += d.created;
    done += d.completed;
    return [d.day, given, done] as const;
  });
  return (
    <div className="dashboard-grid two">
      {deferredTallies.map((t) => (
        <Card key={t.title} size="small" title={t.title}>
          <div role="img" aria-label={`${t.title}：${t.bars.map(([l, n]) => `${l}${n}`).join('，')}`}>
            <ReactEChartsCore
              echarts={echarts}
              className="chart-box"
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', data: t.bars.map(([l]) => l), axisLabel: { width: 140, overflow: 'truncate' } },
                series: [{ type: 'bar', data: t.bars.map(([, n]) => n), itemStyle: { color: '#c0392b' }, label: { show: true, position: 'right' } }],
              }}
            />
          </div>
        </Card>
      ))}
      <Card size="small" title="进度（累计）">
        {cumulative.length ? (
          <div role="img" aria-label={`累计新增任务${given}项，已办结${done}项`}>
            <ReactEChartsCore
              echarts={echarts}
              className="chart-box"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: ['新增任务', '已办结'] },
                grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
                xAxis: { type: 'category', data: cumulative.map(([d]) => d) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { name: '新增任务', type: 'line', data: cumulative.map(([, g]) => g), color: '#1677ff' },
                  { name: '已办结', type: 'line', data: cumulative.map(([, , c]) => c), color: '#52c41a' },
                ],
              }}
            />
          </div>
        ) : (
          <Typography.Text type="secondary">尚无任务</Typography.Text>
        )}
      </Card>
    </div>
  );
}
