import { Button, Table, Tag } from 'antd';
import type { Dashboard } from '../campaigns/campaignApi';
import { LEVEL_LABELS } from '../../labels';

type Unit = Dashboard['units'][number];

/** The units right below the scope with their subtrees' work; opening one shows its own dashboard. */
export function UnitWork({ units, onOpen }: { units: Unit[]; onOpen: (u: Unit) => void }) {
  return (
    <Table<Unit>
      size="small"
      rowKey="organisationId"
      dataSource={units}
      pagination={units.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有下级组织' }}
      columns={[
        {
          title: '组织',
          dataIndex: 'organisationName',
          render: (name: string, u) => (
            <Button type="link" className="unit-link" onClick={() => onOpen(u)} aria-label={`查看${name}`}>
              {name}
            </Button>
          ),
        },
        { title: '层级', dataIndex: 'level', render: (l: Unit['level']) => LEVEL_LABELS[l] },
        { title: '待办', dataIndex: 'open', sorter: (a, b) => a.open - b.open },
        { title: '逾期', dataIndex: 'overdue', sorter: (a, b) => a.overdue - b.overdue, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
        { title: '72小时内到期', dataIndex: 'dueSoon', sorter: (a, b) => a.dueSoon - b.dueSoon, render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
      ]}
    />
  );
}
