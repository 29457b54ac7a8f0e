import { Alert, Form, Input, Modal } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { messageOf } from '../../api/client';

export interface ReasonValues {
  reason: string;
  [field: string]: unknown;
}

/**
 * Confirms an action that needs a reason: the reason is required, a refusal is shown in the dialog
 * in the server's words, and what was typed stays until it succeeds.
 */
export function ReasonModal({
  open,
  title,
  okText,
  danger,
  children,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  children?: ReactNode;
  onSubmit: (values: ReasonValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ReasonValues>();
  // Several of these dialogs live on one screen: each form's field ids must be its own, for the labels.
  const name = `reason${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      await onSubmit(values);
      form.resetFields();
      onClose();
    } catch (err) {
      setRefusal(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} okText={okText} cancelText="取消" okButtonProps={{ danger, loading: busy }} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden={false} forceRender>
      <Form form={form} name={name} layout="vertical">
        {children}
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请说明理由' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title="未能完成" description={refusal} role="alert" />}
    </Modal>
  );
}
