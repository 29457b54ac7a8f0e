import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useSubmission } from '../../api/useSubmission';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { NewVetoItem, RubricDetail } from './types';

/**
 * 添加一票否决情形: writes the rubric's next version (assessments already open keep theirs).
 * Confirmed first; a refusal is shown as the server gave it and what was typed stays.
 */
export function VetoItemForm({ rubric, onAdded }: { rubric: RubricDetail; onAdded: (next: RubricDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewVetoItem>();
  const [pending, setPending] = useState<NewVetoItem | null>(null);
  const { busy, error, run } = useSubmission();

  const add = async (item: NewVetoItem) => {
    const sent = await run((key) =>
      unwrap(api.POST('/rubrics/{code}/veto-items', { params: { path: { code: rubric.code }, header: { 'Idempotency-Key': key } }, body: item })),
    );
    setPending(null);
    if (!sent.ok) return;
    form.resetFields();
    void message.success(`已添加一票否决情形，考核细则更新为第${sent.value.version}版`);
    onAdded(sent.value);
  };

  return (
    <>
      <Form<NewVetoItem> form={form} name="veto-item" layout="vertical" aria-label="添加一票否决情形" onFinish={(v) => setPending({ code: v.code.trim(), text: v.text.trim() })}>
        <Form.Item
          name="code"
          label="编码"
          extra="小写字母开头，可用小写字母、数字和下划线，如 no_members_meeting"
          rules={[
            { required: true, whitespace: true, message: '请填写编码' },
            { pattern: /^\s*[a-z][a-z0-9_]{1,49}\s*$/, message: '编码须以小写字母开头，由2至50位小写字母、数字或下划线组成' },
          ]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="text" label="情形内容" rules={[{ required: true, whitespace: true, message: '请填写一票否决情形的内容' }, { max: 200, message: '不能超过200个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={200} />
        </Form.Item>
        {error !== null && <ErrorAlert error={error} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          添加
        </Button>
      </Form>
      <Modal
        title="确认添加一票否决情形"
        open={pending !== null}
        okText="确认添加"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => pending && void add(pending)}
        onCancel={() => setPending(null)}
      >
        <Typography.Paragraph>
          将写入《{rubric.name}》第{rubric.latestVersion + 1}版；已开始的考核仍按原版本进行。
        </Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text strong>{pending?.text}</Typography.Text>（{pending?.code}）
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
