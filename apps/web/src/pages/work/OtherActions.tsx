import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, idempotencyKey, messageOf, unwrap } from '../../api/client';
import { ROLE_LABELS } from '../../labels';
import { DelegatePicker } from './DelegatePicker';
import type { ActionBody, AvailableAction, TaskDetail } from './types';

type Other = Exclude<AvailableAction['type'], 'decide'>;

interface Values {
  organisationId?: string;
  role?: keyof typeof ROLE_LABELS;
  userId?: string;
  displayName?: string;
  dueAt?: Dayjs;
  opinion?: string;
}

/** The request each action sends, from what its dialog asked. */
function bodyOf(type: Other, v: Values): ActionBody {
  const opinion = v.opinion?.trim() ? v.opinion.trim() : undefined;
  switch (type) {
    case 'transfer':
      return { type, to: { organisationId: v.organisationId!, role: v.role! }, opinion };
    case 'add_cosigner':
      return { type, assignee: { organisationId: v.organisationId!, role: v.role! }, opinion };
    case 'delegate':
      return { type, to: { userId: v.userId!, displayName: v.displayName! }, opinion };
    case 'reply':
      return { type, opinion: v.opinion ?? '' };
    case 'extend':
      return { type, dueAt: v.dueAt!.toISOString(), opinion: v.opinion ?? '' };
    default:
      return { type, opinion };
  }
}

const HINTS: Partial<Record<Other, string>> = {
  transfer: '将任务转给其他组织的岗位办理，本人不再办理。',
  delegate: '委托他人代为处理，受托人回复后仍由本人办理。',
  reply: '作为受托人，回复委托人的处理意见。',
  add_cosigner: '增加一个会签岗位，共同办理。',
  withdraw: '撤回本人提交的任务（尚无人办理时可撤回）。',
  urge: '催促办理人尽快办理。',
  extend: '延长任务的办理期限。',
};

function ActionDialog({ task, action, onClose }: { task: TaskDetail; action: AvailableAction & { type: Other }; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const needsOrg = action.type === 'transfer' || action.type === 'add_cosigner';
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: () => unwrap(api.GET('/organisations')), enabled: needsOrg, staleTime: 600_000 });
  const run = useMutation({
    mutationFn: (v: Values) =>
      unwrap(api.POST('/tasks/{id}/actions', { params: { path: { id: task.id }, header: { 'Idempotency-Key': idempotencyKey() } }, body: bodyOf(action.type, v) })),
    onSuccess: async () => {
      void message.success(`已${action.label}`);
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });
  const opinionRequired = action.opinionRequired || action.type === 'reply' || action.type === 'extend';
  return (
    <Modal
      open
      title={action.label}
      okText={`确认${action.label}`}
      cancelText="取消"
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <p>{HINTS[action.type]}</p>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        {needsOrg && (
          <>
            <Form.Item name="organisationId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
              <Select showSearch optionFilterProp="label" loading={orgs.isPending} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
            <Form.Item name="role" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}>
              <Select options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </>
        )}
        {action.type === 'delegate' && (
          <>
            <Form.Item name="userId" label="受托人" rules={[{ required: true, message: '请选择受托人' }]}>
              <DelegatePicker taskId={task.id} onPick={(name) => form.setFieldValue('displayName', name)} />
            </Form.Item>
            <Form.Item name="displayName" hidden>
              <Input />
            </Form.Item>
          </>
        )}
        {action.type === 'extend' && (
          <Form.Item name="dueAt" label="新的办理期限" rules={[{ required: true, message: '请选择新的期限' }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="opinion" label={opinionRequired ? '意见' : '意见（可选）'} required={opinionRequired}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {run.isError && <Alert type="error" showIcon title={`未能${action.label}`} description={messageOf(run.error)} role="alert" />}
    </Modal>
  );
}

/** Every action the task offers besides deciding (transfer, delegate, reply, co-signer, withdraw, urge, extend), each in a confirming dialog. */
export function OtherActions({ task }: { task: TaskDetail }) {
  const [open, setOpen] = useState<Other | null>(null);
  const others = task.availableActions.filter((a): a is AvailableAction & { type: Other } => a.type !== 'decide');
  if (!others.length) return null;
  const current = others.find((a) => a.type === open);
  return (
    <>
      <Space wrap aria-label="其他操作">
        {others.map((a) => (
          <Button key={a.type} onClick={() => setOpen(a.type)}>
            {a.label}
          </Button>
        ))}
      </Space>
      {current && <ActionDialog task={task} action={current} onClose={() => setOpen(null)} />}
    </>
  );
}
