import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../format';

const PAGE = 20;

/** 我的待办: the user's open tasks, paged by the server. */
export function InboxPage() {
  const [page, setPage] = useState(1);
  const tasks = useQuery({
    queryKey: ['tasks', 'inbox', page],
    queryFn: () => unwrap(api.GET('/tasks', { params: { query: { limit: PAGE, offset: (page - 1) * PAGE } } })),
    placeholderData: (previous) => previous,
  });
  return (
    <section aria-labelledby="inbox-title">
      <Typography.Title level={3} id="inbox-title">
        我的待办
      </Typography.Title>
      <QueryState query={tasks}>
        <Table
          rowKey="id"
          dataSource={tasks.data?.items}
          loading={tasks.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE, total: tasks.data?.total, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 项` }}
          columns={[
            { title: '事项', dataIndex: 'title', render: (title: string, t) => <Link to={`/tasks/${t.id}`}>{title}</Link> },
            {
              title: '期限',
              dataIndex: 'dueAt',
              render: (due: string | null, t) => (
                <>
                  {due ? formatDateTime(due) : '—'} {t.overdue && <Tag color="red">已逾期</Tag>}
                </>
              ),
            },
          ]}
        />
      </QueryState>
    </section>
  );
}
