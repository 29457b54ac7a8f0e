import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { ThresholdTags } from './ThresholdTags';
import { type Behind, type LiangshanDashboard, THRESHOLD_SHORT_LABELS, figureText, liangshanBranchPath } from './types';

type Committee = LiangshanDashboard['list']['committees'][number];
type BranchThresholds = LiangshanDashboard['thresholds']['branches'][number];

/** 本月落后: every branch with items past due and undone, most first, each item with its leader and people. */
function BehindThisMonth({ d, campaignId }: { d: LiangshanDashboard; campaignId: string }) {
  const month = d.list.month ? `${Number(d.list.month.slice(5))}月` : '本月';
  return (
    <Card size="small" title={`${month}落后的党支部（逾期未完成的事项）`} data-testid="liangshan-behind">
      {d.list.behind.length ? (
        <Table<Behind>
          size="small"
          rowKey="branchId"
          dataSource={d.list.behind}
          pagination={d.list.behind.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          aria-label="落后的党支部"
          columns={[
            { title: '党支部', dataIndex: 'branchName', render: (v: string, b) => <Link to={liangshanBranchPath(campaignId, b.branchId)}>{v}</Link> },
            { title: '所属党(工)委', dataIndex: 'committeeName' },
            { title: '逾期', dataIndex: 'overdue', align: 'right', render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text> },
            { title: '本月待完成', dataIndex: 'dueThisMonth', align: 'right' },
            {
              title: '逾期事项（责任领导 / 责任人）',
              key: 'items',
              render: (_: unknown, b) => (
                <Space direction="vertical" size={0}>
                  {b.items.map((i) => (
                    <span key={i.occurrenceId}>
                      {i.title}（{i.label}，{formatDate(`${i.dueDate}T12:00:00+08:00`)}到期）· {i.leaderLabel} / {i.responsible}
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <Empty description="没有逾期未完成的事项" />
      )}
    </Card>
  );
}

function Figures({ d }: { d: LiangshanDashboard }) {
  const f = d.list.figures;
  return (
    <Card size="small" title="责任清单完成情况">
      <Descriptions
        size="small"
        column={{ xs: 2, md: 5 }}
        items={[
          { key: 'due', label: '已到期', children: f.due },
          { key: 'onTime', label: '按时完成', children: f.onTime },
          { key: 'late', label: '逾期完成', children: f.late },
          { key: 'missed', label: '逾期未完成', children: <Typography.Text type={f.missed ? 'danger' : undefined}>{f.missed}</Typography.Text> },
          { key: 'open', label: '未到期', children: f.open },
        ]}
      />
      <Table<Committee>
        size="small"
        rowKey="committeeId"
        dataSource={d.list.committees}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="各党(工)委责任清单完成情况"
        columns={[
          { title: '党(工)委', dataIndex: 'committeeName' },
          { title: '党支部', dataIndex: 'branches', align: 'right' },
          { title: '落后', dataIndex: 'behind', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
          { title: '已到期', dataIndex: 'due', align: 'right' },
          { title: '按时', dataIndex: 'onTime', align: 'right' },
          { title: '逾期完成', dataIndex: 'late', align: 'right' },
          { title: '逾期未完成', dataIndex: 'missed', align: 'right' },
        ]}
      />
    </Card>
  );
}

function Thresholds({ d, campaignId }: { d: LiangshanDashboard; campaignId: string }) {
  const t = d.thresholds;
  const keys = Object.keys(t.targets) as Array<keyof typeof t.targets>;
  return (
    <Card size="small" title="创建标准达标情况（由记录计算）">
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
        {keys.map((k) => (
          <Tag key={k}>
            {THRESHOLD_SHORT_LABELS[k]}（标准 {figureText(k, t.targets[k])}）：{t.met[k]}/{t.branches.length} 个支部达到
          </Tag>
        ))}
      </Space>
      <Table<BranchThresholds>
        size="small"
        rowKey="branchId"
        dataSource={t.branches}
        pagination={t.branches.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        aria-label="各党支部创建标准达标情况"
        columns={[
          { title: '党支部', dataIndex: 'branchName', render: (v: string, b) => <Link to={liangshanBranchPath(campaignId, b.branchId)}>{v}</Link> },
          { title: '全部达到', dataIndex: 'metAll', render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? '是' : '否'}</Tag> },
          { title: '各项标准', key: 'figures', render: (_: unknown, b) => <ThresholdTags rows={b.figures} /> },
        ]}
      />
    </Card>
  );
}

/** Liangshan's part of the dashboard: who is behind this month first, then the list's figures and each branch's thresholds. */
export function LiangshanSections({ d, campaignId }: { d: LiangshanDashboard; campaignId: string }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <BehindThisMonth d={d} campaignId={campaignId} />
      <Figures d={d} />
      <Thresholds d={d} campaignId={campaignId} />
    </Space>
  );
}
