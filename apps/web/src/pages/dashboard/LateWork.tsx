import { List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Dashboard } from '../campaigns/campaignApi';
import { formatDateTime } from '../../format';

type Group = Dashboard['overdue'][number];

/**
 * Late (or nearly late) open work by the organisation holding it, its earliest tasks linked to the task screen. Only the
 * organisations with the most are listed; `holders` counts them all.
 */
export function LateWork({ groups, holders, empty, tone }: { groups: Group[]; holders: number; empty: string; tone: 'red' | 'orange' }) {
  if (!groups.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      dataSource={groups}
      footer={holders > groups.length ? <Typography.Text type="secondary">另有 {holders - groups.length} 个组织，请在上方“各单位待办”中点击单位查看</Typography.Text> : undefined}
      rowKey="organisationId"
      renderItem={(g) => (
        <List.Item>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{g.organisationName}</Typography.Text>
              <Tag color={tone}>{g.count} 项</Tag>
            </Space>
            {g.tasks.map((t) => (
              <div key={t.id} className="late-task">
                <Link to={`/tasks/${t.id}`}>{t.title}</Link> <Typography.Text type="secondary">期限 {formatDateTime(t.dueAt)}</Typography.Text>
              </div>
            ))}
            {g.count > g.tasks.length && <Typography.Text type="secondary">另有 {g.count - g.tasks.length} 项</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}
