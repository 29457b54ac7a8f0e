import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Dashboard } from '../campaigns/campaignApi';

export type ZiboDashboard = Extract<Dashboard, { hardBranches: unknown }>;
type BranchFigures = ZiboDashboard['obligations']['byBranch'][number];
type DutyFigures = ZiboDashboard['obligations']['byDuty'][number];

export const isZibo = (d: unknown): d is ZiboDashboard => typeof d === 'object' && d !== null && Array.isArray((d as { hardBranches?: unknown }).hardBranches);
const branchPath = (campaignId: string, branchId: string) => `/campaigns/${campaignId}/zibo/branches/${branchId}`;
const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

const figureColumns = [
  { title: '已到期', dataIndex: 'due' },
  { title: '按期', dataIndex: 'onTime' },
  { title: '逾期补足', dataIndex: 'late' },
  { title: '未完成', dataIndex: 'missed', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
  { title: '超出上限', dataIndex: 'overMax', render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0) },
  { title: '按期完成率', dataIndex: 'rate', render: (v: number) => percent(v) },
];

/** Zibo's part of a year's dashboard: projects by stage and the flagged, hard branches, the evaluation, and who is behind on the counted duties. */
export function ZiboSections({ d, campaignId, labels }: { d: ZiboDashboard; campaignId: string; labels: Record<string, string> }) {
  const e = d.evaluation;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={labels.projects ?? '党建项目'}>
        <Space wrap size={[4, 4]}>
          {d.projects.byStatus.map((s) => (
            <Tag key={s.status}>
              {s.label} {s.projects}
            </Tag>
          ))}
        </Space>
        <div style={{ marginTop: 8 }}>
          <Typography.Text>
            党支部{d.projects.branches}个，有审核通过项目的{d.projects.withApproved}个
          </Typography.Text>
        </div>
        {d.projects.flagged.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text strong>未按期确定项目（预警）</Typography.Text>
            <div>
              {d.projects.flagged.map((b) => (
                <Tag key={b.branchId} color="red" style={{ marginTop: 4 }}>
                  <Link to={branchPath(campaignId, b.branchId)}>{b.name}</Link>
                </Tag>
              ))}
            </div>
          </div>
        )}
      </Card>
      <Card size="small" title={labels.hardBranches ?? '过硬支部'}>
        {d.hardBranches.length ? (
          <Space wrap>
            {d.hardBranches.map((h) => (
              <Tag key={`${h.branchId}-${h.year}`} color={h.status === 'withdrawn' ? 'red' : 'gold'}>
                <Link to={branchPath(campaignId, h.branchId)}>
                  {h.year}年度 {h.name}
                  {h.status === 'withdrawn' ? '（已撤销）' : h.status === 'retained' ? '（复核保留）' : ''}
                </Link>
              </Tag>
            ))}
          </Space>
        ) : (
          <Empty description="尚未评定过硬支部" />
        )}
      </Card>
      <Card size="small" title={labels.evaluation ?? '评价'}>
        <Space wrap size={[4, 4]}>
          <Tag>计划已备案 {e.plansAcknowledged}</Tag>
          <Tag>标准已备案 {e.standards}</Tag>
          <Tag>已自评 {e.selfAssessed}</Tag>
          <Tag>已考评 {e.bureauAssessed}</Tag>
          <Tag>已对标 {e.benchmarked}</Tag>
          <Tag>已述职 {e.dutyReports}</Tag>
          <Tag>已评价 {e.rated}</Tag>
        </Space>
      </Card>
      <Card size="small" title={labels.obligations ?? '经常性工作'}>
        <Typography.Paragraph>
          已到期{d.obligations.due}期，按期{d.obligations.onTime}，逾期补足{d.obligations.late}，未完成{d.obligations.missed}，按期完成率{percent(d.obligations.rate)}
        </Typography.Paragraph>
        <Table<DutyFigures>
          size="small"
          rowKey="code"
          dataSource={d.obligations.byDuty}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="各项经常性工作完成情况"
          columns={[{ title: '工作', dataIndex: 'title' }, { title: '要求', dataIndex: 'quota' }, ...figureColumns]}
        />
        <Table<BranchFigures>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="branchId"
          dataSource={d.obligations.byBranch}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          aria-label="各党支部经常性工作完成情况（落后的在前）"
          columns={[
            { title: '党支部', dataIndex: 'name', render: (v: string, b) => <Link to={branchPath(campaignId, b.branchId)}>{v}</Link> },
            { title: '本月未达要求', dataIndex: 'behindThisMonth', render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0) },
            ...figureColumns,
          ]}
        />
      </Card>
    </Space>
  );
}
