import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime } from '../../format';
import { AssessmentRound } from './AssessmentRound';
import { branchPath } from './types';

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;
type Plan = Ok<'/campaigns/{id}/wujin/implementation-plans/{planId}'>;
type ModelBranch = Ok<'/campaigns/{id}/wujin/model-branches'>['items'][number];

/** The task fields a Wujin subject is found by. */
export interface WujinTaskRef {
  kind: string;
  subjectType: string;
  subjectId: string;
  campaignId: string;
}

const STATUS_COLORS: Record<string, string> = { filed: 'blue', submitted: 'blue', open: 'blue', accepted: 'green', returned: 'orange', dissolved: 'default', merged: 'default', retained: 'green' };
const text = (v: string | null | undefined) => (v ? <Typography.Paragraph className="pre-line" style={{ marginBottom: 0 }}>{v}</Typography.Paragraph> : '—');
const decided = (opinion: string | null, by: string | null, at: string | null) => (opinion ? `${opinion}（${by ?? '—'}，${at ? formatDateTime(at) : '—'}）` : '—');
const status = (label: string, code: string) => <Tag color={STATUS_COLORS[code]}>{label}</Tag>;

function BranchLink({ campaignId, branchId }: { campaignId: string; branchId: string }) {
  return <Link to={branchPath(campaignId, branchId)}>查看该党支部的规范化建设档案</Link>;
}

/** 实施方案: what the committee filed (its text and duties) and what was said of earlier versions. */
function PlanSubject({ campaignId, id }: { campaignId: string; id: string }) {
  const q = useQuery({
    queryKey: ['wujin', campaignId, 'plan', id],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/implementation-plans/{planId}', { params: { path: { id: campaignId, planId: id } } })),
  });
  return (
    <QueryState query={q}>
      {q.data && (
        <Card size="small" title={`实施方案（${q.data.committee.name}，第${q.data.version}版）`}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'status', label: '状态', children: status(q.data.statusLabel, q.data.status) },
              { key: 'filed', label: '报送', children: `${q.data.filedBy ?? '—'}，${formatDateTime(q.data.filedAt)}` },
              { key: 'summary', label: '方案内容', span: 'filled', children: text(q.data.summary) },
              ...(q.data.opinion ? [{ key: 'opinion', label: '审核意见', span: 'filled' as const, children: decided(q.data.opinion, q.data.decidedBy, q.data.decidedAt) }] : []),
            ]}
          />
          <Table<Plan['duties'][number]>
            size="small"
            rowKey={(d) => `${d.duty}|${d.owner}|${d.dueOn}`}
            dataSource={q.data.duties}
            pagination={false}
            scroll={{ x: 'max-content' }}
            aria-label="职责任务"
            columns={[
              { title: '职责任务', dataIndex: 'duty', render: (v: string) => <div className="wujin-cell wide">{v}</div> },
              { title: '责任人或责任部门', dataIndex: 'owner' },
              { title: '完成时限', dataIndex: 'dueOn' },
            ]}
          />
          {q.data.earlier.length > 0 && (
            <Descriptions
              size="small"
              column={1}
              title="此前版本"
              style={{ marginTop: 12 }}
              items={q.data.earlier.map((e) => ({ key: String(e.version), label: `第${e.version}版（${e.statusLabel}）`, children: e.opinion ?? '—' }))}
            />
          )}
        </Card>
      )}
    </QueryState>
  );
}

/** 党建工作品牌: the name, its meaning and evidence the branch filed, and earlier versions' opinions. */
function BrandSubject({ campaignId, id }: { campaignId: string; id: string }) {
  const q = useQuery({ queryKey: ['wujin', campaignId, 'brand', id], queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/brands/{brandId}', { params: { path: { id: campaignId, brandId: id } } })) });
  return (
    <QueryState query={q}>
      {q.data && (
        <Card size="small" title={`党建工作品牌（${q.data.branch.name}，第${q.data.version}版）`} extra={<BranchLink campaignId={campaignId} branchId={q.data.branch.id} />}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'name', label: '品牌名称', children: q.data.name },
              { key: 'status', label: '状态', children: status(q.data.statusLabel, q.data.status) },
              { key: 'description', label: '品牌内涵', span: 'filled', children: text(q.data.description) },
              { key: 'evidence', label: '佐证材料', span: 'filled', children: text(q.data.evidence) },
              { key: 'filed', label: '报送', children: `${q.data.filedBy ?? '—'}，${formatDateTime(q.data.filedAt)}` },
              ...(q.data.opinion ? [{ key: 'opinion', label: '认定意见', span: 'filled' as const, children: decided(q.data.opinion, q.data.decidedBy, q.data.decidedAt) }] : []),
              ...q.data.earlier.map((e) => ({ key: `v${e.version}`, label: `第${e.version}版“${e.name}”（${e.statusLabel}）`, span: 'filled' as const, children: e.opinion ?? '—' })),
            ]}
          />
        </Card>
      )}
    </QueryState>
  );
}

/** “空壳”党组织: the branch's facts the committee decides on. */
function ShellSubject({ campaignId, id }: { campaignId: string; id: string }) {
  const q = useQuery({
    queryKey: ['wujin', campaignId, 'shell', id],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/shell-reviews/{reviewId}', { params: { path: { id: campaignId, reviewId: id } } })),
  });
  return (
    <QueryState query={q}>
      {q.data && (
        <Card size="small" title={`“空壳”党组织审查：${q.data.branch.name}`} extra={<BranchLink campaignId={campaignId} branchId={q.data.branch.id} />}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'committee', label: '所属党(工)委', children: q.data.committee.name },
              { key: 'members', label: '党员人数', children: q.data.branch.memberCount ?? '未登记' },
              { key: 'domain', label: '所属领域', children: q.data.branch.domainLabel ?? '—' },
              { key: 'term', label: '任期届满', children: q.data.branch.termEndsOn ? formatDate(q.data.branch.termEndsOn) : '—' },
              { key: 'status', label: '审查结果', children: status(q.data.statusLabel, q.data.status) },
              { key: 'opened', label: '列入审查', children: formatDateTime(q.data.openedAt) },
              ...(q.data.opinion ? [{ key: 'opinion', label: '理由', span: 'filled' as const, children: decided(q.data.opinion, q.data.decidedBy, q.data.decidedAt) }] : []),
            ]}
          />
        </Card>
      )}
    </QueryState>
  );
}

/** 整顿: why, by when, what the branch reported, what the committee decided. */
function RectificationSubject({ campaignId, id }: { campaignId: string; id: string }) {
  const q = useQuery({
    queryKey: ['wujin', campaignId, 'rectification', id],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/rectifications/{rectificationId}', { params: { path: { id: campaignId, rectificationId: id } } })),
  });
  return (
    <QueryState query={q}>
      {q.data && (
        <Card size="small" title={`整顿：${q.data.branch.name}`} extra={<BranchLink campaignId={campaignId} branchId={q.data.branch.id} />}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'status',
                label: '状态',
                children: (
                  <Space size={4} wrap>
                    {status(q.data.statusLabel, q.data.status)}
                    {q.data.overdue && <Tag color="red">已逾期</Tag>}
                  </Space>
                ),
              },
              { key: 'due', label: '整顿期限', children: formatDateTime(q.data.dueAt) },
              { key: 'reasons', label: '整顿原因', span: 'filled', children: q.data.reasons.join('；') || '—' },
              { key: 'measures', label: '整顿措施', span: 'filled', children: q.data.measures ? text(q.data.measures) : '尚未报送' },
              { key: 'evidence', label: '佐证材料', span: 'filled', children: text(q.data.evidence) },
              { key: 'submitted', label: '报送时间', children: q.data.submittedAt ? `${formatDateTime(q.data.submittedAt)}${q.data.late ? '（逾期报送）' : ''}` : '—' },
              { key: 'submissions', label: '报送次数', children: q.data.submissions },
              { key: 'opinion', label: '党(工)委意见', span: 'filled', children: decided(q.data.opinion, q.data.decidedBy, q.data.decidedAt) },
            ]}
          />
        </Card>
      )}
    </QueryState>
  );
}

/** 申报、验收: the round's score sheet, vetoes and declaration. */
function AssessmentSubject({ campaignId, id }: { campaignId: string; id: string }) {
  const q = useQuery({
    queryKey: ['wujin', campaignId, 'assessment', id],
    queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/assessments/{assessmentId}', { params: { path: { id: campaignId, assessmentId: id } } })),
  });
  return (
    <QueryState query={q}>
      {q.data && (
        <Space direction="vertical" size="small" style={{ width: '100%' }}>
          <Typography.Text>
            {q.data.branch.name}
            {q.data.committee ? `（${q.data.committee.name}）` : ''} · <BranchLink campaignId={campaignId} branchId={q.data.branch.id} />
          </Typography.Text>
          <AssessmentRound a={q.data.assessment} passThreshold={q.data.passThreshold} />
        </Space>
      )}
    </QueryState>
  );
}

/** 示范支部评定: every recommended branch with its committee's reasons. */
function ModelBranchesSubject({ campaignId }: { campaignId: string }) {
  const q = useQuery({ queryKey: ['wujin', campaignId, 'model-branches'], queryFn: () => unwrap(api.GET('/campaigns/{id}/wujin/model-branches', { params: { path: { id: campaignId } } })) });
  return (
    <QueryState query={q}>
      {q.data && (
        <Card size="small" title="各党(工)委推荐的示范支部">
          {q.data.items.length ? (
            <Table<ModelBranch>
              size="small"
              rowKey={(m) => m.branch.id}
              dataSource={q.data.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              aria-label="推荐的示范支部"
              columns={[
                { title: '党支部', key: 'branch', render: (_, m) => <Link to={branchPath(campaignId, m.branch.id)}>{m.branch.name}</Link> },
                { title: '推荐单位', key: 'committee', render: (_, m) => m.committee.name },
                { title: '推荐理由', dataIndex: 'reason', render: (v: string | null) => <div className="wujin-cell wide">{v ?? '—'}</div> },
                { title: '状态', dataIndex: 'statusLabel' },
              ]}
            />
          ) : (
            <Empty description="尚无推荐的示范支部" />
          )}
        </Card>
      )}
    </QueryState>
  );
}

const BY_SUBJECT: Record<string, (t: WujinTaskRef) => ReactNode> = {
  wujin_implementation_plan: (t) => <PlanSubject campaignId={t.campaignId} id={t.subjectId} />,
  wujin_brand: (t) => <BrandSubject campaignId={t.campaignId} id={t.subjectId} />,
  wujin_shell_review: (t) => <ShellSubject campaignId={t.campaignId} id={t.subjectId} />,
  wujin_rectification: (t) => <RectificationSubject campaignId={t.campaignId} id={t.subjectId} />,
};

/**
 * What a Wujin task is about, read above its form: found by the task's
 * subject type, or by its kind for the two steps on an assessment round and
 * the model-branch pick. Nothing for a task whose form says it all.
 */
export function WujinTaskSubject({ task: t }: { task: WujinTaskRef }) {
  if (Object.hasOwn(BY_SUBJECT, t.subjectType)) return BY_SUBJECT[t.subjectType]!(t);
  if (t.kind === 'wujin_declaration' || t.kind === 'wujin_verification') return <AssessmentSubject campaignId={t.campaignId} id={t.subjectId} />;
  if (t.kind === 'wujin_model_selection') return <ModelBranchesSubject campaignId={t.campaignId} />;
  return null;
}
