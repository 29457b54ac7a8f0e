import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { paths } from '../../api/schema';
import { api, unwrap } from '../../api/client';
import { useSubmission } from '../../api/useSubmission';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { LiangshanList } from './types';

export type ListItem = LiangshanList['items'][number];
type ItemInput = paths['/liangshan/lists/{year}']['put']['requestBody']['content']['application/json']['items'][number];

/** The parts of an item this screen edits; its deadline's kind and months, records and counts stay as they are. */
type ItemText = Pick<ListItem, 'code' | 'title' | 'leader' | 'responsible' | 'deadlineText'>;

const LEADERS: Array<{ value: ListItem['leader']; label: string }> = [
  { value: 'party_group_secretary', label: '党组书记' },
  { value: 'branch_secretary', label: '支部书记' },
];

/** An item as the list is written back: without the labels the server adds when it reads. */
const asInput = ({ leaderLabel: _leader, deadlineKindLabel: _kind, ...item }: ListItem): ItemInput => item as ItemInput;

/**
 * 修改责任清单: the administrator's draft of the year's list — each item's code, work,
 * leader, responsible people and deadline as written, or the item removed — saved
 * whole as the year's next version after a confirmation. A refusal is shown as the
 * server gave it, item by item, and the draft stays.
 */
export function useListDraft(list: LiangshanList, onSaved: (next: LiangshanList) => void) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<ListItem[] | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, run } = useSubmission();

  const save = async () => {
    const sent = await run((key) =>
      unwrap(api.PUT('/liangshan/lists/{year}', { params: { path: { year: list.year }, header: { 'Idempotency-Key': key } }, body: { items: draft!.map(asInput) } })),
    );
    setConfirming(false);
    if (!sent.ok) return;
    setDraft(null);
    void message.success(`已保存，${sent.value.year}年责任清单更新为第${sent.value.version}版`);
    onSaved(sent.value);
  };

  const change = (index: number, text: ItemText) =>
    setDraft((d) => d!.map((item, i) => (i === index ? { ...item, ...text, leaderLabel: LEADERS.find((l) => l.value === text.leader)!.label } : item)));

  const controls = draft ? (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error !== null && <ErrorAlert error={error} />}
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => setConfirming(true)}>
          保存清单
        </Button>
        <Button
          onClick={() => {
            setDraft(null);
            setError(null);
          }}
        >
          放弃修改
        </Button>
      </Space>
    </Space>
  ) : (
    <Button onClick={() => setDraft(list.items)}>修改清单</Button>
  );

  const rowActions = (index: number) =>
    draft && (
      <Space size="small">
        <Button size="small" onClick={() => setEditing(index)} aria-label={`修改第${index + 1}项`}>
          修改
        </Button>
        <Button size="small" danger onClick={() => setDraft((d) => d!.filter((_, i) => i !== index))} aria-label={`删除第${index + 1}项`}>
          删除
        </Button>
      </Space>
    );

  const dialogs = (
    <>
      {draft && editing !== null && draft[editing] && (
        <ItemDialog
          item={draft[editing]}
          index={editing}
          onDone={(text) => {
            change(editing, text);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <Modal title="确认保存责任清单" open={confirming} okText="确认保存" cancelText="取消" confirmLoading={busy} onOk={() => void save()} onCancel={() => setConfirming(false)}>
        <Typography.Paragraph>
          将保存为{list.year}年责任清单第{list.version + 1}版，共{draft?.length ?? 0}项；此后开始的该年度清单按新清单排期，已开始的不变。
        </Typography.Paragraph>
      </Modal>
    </>
  );

  return { items: draft ?? list.items, editing: draft !== null, controls, rowActions, dialogs };
}

/** One item's texts and leader, checked as the server checks them before the draft takes them. */
function ItemDialog({ item, index, onDone, onCancel }: { item: ListItem; index: number; onDone: (text: ItemText) => void; onCancel: () => void }) {
  const [form] = Form.useForm<ItemText>();
  const required = (what: string, max: number) => [
    { required: true, whitespace: true, message: `请填写${what}` },
    { max, message: `${what}不能超过${max}个字` },
  ];
  return (
    <Modal title={`修改第${index + 1}项`} open okText="确定" cancelText="取消" onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      <Form<ItemText>
        form={form}
        layout="vertical"
        name="liangshan-item"
        initialValues={{ code: item.code, title: item.title, leader: item.leader, responsible: item.responsible, deadlineText: item.deadlineText }}
        onFinish={(v) => onDone({ code: v.code.trim(), title: v.title.trim(), leader: v.leader, responsible: v.responsible.trim(), deadlineText: v.deadlineText.trim() })}
      >
        <Form.Item name="code" label="编号" rules={required('编号', 20)}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label="重点工作" rules={required('重点工作', 200)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="leader" label="责任领导" rules={[{ required: true, message: '请选择责任领导' }]}>
          <Select options={LEADERS} />
        </Form.Item>
        <Form.Item name="responsible" label="责任人" rules={required('责任人', 100)}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="deadlineText" label="完成时限（清单原文）" extra={`排期按“${item.deadlineKindLabel}”，不随原文改变`} rules={required('完成时限', 200)}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
