import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { dayjs, formatDateTime } from '../../format';
import { roleLabel } from '../../labels';
import { useUser } from '../../session/SessionContext';
import { CopyControl } from './CopyControl';
import { DecisionPanel } from './DecisionPanel';
import { OtherActions } from './OtherActions';
import { TaskSubject } from './TaskSubject';

/** As the inbox marks it (GET /tasks dueSoon): due within 72 hours. */
const DUE_SOON_HOURS = 72;

const STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '待办理', color: 'blue' },
  completed: { label: '已办结', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
};

/**
 * A task: what it is about, the decision it needs (its form from the task's
 * schema) and exactly the actions the user may take now.
 */
export function TaskPage() {
  const { id = '' } = useParams();
  const task = useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => unwrap(api.GET('/tasks/{id}', { params: { path: { id } } })) });
  const t = task.data;
  const decide = t?.availableActions.find((a) => a.type === 'decide');
  // The task names its organisation, not its level: the caller's own grant there gives it (a branch's secretary or a committee's staff).
  const user = useUser();
  const levelAtTask = t && user.roles.find((g) => g.organisationId === t.organisationId)?.level;
  return (
    <section aria-labelledby="task-title">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {t?.readOnly ? (
          <Link to="/copies" className="back-link">
            ← 返回抄送我的
          </Link>
        ) : (
          <Link to="/tasks" className="back-link">
            ← 返回我的待办
          </Link>
        )}
        <QueryState query={task}>
          {t && (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <div>
                <Typography.Title level={3} id="task-title" style={{ marginBottom: 4 }}>
                  {t.title}
                </Typography.Title>
                <Space wrap size={4}>
                  <Tag color={STATUS[t.status]?.color}>{STATUS[t.status]?.label ?? t.status}</Tag>
                  {t.copiedToMe && <Tag color="purple">抄送</Tag>}
                  {t.overdue && <Tag color="red">已逾期</Tag>}
                  {!t.overdue && t.status === 'open' && t.dueAt && dayjs(t.dueAt).diff(dayjs(), 'hour', true) <= DUE_SOON_HOURS && <Tag color="orange">即将到期</Tag>}
                </Space>
              </div>
              <Card size="small">
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 3 }}
                  items={[
                    { key: 'due', label: '办理期限', children: t.dueAt ? formatDateTime(t.dueAt) : '无期限' },
                    { key: 'role', label: '办理岗位', children: roleLabel(t.role, levelAtTask) },
                    { key: 'created', label: '创建时间', children: formatDateTime(t.createdAt) },
                    ...(t.opinion ? [{ key: 'opinion', label: '已填意见', children: t.opinion }] : []),
                    {
                      key: 'read',
                      label: '已读',
                      children: t.readBy.map((r) => `${r.name}（${r.organisationName}）${formatDateTime(r.openedAt)}`).join('；'),
                    },
                    ...(t.copies.length
                      ? [
                          {
                            key: 'copies',
                            label: '抄送',
                            children: t.copies.map((c) => `${c.userName ?? `${c.organisationName}${c.roleLabel}`}（${c.copiedBy ? `${c.copiedBy.name}抄送` : '流程默认'}）`).join('；'),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
              <TaskSubject task={t} />
              {decide && <DecisionPanel task={t} action={decide} />}
              <OtherActions task={t} />
              <CopyControl task={t} />
              {t.readOnly ? (
                <Alert type="info" showIcon title="该任务抄送给您，仅供查看，不需要办理" />
              ) : (
                !t.availableActions.length && <Alert type="info" showIcon title={t.status === 'open' ? '您现在没有可执行的操作' : '该任务已办结'} />
              )}
            </Space>
          )}
        </QueryState>
      </Space>
    </section>
  );
}
