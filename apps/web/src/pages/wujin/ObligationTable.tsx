import { Table, Typography } from 'antd';
import { percent } from './types';

interface ObligationRow {
  code: string;
  title: string;
  rubricItem: string;
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
}

/** The standing obligations' figures, one row an obligation: the branch page's and the dashboard's (with the on-time rate). */
export function ObligationTable({ rows, withRate = false }: { rows: ObligationRow[]; withRate?: boolean }) {
  return (
    <Table<ObligationRow>
      size="small"
      rowKey="code"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      aria-label="经常性工作完成情况"
      columns={[
        { title: '工作', dataIndex: 'title' },
        { title: '考核条目', dataIndex: 'rubricItem' },
        { title: '应完成', dataIndex: 'due', align: 'right' },
        { title: '按时', dataIndex: 'onTime', align: 'right' },
        { title: '补做', dataIndex: 'late', align: 'right' },
        { title: '缺', dataIndex: 'missed', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
        { title: '未到期', dataIndex: 'open', align: 'right' },
        ...(withRate
          ? [{ title: '按时率', key: 'rate', align: 'right' as const, render: (_: unknown, r: ObligationRow) => (r.due - r.open > 0 ? percent(r.onTime / (r.due - r.open)) : '—') }]
          : []),
      ]}
    />
  );
}
