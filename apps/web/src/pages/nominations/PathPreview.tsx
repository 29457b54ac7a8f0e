import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, EyeInvisibleOutlined, EyeOutlined, FlagOutlined, RollbackOutlined } from '@ant-design/icons';
import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../format';
import { formatDeadline } from './status';

/** A plan's day (YYYY-MM-DD, already Beijing's) as the screens show days. */
const formatDay = (day: string) => formatDate(`${day}T12:00:00+08:00`);
import type { NominationDetail, NominationProgress } from './types';

type Step = NominationDetail['steps'][number];

const ACTION_ICON: Record<Step['action'], ReactNode> = {
  submitted: <CheckCircleOutlined />,
  resubmitted: <CheckCircleOutlined />,
  approve: <CheckCircleOutlined />,
  return: <RollbackOutlined />,
  reject: <CloseCircleOutlined />,
};
const ACTION_COLOR: Record<Step['action'], string> = { submitted: 'green', resubmitted: 'green', approve: 'green', return: 'orange', reject: 'red' };

/** Whether the holder has opened the task (DingTalk's 已读/未读): 已读（who when）, or 未读. */
function ReadReceipt({ readBy }: { readBy: NominationProgress['holders'][number]['readBy'] }) {
  return (
    <div className="receipt" data-testid="receipt">
      {readBy.length ? (
        <>
          <EyeOutlined aria-hidden /> 已读（{readBy.map((r) => `${r.name} ${formatDateTime(r.openedAt)}`).join('；')}）
        </>
      ) : (
        <>
          <EyeInvisibleOutlined aria-hidden /> 未读
        </>
      )}
    </div>
  );
}

/**
 * The nomination's path, as an approval app previews it: every step so far (who, when, what opinion), who holds
 * it now and by when, the campaign's stages still ahead with their deadlines, and the outcome.
 */
export function PathPreview({ steps, progress }: { steps: Step[]; progress: NominationProgress }) {
  const ahead = progress.stages.filter((s) => s.position === 'ahead');
  const current = progress.stages.find((s) => s.position === 'current');
  const items = [
    ...steps.map((s) => ({
      key: s.id,
      color: ACTION_COLOR[s.action],
      icon: ACTION_ICON[s.action],
      content: (
        <div className="path-step" data-testid="path-done">
          <Typography.Text strong>{s.actionLabel}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(s.at)}</Typography.Text>
          <div>
            {s.organisationName} · {s.actorName}
          </div>
          {s.opinion && <div className="path-opinion">意见：{s.opinion}</div>}
        </div>
      ),
    })),
    ...progress.holders.map((h) => ({
      key: `holder-${h.taskId ?? h.organisationId}`,
      color: 'blue',
      icon: <ClockCircleOutlined />,
      content: (
        <div className="path-step" data-testid="path-current">
          <Typography.Text strong>当前：{h.taskId ? '待审核' : '待党支部修改后重新提交'}</Typography.Text> {h.overdue && <Tag color="red">已逾期</Tag>}
          <div>
            {h.organisationName} · {h.roleLabel}
          </div>
          <div>{h.dueAt ? `办理期限：${formatDeadline(h.dueAt)}` : '未设办理期限'}</div>
          {h.taskId && <ReadReceipt readBy={h.readBy} />}
          {current && <Typography.Text type="secondary">所处阶段：{current.label}</Typography.Text>}
        </div>
      ),
    })),
    ...ahead.map((s) => ({
      key: `stage-${s.stage}`,
      color: 'gray',
      content: (
        <div className="path-step path-ahead" data-testid="path-ahead">
          <Typography.Text>{s.label}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {formatDay(s.opensOn)} 至 {formatDay(s.dueOn)}截止
            </Typography.Text>{' '}
            {s.extended && <Tag color="gold">已延期</Tag>}
          </div>
        </div>
      ),
    })),
    ...(progress.outcome
      ? [
          {
            key: 'outcome',
            color: progress.outcome.status === 'rejected' ? 'red' : 'green',
            icon: <FlagOutlined />,
            content: (
              <div className="path-step" data-testid="path-outcome">
                <Typography.Text strong>结果：{progress.outcome.label}</Typography.Text>
                {progress.outcome.reason && <div className="path-opinion">{progress.outcome.reason}</div>}
              </div>
            ),
          },
        ]
      : []),
  ];
  return (
    <div role="region" aria-label="办理进度">
      <Timeline items={items} />
    </div>
  );
}
