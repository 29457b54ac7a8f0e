import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';
import { submitterBranches } from './branches';
import { NominationStatusTag, STATUS_FILTERS } from './status';
import type { NominationStatus } from './types';

const PAGE = 20;

/** 推荐申报: the nominations the user may see (their branch's, or their subtree's), newest first, paged by the server. */
export function NominationListPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<NominationStatus | undefined>();
  const list = useQuery({
    queryKey: ['nominations', 'list', status, page],
    queryFn: () => unwrap(api.GET('/nominations', { params: { query: { limit: PAGE, offset: (page - 1) * PAGE, ...(status ? { status } : {}) } } })),
    placeholderData: (previous) => previous,
  });
  const canCreate = submitterBranches(user).length > 0;
  return (
    <section aria-labelledby="nominations-title">
      <div className="page-heading">
        <Typography.Title level={3} id="nominations-title">
          推荐申报
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/nominations/new')}>
            新建推荐申报
          </Button>
        )}
      </div>
      <Space wrap className="nomination-gap">
        <Select
          aria-label="按状态筛选"
          allowClear
          placeholder="全部状态"
          className="status-filter"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUS_FILTERS}
        />
      </Space>
      <QueryState query={list}>
        <Table
          rowKey="id"
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: canCreate ? '还没有推荐申报，点击“新建推荐申报”开始填写' : '暂无推荐申报' }}
          pagination={{ current: page, pageSize: PAGE, total: list.data?.total, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 份` }}
          columns={[
            { title: '党支部', dataIndex: ['branch', 'name'], render: (name: string, n) => <Link to={`/nominations/${n.id}`}>{name}</Link> },
            { title: '年度', dataIndex: 'campaignYear', render: (y: number) => `${y}年度` },
            { title: '状态', dataIndex: 'status', render: (_: unknown, n) => <NominationStatusTag status={n.status} label={n.statusLabel} /> },
            { title: '基层党委', dataIndex: ['grassrootsCommittee', 'name'], render: (name: string | null | undefined) => name ?? '—' },
            { title: '更新时间', dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at) },
          ]}
        />
      </QueryState>
    </section>
  );
}
