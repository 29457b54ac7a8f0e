import { Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import type { RubricSummary } from './types';

/** 考核细则: every rubric at its latest version; a mismatch between declared and listed points is flagged. */
export function RubricListPage() {
  const rubrics = useQuery({ queryKey: ['rubrics'], queryFn: () => unwrap(api.GET('/rubrics')) });
  return (
    <section aria-labelledby="rubrics-title">
      <Typography.Title level={3} id="rubrics-title">
        考核细则
      </Typography.Title>
      <QueryState query={rubrics}>
        <Table<RubricSummary>
          rowKey="code"
          size="small"
          dataSource={rubrics.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (name: string, r) => <Link to={`/rubrics/${encodeURIComponent(r.code)}`}>{name}</Link> },
            { title: '版本', dataIndex: 'version', render: (v: number) => `第${v}版` },
            { title: '条目', dataIndex: 'itemCount', render: (n: number) => `${n} 项` },
            {
              title: '分值',
              key: 'points',
              render: (_, r) => (r.declaredTotal === r.itemsTotal ? `${r.itemsTotal}分` : `声明${r.declaredTotal}分，条目合计${r.itemsTotal}分`),
            },
            { title: '更新', dataIndex: 'createdAt', responsive: ['md'], render: (at: string) => formatDateTime(at) },
          ]}
        />
      </QueryState>
    </section>
  );
}
