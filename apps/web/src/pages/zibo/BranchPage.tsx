import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';

type Page = paths['/campaigns/{id}/zibo/branches/{branchId}']['get']['responses'][200]['content']['application/json'];

const PROJECT_COLORS: Record<string, string> = { approved: 'blue', in_progress: 'processing', accepted: 'green', failed: 'red', returned: 'orange', rejected: 'red', submitted: 'default' };
const STEP_LABELS: Record<string, string> = {
  plan: '“三会一课”年度计划',
  standard: '细化标准备案',
  self_scores: '自查自评',
  bureau_scores: '局党委考评',
  gaps: '对标建设',
  duty_report: '支部书记述职',
  ratings: '“双述双评”评价',
  proposals: '征集项目建议',
  committee_screening: '支委会筛选',
  members_screening: '党员大会筛选',
  submission: '报局党委审核',
  approval: '局党委审核',
  progress: '实施进展',
  acceptance: '局党委验收',
};
const OUTCOME_LABELS: Record<string, string> = {
  filed: '已报送',
  acknowledged: '同意备案',
  returned: '退回修改',
  recorded: '已记录',
  submitted: '已提交',
  screened: '已筛选',
  approved: '审核通过',
  rejected: '不予通过',
  in_progress: '已报告进展',
  accepted: '验收合格',
  failed: '验收不合格',
};

function Year({ page }: { page: Page }) {
  const d = page.dutyReport;
  return (
    <Card size="small" title="年度情况">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'plan', label: '“三会一课”年度计划', children: <Tag color={page.plan.status === 'acknowledged' ? 'green' : page.plan.status === 'returned' ? 'orange' : 'default'}>{page.plan.statusLabel}</Tag> },
          { key: 'self', label: '自评得分', children: page.selfTotal ?? '—' },
          { key: 'bureau', label: '局党委考评得分', children: page.bureauTotal ?? '—' },
          { key: 'flag', label: '党建项目', children: page.flaggedNoProject ? <Tag color="red">未按期确定审核通过的项目</Tag> : page.projects.some((p) => p.approvedAt) ? <Tag color="green">已有审核通过的项目</Tag> : '尚未审核通过' },
          { key: 'bureauRating', label: '组织评价', children: d.bureauRating ?? '—' },
          { key: 'membersRating', label: '党员群众评价', children: d.membersRating ? `${d.membersRating}（${d.membersParticipants ?? '—'}人参加）` : '—' },
          ...(page.plan.opinion ? [{ key: 'planOpinion', label: '计划退回意见', span: 'filled' as const, children: page.plan.opinion }] : []),
        ]}
      />
    </Card>
  );
}

function Standard({ page }: { page: Page }) {
  const score = (rows: Page['selfScores'], criterion: string) => rows?.find((s) => s.criterion === criterion)?.score ?? '—';
  return (
    <Card size="small" title="过硬支部具体标准和评分">
      {page.standard ? (
        <Table
          size="small"
          rowKey="criterion"
          dataSource={page.standard}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="过硬支部具体标准和评分"
          columns={[
            { title: '标准项', dataIndex: 'label' },
            { title: '细化标准', dataIndex: 'requirements' },
            { title: '分值', dataIndex: 'points' },
            { title: '自评', key: 'self', render: (_: unknown, c) => score(page.selfScores, c.criterion) },
            { title: '局党委考评', key: 'bureau', render: (_: unknown, c) => score(page.bureauScores, c.criterion) },
          ]}
        />
      ) : (
        <Empty description="尚未备案具体标准" />
      )}
    </Card>
  );
}

function Projects({ page }: { page: Page }) {
  return (
    <Card size="small" title="党建项目">
      {page.projects.length ? (
        <Table
          size="small"
          rowKey="id"
          dataSource={page.projects}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="党建项目"
          columns={[
            { title: '项目名称', dataIndex: 'title' },
            { title: '提出人', dataIndex: 'proposer' },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, p) => <Tag color={PROJECT_COLORS[p.status]}>{v}</Tag> },
            { title: '退回次数', dataIndex: 'returns' },
            { title: '审核通过', dataIndex: 'approvedAt', render: (v: string | null) => (v ? formatDate(v) : '—') },
            { title: '局党委意见', dataIndex: 'opinion', render: (v: string | null) => v ?? '—' },
          ]}
        />
      ) : (
        <Empty description="尚未报送党建项目" />
      )}
    </Card>
  );
}

function Steps({ page }: { page: Page }) {
  return (
    <Card size="small" title="办理过程">
      {page.steps.length ? (
        <Timeline
          items={page.steps.map((s, i) => ({
            key: `${s.at}-${i}`,
            children: (
              <div>
                <Typography.Text strong>{STEP_LABELS[s.step] ?? s.step}</Typography.Text> <Tag>{OUTCOME_LABELS[s.outcome] ?? s.outcome}</Tag>
                <div>
                  <Typography.Text type="secondary">
                    {s.by ?? '—'} · {formatDateTime(s.at)}
                  </Typography.Text>
                </div>
                {s.opinion && <div>{s.opinion}</div>}
              </div>
            ),
          }))}
        />
      ) : (
        <Empty description="尚无办理记录" />
      )}
    </Card>
  );
}

function HelpCases({ page }: { page: Page }) {
  return (
    <Card size="small" title="一对一结对帮教">
      {page.helpCases.length ? (
        <Table
          size="small"
          rowKey="id"
          dataSource={page.helpCases}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="一对一结对帮教"
          columns={[
            { title: '帮教对象', dataIndex: 'memberName' },
            { title: '帮教人', dataIndex: 'helperName' },
            { title: '问题', dataIndex: 'reason' },
            { title: '整改期限', dataIndex: 'deadline' },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, c) => <Tag color={c.status === 'rectified' ? 'green' : c.status === 'open' ? 'processing' : 'red'}>{v}</Tag> },
            { title: '整改结果', dataIndex: 'outcome', render: (v: string | null) => v ?? '—' },
          ]}
        />
      ) : (
        <Empty description="没有结对帮教" />
      )}
    </Card>
  );
}

/** 过硬支部建设档案: one branch's year — plan, standard and scores, projects step by step, ratings, hard-branch titles and help cases. */
export default function BranchPage() {
  const { campaignId = '', branchId = '' } = useParams();
  const q = useQuery({
    queryKey: ['zibo', 'branch', campaignId, branchId],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/zibo/branches/{branchId}', { params: { path: { id: campaignId, branchId } } })),
  });
  const page = q.data;
  return (
    <section aria-labelledby="zibo-branch-title">
      <Breadcrumb items={[{ title: <Link to="/campaigns">评选看板</Link> }, { title: <Link to={`/campaigns/${campaignId}`}>{page?.campaign.title ?? '看板'}</Link> }, { title: '过硬支部建设档案' }]} />
      <QueryState query={q}>
        {page && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <Typography.Title level={3} id="zibo-branch-title" style={{ marginBottom: 4 }}>
                {page.branch.name}
              </Typography.Title>
              <Typography.Text type="secondary">过硬支部建设档案 · {page.campaign.title}</Typography.Text>
            </div>
            <Space wrap>
              <DownloadButton label="下载党建项目台账" download={() => downloadFile('/campaigns/{id}/zibo/project-ledger.xlsx', { path: { id: campaignId }, query: {} }, '党建项目台账.xlsx')} />
              <DownloadButton printable label="打印（PDF）" download={() => downloadFile('/campaigns/{id}/zibo/project-ledger.pdf', { path: { id: campaignId }, query: {} }, '党建项目台账.pdf')} />
            </Space>
            {page.hardBranch.length > 0 && (
              <Space wrap>
                {page.hardBranch.map((h) => (
                  <Tag key={h.year} color={h.status === 'withdrawn' ? 'red' : 'gold'}>
                    {h.year}年度过硬支部{h.status === 'withdrawn' ? `（已撤销：${h.opinion ?? ''}）` : ''}
                  </Tag>
                ))}
              </Space>
            )}
            <Year page={page} />
            <Standard page={page} />
            <Projects page={page} />
            <Steps page={page} />
            <HelpCases page={page} />
          </Space>
        )}
      </QueryState>
    </section>
  );
}
