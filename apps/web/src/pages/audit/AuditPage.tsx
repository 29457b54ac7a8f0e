import { Button, Collapse, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { QueryState } from '../../components/QueryState';
import { dayjs, formatDateTime } from '../../format';

const PAGE = 20;

type AuditRecord = paths['/audit']['get']['responses'][200]['content']['application/json']['items'][number];

interface Filters {
  subjectId?: string;
  range?: [dayjs.Dayjs, dayjs.Dayjs] | null;
}

/** 审计记录: who did what to a subject, when, with which opinion, before and after; newest first. */
export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const subjectId = search.get('subjectId') ?? undefined;
  const from = search.get('from') ?? undefined;
  const to = search.get('to') ?? undefined;
  const page = Number(search.get('page') ?? '1');
  const audit = useQuery({
    queryKey: ['audit', subjectId, from, to, page],
    queryFn: () => unwrap(api.GET('/audit', { params: { query: { subjectId, from, to, limit: PAGE, offset: (page - 1) * PAGE } } })),
    placeholderData: (previous) => previous,
  });
  const apply = (f: Filters) => {
    const next: Record<string, string> = {};
    if (f.subjectId?.trim()) next.subjectId = f.subjectId.trim();
    if (f.range) {
      next.from = f.range[0].format('YYYY-MM-DD');
      next.to = f.range[1].format('YYYY-MM-DD');
    }
    setSearch(next);
  };
  return (
    <section aria-labelledby="audit-title" className="audit-page">
      <Typography.Title level={3} id="audit-title">
        审计记录
      </Typography.Title>
      <Form<Filters>
        layout="inline"
        initialValues={{ subjectId, range: from && to ? [dayjs(from), dayjs(to)] : null }}
        onFinish={apply}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item label="对象编号" name="subjectId">
          {/* On a phone the label and the page's padding leave less than 320 px beside it. */}
          <Input allowClear placeholder="申报、任务、活动或党支部的编号" style={{ width: 'min(320px, calc(100vw - 112px))' }} />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker inputReadOnly />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Space>
      </Form>
      <QueryState query={audit}>
        <Table
          rowKey="seq"
          size="small"
          dataSource={audit.data?.items}
          loading={audit.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE, total: audit.data?.total, showSizeChanger: false, onChange: (p) => setSearch((s) => ({ ...Object.fromEntries(s), page: String(p) })), showTotal: (t) => `共 ${t} 条` }}
          expandable={{ expandedRowRender: (row) => <AuditDetail record={row} /> }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (at: string) => formatDateTime(at) },
            { title: '操作人', dataIndex: 'actor', render: (a: { name: string; roleLabel: string }) => `${a.name}（${a.roleLabel}）` },
            { title: '组织', dataIndex: 'organisation', responsive: ['md'], render: (o: { name: string } | null) => o?.name ?? '系统' },
            { title: '操作', dataIndex: 'actionLabel' },
            { title: '意见', dataIndex: 'opinion', responsive: ['md'] },
          ]}
        />
      </QueryState>
    </section>
  );
}

const shown = (v: string | null) => (v === null || v === '' ? '—' : v);

/** One record opened: what changed, field by field in Chinese; the stored JSON behind a fold for whoever needs it exact. */
function AuditDetail({ record }: { record: AuditRecord }) {
  return (
    <Space orientation="vertical" className="audit-detail">
      <Typography.Text type="secondary">
        对象：{record.subjectTypeLabel} {record.subjectId}
      </Typography.Text>
      <Typography.Text type="secondary">操作代码：{record.action}</Typography.Text>
      {record.changes.length ? (
        <Table
          className="audit-changes"
          aria-label="变更内容"
          rowKey="field"
          size="small"
          pagination={false}
          tableLayout="fixed"
          dataSource={record.changes}
          columns={[
            { title: '字段', dataIndex: 'label', width: '24%' },
            { title: '修改前', dataIndex: 'before', render: shown },
            { title: '修改后', dataIndex: 'after', render: shown },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">无变更内容</Typography.Text>
      )}
      <Collapse
        size="small"
        items={[
          {
            key: 'raw',
            label: '原始数据',
            children: (
              <>
                <Typography.Text>变更前：</Typography.Text>
                <pre className="audit-json">{JSON.stringify(record.before, null, 2) ?? '—'}</pre>
                <Typography.Text>变更后：</Typography.Text>
                <pre className="audit-json">{JSON.stringify(record.after, null, 2) ?? '—'}</pre>
              </>
            ),
          },
        ]}
      />
    </Space>
  );
}
