import { Table, Typography } from 'antd';
import type { paths } from '../../api/schema';
import { StageTimeline } from '../../components/StageTimeline';
import { formatDate } from '../../format';

export type PlannedStage = paths['/campaigns/defaults']['get']['responses'][200]['content']['application/json']['plan'][number];

const day = (d: string) => formatDate(`${d}T12:00:00+08:00`);

/** Every stage's dates as the working-day calendar puts them: on the calendar, and listed with the calendar's notes. */
export function PlanPreview({ plan }: { plan: PlannedStage[] }) {
  return (
    <>
      <StageTimeline stages={plan} title="日程预览" />
      <Table<PlannedStage>
        size="small"
        rowKey="stage"
        dataSource={plan}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '阶段', dataIndex: 'label' },
          { title: '开始', dataIndex: 'opensOn', render: day },
          { title: '截止', dataIndex: 'dueOn', render: (d: string) => <span data-testid="planned-due">{day(d)}</span> },
          { title: '说明', dataIndex: 'notes', render: (notes: string[]) => (notes.length ? notes.join('；') : <Typography.Text type="secondary">—</Typography.Text>) },
        ]}
      />
    </>
  );
}
