import { Button, Form, Input, Radio, Select } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, unwrap } from '../../api/client';
import { useSubmission } from '../../api/useSubmission';
import type { ObjectionLodged, PublicNotice } from './types';

interface Values {
  itemId: string;
  anonymous: boolean;
  name?: string;
  contact?: string;
  content: string;
}

/** An objection to one listed item, named or anonymous; the server's refusals (a closed notice, too many tries) beside it. */
export function ObjectionForm({ notice, onLodged }: { notice: PublicNotice; onLodged: (r: ObjectionLodged, v: Values) => void }) {
  const [form] = Form.useForm<Values>();
  const anonymous = Form.useWatch('anonymous', form);
  const { busy, error, run } = useSubmission();
  const listed = notice.items.filter((i) => i.status === 'listed');

  const lodge = async (v: Values) => {
    const body = v.anonymous
      ? { anonymous: true as const, itemId: v.itemId, content: v.content, ...(v.contact ? { contact: v.contact } : {}) }
      : { anonymous: false as const, itemId: v.itemId, name: v.name ?? '', content: v.content, ...(v.contact ? { contact: v.contact } : {}) };
    const sent = await run((key) => unwrap(api.POST('/public/notices/{id}/objections', { params: { path: { id: notice.id }, header: { 'Idempotency-Key': key } }, body })));
    if (sent.ok) onLodged(sent.value, v);
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ anonymous: false }} onFinish={(v) => void lodge(v)} aria-label="提出异议">
      <Form.Item name="itemId" label="反映对象" rules={[{ required: true, message: '请选择反映的公示对象' }]}>
        <Select placeholder="请选择" options={listed.map((i) => ({ value: i.id, label: i.name }))} />
      </Form.Item>
      <Form.Item name="anonymous" label="反映方式">
        <Radio.Group
          optionType="button"
          options={[
            { value: false, label: '实名反映' },
            { value: true, label: '匿名反映' },
          ]}
        />
      </Form.Item>
      {!anonymous && (
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '实名反映请填写姓名；如不愿具名，请选择匿名' }, { max: 50, message: '姓名不能超过50个字' }]}>
          <Input autoComplete="name" maxLength={50} />
        </Form.Item>
      )}
      <Form.Item name="contact" label="联系方式（选填）" rules={[{ max: 100, message: '联系方式不能超过100个字' }]} extra="便于核查时联系您">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="content"
        label="异议内容"
        rules={[
          { required: true, whitespace: true, message: '请填写异议内容' },
          { min: 5, message: '异议内容至少5个字' },
          { max: 2000, message: '异议内容不能超过2000个字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} showCount maxLength={2000} />
      </Form.Item>
      {error !== null && <ErrorAlert error={error} />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        提交异议
      </Button>
    </Form>
  );
}
