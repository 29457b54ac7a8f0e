import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Flex, Grid, List, Pagination, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { BulkApproveDialog } from './BulkApproveDialog';
import { type Filters, InboxFilters } from './InboxFilters';
import { type InboxItem, isBulkApprovable } from './types';

const PAGE = 20;
const FILTER_KEYS = ['process', 'stage', 'kind', 'organisationId', 'q', 'overdue'] as const;

/** Overdue, due soon, or just the deadline. */
export function DueTag({ task }: { task: Pick<InboxItem, 'overdue' | 'dueSoon'> }) {
  if (task.overdue) return <Tag color="red">已逾期</Tag>;
  if (task.dueSoon) return <Tag color="orange">即将到期</Tag>;
  return null;
}

/** What the task is about, in one line: branch or organisation, process and stage. */
function about(t: InboxItem): string {
  return [t.branchName ?? t.organisationName, t.processLabel, t.stageLabel].filter(Boolean).join(' · ');
}

/**
 * 我的待办: every open task of the user, soonest due first, filtered and paged
 * by the server (the filters live in the address, so returning from a task
 * keeps them); several nomination reviews can be approved at once.
 */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as Filters;
  const page = Number(params.get('page') ?? 1) || 1;
  const desk = Grid.useBreakpoint().md ?? true;
  const [selected, setSelected] = useState<InboxItem[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);

  const tasks = useQuery({
    queryKey: ['tasks', 'inbox', filters, page],
    queryFn: () => unwrap(api.GET('/tasks', { params: { query: { ...filters, limit: PAGE, offset: (page - 1) * PAGE } } })),
    placeholderData: (previous) => previous,
  });

  const navigate = (next: Filters, nextPage = 1) => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) p.set(k, next[k]!);
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
    setSelected([]);
  };

  const items = tasks.data?.items ?? [];
  const selectable = items.filter(isBulkApprovable);
  const isSelected = (t: InboxItem) => selected.some((s) => s.id === t.id);
  const toggle = (t: InboxItem, on: boolean) => setSelected((s) => (on ? [...s.filter((x) => x.id !== t.id), t] : s.filter((x) => x.id !== t.id)));
  const pager = {
    current: page,
    pageSize: PAGE,
    total: tasks.data?.total ?? 0,
    onChange: (p: number) => navigate(filters, p),
    showSizeChanger: false,
    // Past what the inbox counts, the pager stops there and the filters narrow the list.
    showTotal: (t: number) => (tasks.data?.totalCapped ? `超过 ${t} 项，可用上方条件筛选` : `共 ${t} 项`),
  };

  return (
    <section aria-labelledby="inbox-title">
      <Typography.Title level={3} id="inbox-title">
        我的待办
      </Typography.Title>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <InboxFilters value={filters} onChange={(f) => navigate(f)} />
        <Flex gap={8} align="center" wrap>
          <Button type="primary" disabled={!selected.length} onClick={() => setBulkOpen(true)}>
            批量同意{selected.length ? `（${selected.length}）` : ''}
          </Button>
          {!desk && selectable.length > 0 && (
            <Checkbox
              checked={selectable.length > 0 && selectable.every(isSelected)}
              onChange={(e) => setSelected(e.target.checked ? selectable : [])}
            >
              全选可批量办理的任务
            </Checkbox>
          )}
          <Typography.Text type="secondary">推荐申报审核可批量同意</Typography.Text>
        </Flex>
        <QueryState query={tasks}>
          {desk ? (
            <Table<InboxItem>
              rowKey="id"
              dataSource={items}
              loading={tasks.isFetching}
              scroll={{ x: 'max-content' }}
              pagination={pager}
              locale={{ emptyText: <Empty description="暂无待办" /> }}
              rowSelection={{
                selectedRowKeys: selected.map((s) => s.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (t) => ({ disabled: !isBulkApprovable(t), 'aria-label': `选择：${t.title}` }),
              }}
              columns={[
                { title: '事项', dataIndex: 'title', render: (title: string, t) => <Link to={`/tasks/${t.id}`}>{title}</Link> },
                { title: '类型', dataIndex: 'kindLabel' },
                { title: '党支部 / 组织', render: (_, t) => t.branchName ?? t.organisationName },
                { title: '流程 / 环节', render: (_, t) => [t.processLabel, t.stageLabel].filter(Boolean).join(' · ') || '—' },
                {
                  title: '期限',
                  dataIndex: 'dueAt',
                  render: (due: string | null, t) => (
                    <Space size={4}>
                      {due ? formatDateTime(due) : '无期限'}
                      <DueTag task={t} />
                    </Space>
                  ),
                },
              ]}
            />
          ) : (
            <>
              <List<InboxItem>
                aria-label="待办列表"
                loading={tasks.isFetching}
                dataSource={items}
                locale={{ emptyText: <Empty description="暂无待办" /> }}
                renderItem={(t) => (
                  <List.Item className="inbox-card-item">
                    <Card size="small" className="inbox-card">
                      <Flex gap={8} align="flex-start">
                        {isBulkApprovable(t) && <Checkbox aria-label={`选择：${t.title}`} checked={isSelected(t)} onChange={(e) => toggle(t, e.target.checked)} className="inbox-card-check" />}
                        <div style={{ minWidth: 0 }}>
                          <Link to={`/tasks/${t.id}`} className="inbox-card-title">
                            {t.title}
                          </Link>
                          <div className="inbox-card-meta">
                            <Tag>{t.kindLabel}</Tag>
                            {about(t)}
                          </div>
                          <div className="inbox-card-meta">
                            期限：{t.dueAt ? formatDateTime(t.dueAt) : '无期限'} <DueTag task={t} />
                          </div>
                        </div>
                      </Flex>
                    </Card>
                  </List.Item>
                )}
              />
              <Pagination {...pager} simple size="small" align="center" />
            </>
          )}
        </QueryState>
      </Space>
      <BulkApproveDialog
        tasks={selected}
        open={bulkOpen}
        onClose={(done) => {
          setBulkOpen(false);
          if (done) setSelected([]);
        }}
      />
    </section>
  );
}
