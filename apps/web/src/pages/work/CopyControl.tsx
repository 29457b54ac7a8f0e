import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, idempotencyKey, messageOf, unwrap } from '../../api/client';
import { ROLE_LABELS } from '../../labels';
import type { TaskDetail } from './types';

interface Values {
  organisationId: string;
  role: keyof typeof ROLE_LABELS;
}

/**
 * 抄送: for whoever handles the task now, copy it to a role at an
 * organisation of their own subtree (the organisations they may see), who
 * then reads it in 抄送我的. Refusals (already copied, nobody holds the role
 * there) are shown as the server words them.
 */
export function CopyControl({ task }: { task: TaskDetail }) {
  const [open, setOpen] = useState(false);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: () => unwrap(api.GET('/organisations')), enabled: open, staleTime: 600_000 });
  const run = useMutation({
    mutationFn: (v: Values) =>
      unwrap(api.POST('/tasks/{id}/copies', { params: { path: { id: task.id }, header: { 'Idempotency-Key': idempotencyKey() } }, body: { targets: [{ organisationId: v.organisationId, role: v.role }] } })),
    onSuccess: async () => {
      void message.success('已抄送');
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      setOpen(false);
      form.resetFields();
    },
  });
  const handles = task.status === 'open' && !task.readOnly && task.availableActions.some((a) => a.type !== 'urge');
  if (!handles) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>抄送</Button>
      {open && (
        <Modal open title="抄送" okText="确认抄送" cancelText="取消" confirmLoading={run.isPending} onOk={() => form.submit()} onCancel={() => setOpen(false)}>
          <p>抄送给本人管辖范围内的组织岗位，对方只能查看、不需办理，不影响流程。</p>
          <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
            <Form.Item name="organisationId" label="抄送组织" rules={[{ required: true, message: '请选择组织' }]}>
              <Select showSearch optionFilterProp="label" loading={orgs.isPending} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
            <Form.Item name="role" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}>
              <Select options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Form>
          {run.isError && <Alert type="error" showIcon title="未能抄送" description={messageOf(run.error)} role="alert" />}
        </Modal>
      )}
    </>
  );
}
