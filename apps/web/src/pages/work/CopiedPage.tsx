import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Grid, List, Pagination, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import type { CopiedItem } from './types';

/** A task opened from this list keeps 抄送我的 highlighted in the navigation (AppLayout reads `section`). */
const FROM_COPIES = { section: '/copies' };

const PAGE = 20;

const STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '办理中', color: 'blue' },
  completed: { label: '已办结', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
};

/** Read or not by the user: their first open of the task. */
function ReadTag({ item }: { item: Pick<CopiedItem, 'readAt'> }) {
  return item.readAt ? <Tag>已读</Tag> : <Tag color="orange">未读</Tag>;
}

/** Who copied it: the process's own rule, or the person handling the task. */
const copiedBy = (t: CopiedItem) => (t.copySource === 'definition' ? '流程默认抄送' : `${t.copiedByName ?? ''}抄送`);

/**
 * 抄送我的: tasks copied to the user (or to a role they hold), newest copy
 * first, unread ones marked; each opens read-only. Copies never hold up the
 * work, so nothing here asks for action.
 */
export function CopiedPage() {
  const [params, setParams] = useSearchParams();
  const unread = params.get('unread') === 'true';
  const page = Number(params.get('page') ?? 1) || 1;
  const desk = Grid.useBreakpoint().md ?? true;
  const copies = useQuery({
    queryKey: ['tasks', 'copies', unread, page],
    queryFn: () => unwrap(api.GET('/me/copies', { params: { query: { ...(unread ? { unread: 'true' as const } : {}), limit: PAGE, offset: (page - 1) * PAGE } } })),
    placeholderData: (previous) => previous,
    // Opening an item reads it: coming back shows it 已读.
    refetchOnMount: 'always',
  });
  const go = (nextUnread: boolean, nextPage = 1) => {
    const p = new URLSearchParams();
    if (nextUnread) p.set('unread', 'true');
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  };
  const items = copies.data?.items ?? [];
  const pager = { current: page, pageSize: PAGE, total: copies.data?.total ?? 0, onChange: (p: number) => go(unread, p), showSizeChanger: false, showTotal: (t: number) => `共 ${t} 项` };
  const about = (t: CopiedItem) => [t.branchName ?? t.organisationName, t.processLabel, t.stageLabel].filter(Boolean).join(' · ');

  return (
    <section aria-labelledby="copies-title">
      <Typography.Title level={3} id="copies-title">
        抄送我的
      </Typography.Title>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">抄送给您的事项仅供知悉，只能查看，不需要办理。</Typography.Text>
        <Segmented
          aria-label="筛选"
          value={unread ? 'unread' : 'all'}
          onChange={(v) => go(v === 'unread')}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
        />
        <QueryState query={copies}>
          {desk ? (
            <Table<CopiedItem>
              rowKey="id"
              dataSource={items}
              loading={copies.isFetching}
              scroll={{ x: 'max-content' }}
              pagination={pager}
              locale={{ emptyText: <Empty description="暂无抄送" /> }}
              columns={[
                {
                  title: '事项',
                  dataIndex: 'title',
                  render: (title: string, t) => (
                    <Space size={4}>
                      <ReadTag item={t} />
                      <Link to={`/tasks/${t.id}`} state={FROM_COPIES}>{title}</Link>
                    </Space>
                  ),
                },
                { title: '党支部 / 组织', render: (_, t) => t.branchName ?? t.organisationName },
                { title: '流程 / 环节', render: (_, t) => [t.processLabel, t.stageLabel].filter(Boolean).join(' · ') || '—' },
                { title: '状态', render: (_, t) => <Tag color={STATUS[t.status]?.color}>{STATUS[t.status]?.label ?? t.status}</Tag> },
                { title: '抄送', render: (_, t) => `${copiedBy(t)} ${formatDateTime(t.copiedAt)}` },
              ]}
            />
          ) : (
            <>
              <List<CopiedItem>
                aria-label="抄送列表"
                loading={copies.isFetching}
                dataSource={items}
                locale={{ emptyText: <Empty description="暂无抄送" /> }}
                renderItem={(t) => (
                  <List.Item className="inbox-card-item">
                    <Card size="small" className="inbox-card">
                      <Link to={`/tasks/${t.id}`} state={FROM_COPIES} className="inbox-card-title">
                        {t.title}
                      </Link>
                      <div className="inbox-card-meta">
                        <ReadTag item={t} />
                        <Tag color={STATUS[t.status]?.color}>{STATUS[t.status]?.label ?? t.status}</Tag>
                        {about(t)}
                      </div>
                      <div className="inbox-card-meta">
                        {copiedBy(t)} {formatDateTime(t.copiedAt)}
                      </div>
                    </Card>
                  </List.Item>
                )}
              />
              <Pagination {...pager} simple size="small" align="center" />
            </>
          )}
        </QueryState>
      </Space>
    </section>
  );
}
