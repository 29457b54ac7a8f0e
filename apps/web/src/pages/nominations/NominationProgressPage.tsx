import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';
import { AttachmentList } from './AttachmentList';
import { submitterBranches } from './branches';
import { HONOUR_LEVEL_LABELS } from './form-rules';
import { PathPreview } from './PathPreview';
import { NominationStatusTag } from './status';
import type { NominationDetail } from './types';

export function useNomination(id: string) {
  return useQuery({ queryKey: ['nominations', id], queryFn: () => unwrap(api.GET('/nominations/{id}', { params: { path: { id } } })) });
}

/** The reviewer's opinion that sent it back, when it is back with the branch. */
export function lastReturn(n: NominationDetail) {
  return n.status === 'returned' ? [...n.steps].reverse().find((s) => s.action === 'return') : undefined;
}

/** A nomination's progress: its path (steps so far, who holds it now and by when, stages ahead), its form and attachments. */
export function NominationProgressPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const failures = (useLocation().state as { uploadFailures?: string[] } | null)?.uploadFailures ?? [];
  const nomination = useNomination(id);
  const progress = useQuery({ queryKey: ['nominations', id, 'progress'], queryFn: () => unwrap(api.GET('/nominations/{id}/progress', { params: { path: { id } } })) });
  const n = nomination.data;
  const mine = n ? submitterBranches(user).some((b) => b.id === n.branch.id) : false;
  const returned = n && lastReturn(n);
  return (
    <section aria-labelledby="nomination-title" className="page-narrow">
      <QueryState query={nomination}>
        {n && (
          <>
            <Typography.Title level={3} id="nomination-title">
              {n.branch.name}
            </Typography.Title>
            <Space wrap className="nomination-gap">
              <NominationStatusTag status={n.status} label={n.statusLabel} />
              <Typography.Text type="secondary">
                {n.campaignYear}年度 · 提交于{formatDateTime(n.submittedAt)}
              </Typography.Text>
              <DownloadButton label="下载推荐审批表（附件3）" download={() => downloadFile('/nominations/{id}/form.xlsx', { path: { id } }, '推荐审批表.xlsx')} />
              <DownloadButton printable label="打印（PDF）" download={() => downloadFile('/nominations/{id}/form.pdf', { path: { id } }, '推荐审批表.pdf')} />
            </Space>
            {failures.length > 0 && (
              <Alert
                type="warning"
                showIcon
                className="nomination-gap"
                title="申报已提交，但以下附件未能上传，请在下方重新添加"
                description={
                  <ul className="plain-list">
                    {failures.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                }
              />
            )}
            {returned && (
              <Alert
                type="warning"
                showIcon
                className="nomination-gap"
                title={`${returned.organisationName}退回修改`}
                description={`审核意见：${returned.opinion}`}
                action={
                  mine && (
                    <Button type="primary" onClick={() => void navigate(`/nominations/${n.id}/resubmit`)}>
                      修改后重新提交
                    </Button>
                  )
                }
              />
            )}
            <Card title="办理进度" size="small" className="nomination-gap">
              <QueryState query={progress}>{progress.data && <PathPreview steps={n.steps} progress={progress.data} />}</QueryState>
              {progress.data?.campaign && <Typography.Text type="secondary">{progress.data.campaign.title}</Typography.Text>}
            </Card>
            <Card title="推荐审批表（附件3）" size="small" className="nomination-gap">
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="支部书记">{n.form.secretaryName}</Descriptions.Item>
                <Descriptions.Item label="联系电话">{n.form.secretaryPhone}</Descriptions.Item>
                <Descriptions.Item label="基本情况">
                  <span className="pre-wrap">{n.form.basicSituation}</span>
                </Descriptions.Item>
                <Descriptions.Item label="所获荣誉">
                  {n.form.honours.length === 0
                    ? '无'
                    : n.form.honours.map((h) => (
                        <div key={`${h.title}-${h.year}`}>
                          {h.year}年 {h.title}（{HONOUR_LEVEL_LABELS[h.level]}）
                        </div>
                      ))}
                </Descriptions.Item>
                <Descriptions.Item label="主要事迹">
                  <span className="pre-wrap">{n.form.mainDeeds}</span>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title="附件" size="small" className="nomination-gap">
              <AttachmentList nomination={n} editable={mine && (n.status === 'under_review' || n.status === 'returned')} />
            </Card>
          </>
        )}
      </QueryState>
    </section>
  );
}
