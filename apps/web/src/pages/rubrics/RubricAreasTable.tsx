import { Table, Tag } from 'antd';
import type { RubricArea, RubricDetail } from './types';

type ItemRow = RubricArea['items'][number] & { areaName: string };

/** Each area's declared points beside what its items add up to, then every item as printed. */
export function RubricAreasTable({ rubric }: { rubric: RubricDetail }) {
  const items: ItemRow[] = rubric.areas.flatMap((a) => a.items.map((i) => ({ ...i, areaName: a.name })));
  return (
    <>
      <Table<RubricArea>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rubric.areas}
        scroll={{ x: 'max-content' }}
        aria-label="各部分分值"
        columns={[
          { title: '部分', dataIndex: 'name', render: (name: string, a) => `${a.code}. ${name}` },
          { title: '条目数', key: 'count', render: (_, a) => a.items.length },
          { title: '声明分值', dataIndex: 'declaredPoints' },
          {
            title: '条目合计',
            dataIndex: 'itemsTotal',
            render: (total: number, a) => (total === a.declaredPoints ? total : <Tag color="warning">{total}（与声明不符）</Tag>),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{rubric.itemCount}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{rubric.declaredTotal}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>{rubric.itemsTotal}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Table<ItemRow>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        aria-label="考核条目"
        style={{ marginTop: 16 }}
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '部分', dataIndex: 'areaName' },
          { title: '考核内容', dataIndex: 'requirement' },
          { title: '考核标准', dataIndex: 'standard', render: (s: string) => <div style={{ minWidth: 240, maxWidth: 480, whiteSpace: 'normal' }}>{s}</div> },
          { title: '分值', dataIndex: 'points' },
        ]}
      />
    </>
  );
}
