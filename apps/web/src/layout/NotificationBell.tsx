import { BellOutlined, HistoryOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { formatDateTime } from '../format';

/**
 * The header's bell: the caller's unread notifications counted beside it; it
 * opens the list, and opening a notification marks it read (for this reader
 * only) and goes to its task.
 */
export function NotificationBell({ desk }: { desk: boolean }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();
  const unread = useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => unwrap(api.GET('/notifications/unread-count')).then((r) => r.unread), refetchInterval: 60_000 });
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => unwrap(api.GET('/notifications', { params: { query: { limit: 30 } } })), enabled: open });
  const read = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const count = unread.data ?? 0;
  const go = (path: string) => {
    setOpen(false);
    void navigate(path);
  };
  return (
    <>
      <Badge count={count} size="small" overflowCount={99}>
        <Button icon={<BellOutlined />} onClick={() => setOpen(true)} className="header-button" aria-label={`通知，${count}条未读`}>
          {desk ? '通知' : null}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        size={desk ? 420 : 320}
        title="通知"
        extra={
          <Space size={4}>
            <Button size="small" icon={<SettingOutlined />} onClick={() => go('/notifications/settings')}>
              通知设置
            </Button>
            <Button size="small" icon={<HistoryOutlined />} onClick={() => go('/notifications/deliveries')}>
              发送记录
            </Button>
          </Space>
        }
      >
        {list.data && list.data.length === 0 ? (
          <Empty description="暂无通知" />
        ) : (
          <List
            loading={list.isLoading}
            dataSource={list.data ?? []}
            renderItem={(n) => (
              <List.Item
                className="notification-item"
                data-testid="notification"
                onClick={() => {
                  if (!n.readAt) read.mutate(n.id);
                  if (n.taskId) {
                    setOpen(false);
                    void navigate(`/tasks/${n.taskId}`);
                  }
                }}
                style={{ cursor: 'pointer' }}
              >
                <List.Item.Meta
                  title={
                    <span>
                      <Tag color={n.readAt ? 'default' : 'red'}>{n.readAt ? '已读' : '未读'}</Tag>
                      {n.kindLabel}
                    </span>
                  }
                  description={
                    <>
                      <Typography.Text>{n.message}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
