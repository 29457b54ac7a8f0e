import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { campaignStatus, useCampaigns, useProcesses } from './campaignApi';

/** 评选看板: the campaigns the user may see, by process and year; each opens its dashboard. */
export function CampaignsPage() {
  const campaigns = useCampaigns();
  const processes = useProcesses();
  const nameOf = (id: string) => processes.data?.find((p) => p.id === id)?.name ?? id;
  const rows = [...(campaigns.data ?? [])].sort((a, b) => a.process.localeCompare(b.process) || b.year - a.year);
  return (
    <section aria-labelledby="campaigns-title">
      <Typography.Title level={3} id="campaigns-title">
        评选看板
      </Typography.Title>
      <QueryState query={campaigns}>
        <Table
          rowKey="id"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无可查看的评选活动' }}
          columns={[
            { title: '评选活动', dataIndex: 'title', render: (title: string, c) => <Link to={`/campaigns/${c.id}`}>{title}</Link> },
            {
              title: '流程',
              dataIndex: 'process',
              render: nameOf,
              filters: (processes.data ?? []).map((p) => ({ text: p.name, value: p.id })),
              onFilter: (value, c) => c.process === value,
            },
            { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年` },
            { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={campaignStatus(s).color}>{campaignStatus(s).label}</Tag> },
            { title: '创建于', dataIndex: 'createdAt', render: (at: string) => formatDate(at) },
          ]}
        />
      </QueryState>
    </section>
  );
}
