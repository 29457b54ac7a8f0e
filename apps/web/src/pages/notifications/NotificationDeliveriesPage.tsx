import { useQuery } from '@tanstack/react-query';
import { List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Delivery = Json<paths['/me/notification-deliveries']['get']['responses'][200]>[number];
type Status = Delivery['status'];

const STATUS_COLORS: Record<Status, string> = { pending: 'blue', sent: 'green', failed: 'red', held: 'gold', digested: 'default' };
const STATUS_OPTIONS: Array<{ value: Status | 'all'; label: string }> = [
  { value: 'all', label: '全部状态' },
  { value: 'pending', label: '待发送' },
  { value: 'sent', label: '已发送' },
  { value: 'failed', label: '已失败' },
  { value: 'held', label: '待汇总' },
  { value: 'digested', label: '已汇入每日摘要' },
];

/**
 * 发送记录: the caller's deliveries beyond the application with their status
 * and, when one failed or waits to be retried, the reason; an administrator
 * may switch to their subtree's.
 */
export default function NotificationDeliveriesPage() {
  const user = useUser();
  const admin = user.roles.some((r) => r.role === 'administrator');
  const [scope, setScope] = useState<'mine' | 'subtree'>('mine');
  const [status, setStatus] = useState<Status | 'all'>('all');
  const query = { limit: 100, ...(status === 'all' ? {} : { status }) };
  const deliveries = useQuery({
    queryKey: ['notification-deliveries', scope, status],
    queryFn: () => unwrap(scope === 'mine' ? api.GET('/me/notification-deliveries', { params: { query } }) : api.GET('/notification-deliveries', { params: { query } })),
  });
  return (
    <section aria-labelledby="notification-deliveries-title">
      <Typography.Title level={3} id="notification-deliveries-title">
        发送记录
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        站外通知（电子邮件、钉钉、企业微信、Webhook）逐条的发送情况。<Link to="/notifications/settings">通知设置</Link>
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {admin && (
          <Segmented
            value={scope}
            onChange={(v) => setScope(v === 'subtree' ? 'subtree' : 'mine')}
            options={[
              { value: 'mine', label: '我的' },
              { value: 'subtree', label: '本辖区' },
            ]}
            aria-label="范围"
          />
        )}
        <Select value={status} onChange={setStatus} options={STATUS_OPTIONS} style={{ minWidth: 160 }} aria-label="状态" />
      </Space>
      <QueryState query={deliveries}>
        <List
          dataSource={deliveries.data ?? []}
          locale={{ emptyText: '暂无发送记录' }}
          renderItem={(d) => (
            <List.Item data-testid="delivery">
              <List.Item.Meta
                title={
                  <Space wrap size={[6, 4]}>
                    <Tag color={STATUS_COLORS[d.status]}>{d.statusLabel}</Tag>
                    <Typography.Text strong>{d.kindLabel}</Typography.Text>
                    <Typography.Text type="secondary">{d.channelLabel}</Typography.Text>
                    {scope === 'subtree' && <Typography.Text type="secondary">收件人：{d.recipient.displayName}</Typography.Text>}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <Typography.Text>{d.taskId ? <Link to={`/tasks/${d.taskId}`}>{d.message}</Link> : d.message}</Typography.Text>
                    <Typography.Text type="secondary">
                      {formatDateTime(d.createdAt)}
                      {d.attempts > 0 ? ` · 已尝试${d.attempts}次` : ''}
                      {d.sentAt ? ` · 发送于${formatDateTime(d.sentAt)}` : ''}
                      {d.nextAttemptAt ? ` · ${d.status === 'held' ? '摘要时间' : '下次尝试'}${formatDateTime(d.nextAttemptAt)}` : ''}
                    </Typography.Text>
                    {d.lastError && <Typography.Text type="danger">原因：{d.lastError}</Typography.Text>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </QueryState>
    </section>
  );
}
