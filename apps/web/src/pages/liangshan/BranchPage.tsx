import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';
import { ThresholdTags } from './ThresholdTags';
import { type BranchItem, type BranchYear, OCCURRENCE_COLORS, type Occurrence, THRESHOLD_SHORT_LABELS, type Threshold, figureText } from './types';

function OccurrenceTag({ o }: { o: Occurrence }) {
  const late = o.status === 'completed' && o.completedLate;
  const detail = [
    `到期：${formatDate(`${o.dueDate}T12:00:00+08:00`)}`,
    o.completedAt ? `完成：${formatDateTime(o.completedAt)}` : null,
    o.evidence ? `佐证：${o.evidence}` : null,
  ].filter(Boolean);
  return (
    <div className="liangshan-occurrence">
      <Tag color={late ? 'orange' : OCCURRENCE_COLORS[o.status]}>
        {o.label} {late ? '逾期完成' : o.statusLabel}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {detail.join('；')}
      </Typography.Text>
    </div>
  );
}

function Items({ items }: { items: BranchItem[] }) {
  return (
    <Card size="small" title="责任清单">
      <Table<BranchItem>
        size="small"
        rowKey="code"
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="责任清单各项重点工作"
        columns={[
          { title: '序号', key: 'n', render: (_: unknown, __: BranchItem, i: number) => i + 1 },
          { title: '重点工作', dataIndex: 'title', render: (v: string) => <div className="liangshan-cell">{v}</div> },
          { title: '责任领导', dataIndex: 'leaderLabel' },
          { title: '责任人', dataIndex: 'responsible' },
          { title: '完成时限', dataIndex: 'deadlineText', render: (v: string) => <div className="liangshan-cell">{v}</div> },
          {
            title: '完成情况',
            key: 'occurrences',
            render: (_: unknown, i: BranchItem) => (i.occurrences.length ? i.occurrences.map((o) => <OccurrenceTag key={o.id} o={o} />) : <Typography.Text type="secondary">尚未开始</Typography.Text>),
          },
        ]}
      />
    </Card>
  );
}

function Thresholds({ rows }: { rows: Threshold[] }) {
  return (
    <Card size="small" title="创建标准（由记录计算）">
      <ThresholdTags rows={rows} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={rows.map((t) => ({ key: t.key, label: THRESHOLD_SHORT_LABELS[t.key], children: `${figureText(t.key, t.figure)}（标准 ${figureText(t.key, t.target)}）：${t.basis}` }))}
      />
    </Card>
  );
}

function Members({ page }: { page: BranchYear }) {
  return (
    <Card size="small" title="党员积分排名和星级评定">
      <Space direction="vertical" style={{ width: '100%' }}>
        {page.starRating ? (
          <Space wrap size={[4, 4]}>
            {Object.entries(page.starRating.byStars)
              .sort(([a], [b]) => Number(b) - Number(a))
              .map(([stars, n]) => (
                <Tag key={stars} color={stars === '5' ? 'gold' : undefined}>
                  {stars}星 {n}人
                </Tag>
              ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">尚未评定星级党员（12月）</Typography.Text>
        )}
        {page.pointsRanking.length ? (
          <Table
            size="small"
            rowKey="member"
            dataSource={page.pointsRanking}
            pagination={false}
            scroll={{ x: 'max-content' }}
            aria-label="党员积分排名"
            columns={[
              { title: '名次', dataIndex: 'rank' },
              { title: '党员', dataIndex: 'member' },
              { title: '积分', dataIndex: 'points', align: 'right' },
            ]}
          />
        ) : (
          <Empty description="尚未积分评比（12月）" />
        )}
      </Space>
    </Card>
  );
}

/** 责任清单: one branch's year — every item with both parties and each occurrence, the figures, the thresholds, the points and the stars. */
export default function LiangshanBranchPage() {
  const { campaignId = '', branchId = '' } = useParams();
  const q = useQuery({
    queryKey: ['liangshan', 'branch', campaignId, branchId],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/liangshan/branches/{branchId}', { params: { path: { id: campaignId, branchId } } })),
  });
  const page = q.data;
  return (
    <section aria-labelledby="liangshan-branch-title">
      <Breadcrumb items={[{ title: <Link to="/campaigns">评选看板</Link> }, { title: <Link to={`/campaigns/${campaignId}`}>{page?.campaign.title ?? '看板'}</Link> }, { title: '责任清单' }]} />
      <QueryState query={q}>
        {page && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <Typography.Title level={3} id="liangshan-branch-title" style={{ marginBottom: 4 }}>
                {page.branch.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {page.branch.committeeName} · {page.campaign.title}
              </Typography.Text>
            </div>
            <Space wrap>
              <DownloadButton
                label="下载责任清单"
                download={() => downloadFile('/campaigns/{id}/liangshan/branches/{branchId}/responsibility-list.xlsx', { path: { id: campaignId, branchId } }, `${page.branch.name}责任清单.xlsx`)}
              />
              <DownloadButton
                printable
                label="打印（PDF）"
                download={() => downloadFile('/campaigns/{id}/liangshan/branches/{branchId}/responsibility-list.pdf', { path: { id: campaignId, branchId } }, `${page.branch.name}责任清单.pdf`)}
              />
            </Space>
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 2, md: 5 }}
                items={[
                  { key: 'due', label: '已到期', children: page.figures.due },
                  { key: 'onTime', label: '按时完成', children: page.figures.onTime },
                  { key: 'late', label: '逾期完成', children: page.figures.late },
                  { key: 'missed', label: '逾期未完成', children: page.figures.missed },
                  { key: 'open', label: '未到期', children: page.figures.open },
                ]}
              />
            </Card>
            <Thresholds rows={page.thresholds} />
            <Items items={page.items} />
            <Members page={page} />
          </Space>
        )}
      </QueryState>
    </section>
  );
}
