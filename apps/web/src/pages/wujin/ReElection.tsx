import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dayjs, formatDate, formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';
import type { BranchPage } from './types';

type DelayRequest = paths['/campaigns/{id}/wujin/re-election-delays']['post']['requestBody']['content']['application/json'];
type Delay = BranchPage['reElection']['delays'][number];

const STATUS_COLORS: Record<Delay['status'], string> = { pending: 'processing', approved: 'green', refused: 'red' };
const CHANGE_LABELS: Record<NonNullable<Delay['occurrenceChange']>, string> = { moved: '换届任务改期', postponed: '换届任务转入新日期所在年度' };
/** A date (YYYY-MM-DD) as the page shows it. */
const day = (d: string) => dayjs(d).format('YYYY年M月D日');

interface FormValues {
  until?: Dayjs;
  reason: string;
}

/** The secretary's request: the new date and the reason; the server's refusal is shown and what was typed stays. */
function DelayDialog({ campaignId, branchId, termEndsOn, onClose }: { campaignId: string; branchId: string; termEndsOn: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const send = useMutation({
    mutationFn: (body: DelayRequest) =>
      unwrap(api.POST('/campaigns/{id}/wujin/re-election-delays', { params: { path: { id: campaignId }, header: { 'Idempotency-Key': idempotencyKey() } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['wujin', 'branch', campaignId, branchId] });
      void message.success('延期换届申请已提交，等待党(工)委审批');
      onClose();
    },
  });
  return (
    <Modal open title="申请延期换届" okText="提交申请" cancelText="取消" confirmLoading={send.isPending} onOk={() => form.submit()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">
        {termEndsOn ? `本届任期${day(termEndsOn)}届满。` : ''}延期须经所属党(工)委批准，一般不超过一年。
      </Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => send.mutate({ branchId, until: v.until!.format('YYYY-MM-DD'), reason: v.reason })}>
        <Form.Item name="until" label="延期至" rules={[{ required: true, message: '请选择延期后的换届日期' }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写延期理由' }, { min: 5, message: '延期理由至少5个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {send.isError && <ErrorAlert error={send.error} />}
    </Modal>
  );
}

/** 换届: the term's end, the delays asked for and how each was decided; the branch's secretary may ask for one. */
export function ReElection({ campaignId, page }: { campaignId: string; page: BranchPage }) {
  const user = useUser();
  const [asking, setAsking] = useState(false);
  const { termEndsOn, delays } = page.reElection;
  const secretary = user.roles.some((g) => g.role === 'submitter' && g.organisationId === page.branch.id);
  const pending = delays.some((d) => d.status === 'pending');
  return (
    <Card
      size="small"
      title="换届"
      extra={
        secretary && (
          <Button onClick={() => setAsking(true)} disabled={pending} title={pending ? '已有待审批的申请' : undefined}>
            申请延期换届
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} items={[{ key: 'term', label: '本届任期届满', children: termEndsOn ? day(termEndsOn) : '未登记' }]} />
        {delays.length > 0 && (
          <Table
            size="small"
            rowKey="id"
            dataSource={delays}
            pagination={false}
            scroll={{ x: 'max-content' }}
            aria-label="延期换届申请"
            columns={[
              { title: '申请时间', dataIndex: 'requestedAt', render: (v: string) => formatDateTime(v) },
              { title: '原届满日', dataIndex: 'termEndsOn', render: (v: string) => day(v) },
              { title: '申请延期至', dataIndex: 'until', render: (v: string) => day(v) },
              { title: '理由', dataIndex: 'reason', render: (v: string) => <div className="wujin-cell">{v}</div> },
              { title: '状态', dataIndex: 'statusLabel', render: (v: string, d: Delay) => <Tag color={STATUS_COLORS[d.status]}>{v}</Tag> },
              {
                title: '审批意见',
                dataIndex: 'opinion',
                render: (v: string | null, d: Delay) =>
                  v ? `${v}（${d.decidedBy ?? '—'}，${d.decidedAt ? formatDate(d.decidedAt) : '—'}${d.occurrenceChange ? `；${CHANGE_LABELS[d.occurrenceChange]}` : ''}）` : '—',
              },
            ]}
          />
        )}
      </Space>
      {asking && <DelayDialog campaignId={campaignId} branchId={page.branch.id} termEndsOn={termEndsOn} onClose={() => setAsking(false)} />}
    </Card>
  );
}
