import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';
import { AssessmentRound } from './AssessmentRound';
import { ObligationTable } from './ObligationTable';
import { EvidenceFiles } from './EvidenceFiles';
import { ReElection } from './ReElection';
import { STANDING_COLORS, type BranchPage as Page } from './types';

const BRAND_COLORS: Record<string, string> = { accepted: 'green', filed: 'processing', returned: 'orange' };

function Standing({ page }: { page: Page }) {
  const s = page.standing;
  const b = page.branch;
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'standing', label: '状态', children: s ? <Tag color={STANDING_COLORS[s.standing]}>{s.label}</Tag> : '未列入本计划' },
          { key: 'committee', label: '所属党(工)委', children: b.committee?.name ?? '—' },
          { key: 'domain', label: '类别', children: b.domainLabel ?? '—' },
          { key: 'members', label: '党员人数', children: b.memberCount ?? '—' },
          { key: 'score', label: '最近验收得分', children: s?.score ?? '—' },
          { key: 'round', label: '考核轮次', children: s ? `第${s.round}轮` : '—' },
          ...(s?.compliantAt ? [{ key: 'since', label: '合格时间', children: formatDateTime(s.compliantAt) }] : []),
          ...(s?.failedOnce ? [{ key: 'failed', label: '曾未达标', children: <Tag color="orange">是</Tag> }] : []),
          ...(s?.objectionUpheld ? [{ key: 'objection', label: '公示异议', children: <Tag color="red">异议经核实成立</Tag> }] : []),
          ...(s?.reasons.length ? [{ key: 'reasons', label: '未达标原因', span: 'filled' as const, children: s.reasons.join('；') }] : []),
        ]}
      />
    </Card>
  );
}

function Rectification({ r }: { r: NonNullable<Page['rectification']> }) {
  return (
    <Card size="small" title="整顿">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'status',
            label: '状态',
            children: (
              <Space size={4} wrap>
                <Tag>{r.statusLabel}</Tag>
                {r.overdue && <Tag color="red">已逾期</Tag>}
              </Space>
            ),
          },
          { key: 'due', label: '整顿期限', children: formatDateTime(r.dueAt) },
          { key: 'reasons', label: '整顿原因', span: 'filled', children: r.reasons.join('；') || '—' },
          { key: 'measures', label: '整顿措施', span: 'filled', children: r.measures ?? '尚未报送' },
          { key: 'evidence', label: '佐证材料', span: 'filled', children: r.evidence ?? '—' },
          { key: 'submitted', label: '报送时间', children: r.submittedAt ? `${formatDateTime(r.submittedAt)}${r.late ? '（逾期报送）' : ''}` : '—' },
          { key: 'submissions', label: '报送次数', children: r.submissions },
          { key: 'opinion', label: '审核意见', span: 'filled', children: r.opinion ? `${r.opinion}（${r.decidedBy ?? '—'}，${r.decidedAt ? formatDateTime(r.decidedAt) : '—'}）` : '—' },
        ]}
      />
    </Card>
  );
}

function Brands({ brands }: { brands: Page['brands'] }) {
  return (
    <Card size="small" title="党建工作品牌">
      {brands.length ? (
        <Table
          size="small"
          rowKey="id"
          dataSource={brands}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="党建工作品牌各版本"
          columns={[
            { title: '版本', dataIndex: 'version', render: (v: number) => `第${v}版` },
            { title: '品牌名称', dataIndex: 'name' },
            { title: '品牌内涵', dataIndex: 'description', render: (v: string) => <div className="wujin-cell wide">{v}</div> },
            { title: '佐证材料', dataIndex: 'evidence', render: (v: string, b) => <EvidenceFiles text={v} files={b.evidenceAttachments} /> },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, b) => <Tag color={BRAND_COLORS[b.status]}>{v}</Tag> },
            { title: '审核意见', dataIndex: 'opinion', render: (v: string | null) => v ?? '—' },
            { title: '报送时间', dataIndex: 'filedAt', render: (v: string) => formatDate(v) },
          ]}
        />
      ) : (
        <Empty description="尚未报送党建工作品牌" />
      )}
    </Card>
  );
}

function Obligations({ rows }: { rows: Page['obligations'] }) {
  return (
    <Card size="small" title="经常性工作完成情况">
      <ObligationTable rows={rows} />
    </Card>
  );
}

/** 支部规范化建设档案: one branch's standing, every assessment round, rectification, brands and obligations. */
export default function BranchPage() {
  const { campaignId = '', branchId = '' } = useParams();
  const q = useQuery({
    queryKey: ['wujin', 'branch', campaignId, branchId],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/branches/{branchId}', { params: { path: { id: campaignId, branchId } } })),
  });
  const page = q.data;
  return (
    <section aria-labelledby="branch-title">
      <Breadcrumb items={[{ title: <Link to="/campaigns">评选看板</Link> }, { title: <Link to={`/campaigns/${campaignId}`}>{page?.campaign.title ?? '看板'}</Link> }, { title: '支部档案' }]} />
      <QueryState query={q}>
        {page && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <Typography.Title level={3} id="branch-title" style={{ marginBottom: 4 }}>
                {page.branch.name}
              </Typography.Title>
              <Typography.Text type="secondary">支部规范化建设档案 · {page.campaign.title}</Typography.Text>
            </div>
            <Space wrap>
              <DownloadButton
                label="下载考核评分表"
                download={() => downloadFile('/campaigns/{id}/wujin/branches/{branchId}/score-sheet.xlsx', { path: { id: campaignId, branchId } }, `${page.branch.name}考核评分表.xlsx`)}
              />
              <DownloadButton
                printable
                label="打印（PDF）"
                download={() => downloadFile('/campaigns/{id}/wujin/branches/{branchId}/score-sheet.pdf', { path: { id: campaignId, branchId } }, `${page.branch.name}考核评分表.pdf`)}
              />
            </Space>
            <Standing page={page} />
            {page.assessments.length ? (
              page.assessments.map((a) => <AssessmentRound key={a.id} a={a} passThreshold={page.passThreshold} />)
            ) : (
              <Card size="small" title="考核">
                <Empty description="尚无考核" />
              </Card>
            )}
            {page.rectification && <Rectification r={page.rectification} />}
            <Brands brands={page.brands} />
            <Obligations rows={page.obligations} />
            <ReElection campaignId={campaignId} page={page} />
          </Space>
        )}
      </QueryState>
    </section>
  );
}
