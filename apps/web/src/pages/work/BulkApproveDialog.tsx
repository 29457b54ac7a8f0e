import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, List, Modal, Tag } from 'antd';
import { useState } from 'react';
import { api, idempotencyKey, messageOf, unwrap } from '../../api/client';
import type { InboxItem } from './types';

interface ItemResult {
  id: string;
  title: string;
  ok: boolean;
  message: string;
}

/**
 * Approves several tasks with one opinion: one decision request per task (each
 * judged by the server on its own), then a result per task — done, or the
 * server's refusal in Chinese.
 */
export function BulkApproveDialog({ tasks, open, onClose }: { tasks: InboxItem[]; open: boolean; onClose: (done: boolean) => void }) {
  const queryClient = useQueryClient();
  const [opinion, setOpinion] = useState('同意推荐。');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<ItemResult[] | null>(null);

  async function approveAll() {
    setBusy(true);
    const done: ItemResult[] = [];
    for (const t of tasks) {
      try {
        await unwrap(
          api.POST('/tasks/{id}/decision', { params: { path: { id: t.id }, header: { 'Idempotency-Key': idempotencyKey() } }, body: { decision: 'approve', opinion } }),
        );
        done.push({ id: t.id, title: t.title, ok: true, message: '已同意' });
      } catch (err) {
        done.push({ id: t.id, title: t.title, ok: false, message: messageOf(err) });
      }
      setResults([...done]);
    }
    setBusy(false);
    await queryClient.invalidateQueries({ queryKey: ['tasks'] });
  }

  const close = () => {
    const finished = results !== null;
    setResults(null);
    onClose(finished);
  };

  return (
    <Modal
      title={`批量同意（${tasks.length}项）`}
      open={open}
      onCancel={close}
      onOk={results ? close : approveAll}
      okText={results ? '完成' : '确认同意'}
      cancelText={results ? '关闭' : '取消'}
      confirmLoading={busy}
      cancelButtonProps={{ disabled: busy }}
      destroyOnHidden
    >
      {!results ? (
        <Form layout="vertical">
          <p>以下任务将以同一意见办理为“同意”：</p>
          <List size="small" dataSource={tasks} renderItem={(t) => <List.Item>{t.title}</List.Item>} />
          <Form.Item label="审核意见" htmlFor="bulk-opinion">
            <Input.TextArea id="bulk-opinion" rows={3} maxLength={2000} value={opinion} onChange={(e) => setOpinion(e.target.value)} />
          </Form.Item>
        </Form>
      ) : (
        <>
          <Alert
            type={results.every((r) => r.ok) ? 'success' : 'warning'}
            showIcon
            title={`已办理 ${results.filter((r) => r.ok).length} 项，未办理 ${results.filter((r) => !r.ok).length} 项${busy ? '（处理中…）' : ''}`}
          />
          <List
            aria-label="办理结果"
            size="small"
            dataSource={results}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta title={r.title} description={r.ok ? undefined : r.message} />
                <Tag color={r.ok ? 'green' : 'red'}>{r.ok ? '成功' : '未办理'}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </Modal>
  );
}
