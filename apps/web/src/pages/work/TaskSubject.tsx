import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, List, Skeleton, Tag, Timeline, Typography } from 'antd';
import { Suspense, lazy } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { ObligationSubject } from './ObligationSubject';
import type { TaskDetail } from './types';

// Wujin's subjects (score sheets included) load with the first Wujin task opened.
const WujinTaskSubject = lazy(() => import('../wujin/WujinTaskSubject').then((m) => ({ default: m.WujinTaskSubject })));

const HONOUR_LEVELS: Record<string, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级', other: '其他' };
const VERDICTS: Record<string, { label: string; color: string }> = {
  pending: { label: '待答复', color: 'default' },
  cleared: { label: '无异议', color: 'green' },
  objected: { label: '有异议', color: 'orange' },
  vetoed: { label: '一票否决', color: 'red' },
};

/** 附件3 as the reviewer reads it: the branch, the form, the attachments, every earlier opinion in order. */
function NominationSubject({ id }: { id: string }) {
  const n = useQuery({ queryKey: ['nominations', id], queryFn: () => unwrap(api.GET('/nominations/{id}', { params: { path: { id } } })) });
  return (
    <QueryState query={n}>
      {n.data && (
        <>
          <Card title="推荐申报（附件3）" size="small">
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'branch', label: '党支部', children: n.data.branch.name },
                { key: 'committee', label: '基层党（工）委', children: n.data.grassrootsCommittee?.name ?? '—' },
                { key: 'year', label: '评选年度', children: `${n.data.campaignYear}年` },
                { key: 'status', label: '状态', children: n.data.statusLabel },
                { key: 'secretary', label: '党支部书记', children: n.data.form.secretaryName },
                { key: 'phone', label: '联系电话', children: n.data.form.secretaryPhone },
                { key: 'basic', label: '基本情况', span: 'filled', children: <Typography.Paragraph className="pre-line">{n.data.form.basicSituation}</Typography.Paragraph> },
                {
                  key: 'honours',
                  label: '所获荣誉',
                  span: 'filled',
                  children: n.data.form.honours.length
                    ? n.data.form.honours.map((h) => <div key={`${h.title}-${h.year}`}>{`${h.year}年 ${h.title}（${HONOUR_LEVELS[h.level] ?? h.level}）`}</div>)
                    : '无',
                },
                { key: 'deeds', label: '主要事迹', span: 'filled', children: <Typography.Paragraph className="pre-line">{n.data.form.mainDeeds}</Typography.Paragraph> },
              ]}
            />
          </Card>
          <Card title="附件" size="small">
            {n.data.attachments.length ? (
              <List
                size="small"
                dataSource={n.data.attachments}
                renderItem={(a) => (
                  <List.Item
                    actions={[
                      <DownloadButton key="d" label="下载" download={() => downloadFile('/nominations/{id}/attachments/{attachmentId}', { path: { id, attachmentId: a.id } }, a.filename)} />,
                    ]}
                  >
                    <List.Item.Meta title={a.filename} description={`${Math.ceil(a.sizeBytes / 1024)} KB`} />
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="无附件" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
          <Card title="审核意见" size="small">
            <Timeline
              items={n.data.steps.map((s) => ({
                key: s.id,
                color: s.action === 'reject' ? 'red' : s.action === 'return' ? 'orange' : 'green',
                children: (
                  <>
                    <div>
                      <Typography.Text strong>{s.actionLabel}</Typography.Text> · {s.organisationName} · {s.actorName}
                    </div>
                    <Typography.Text type="secondary">{formatDateTime(s.at)}</Typography.Text>
                    {s.opinion && <div>意见：{s.opinion}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </QueryState>
  );
}

/** The consultation a request belongs to: its candidates and, for the agency, its own answers. */
function ConsultationSubject({ id }: { id: string }) {
  const c = useQuery({ queryKey: ['consultations', id], queryFn: () => unwrap(api.GET('/consultations/{id}', { params: { path: { id } } })) });
  return (
    <QueryState query={c}>
      {c.data && (
        <Card title={c.data.title} size="small">
          <Descriptions size="small" column={1} items={[{ key: 'due', label: '答复期限', children: formatDateTime(c.data.dueAt) }]} />
          <List
            size="small"
            header="征求意见对象"
            dataSource={c.data.candidates}
            renderItem={(x) => (
              <List.Item>
                {x.name} <Tag color={VERDICTS[x.status]?.color}>{VERDICTS[x.status]?.label ?? x.status}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </QueryState>
  );
}

/** What the task is about, as the API tells it for its subject. */
export function TaskSubject({ task }: { task: TaskDetail }) {
  if (task.subjectType === 'nomination') return <NominationSubject id={task.subjectId} />;
  if (task.subjectType === 'consultation') return <ConsultationSubject id={task.subjectId} />;
  if (task.subjectType === 'obligation_occurrence') return <ObligationSubject id={task.subjectId} />;
  if (task.subjectType === 'branch' && task.kind.startsWith('wujin_') && task.campaignId) {
    return <Link to={`/campaigns/${task.campaignId}/wujin/branches/${task.subjectId}`}>查看该党支部的规范化建设档案</Link>;
  }
  if (task.subjectType === 'branch' && task.kind.startsWith('zibo_') && task.campaignId) {
    return <Link to={`/campaigns/${task.campaignId}/zibo/branches/${task.subjectId}`}>查看该党支部的过硬支部建设档案</Link>;
  }
  if (task.kind.startsWith('wujin_') && task.campaignId) {
    return (
      <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
        <WujinTaskSubject task={{ kind: task.kind, subjectType: task.subjectType, subjectId: task.subjectId, campaignId: task.campaignId }} />
      </Suspense>
    );
  }
  return null;
}
