import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, idempotencyKey, messageOf, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type OpinionPhrases = Json<paths['/me/opinion-phrases']['get']['responses'][200]>;
type PhraseDecision = OpinionPhrases['decisions'][number]['decision'];
type ReplaceBody = NonNullable<paths['/me/opinion-phrases']['put']['requestBody']>['content']['application/json'];

/** The phrase kind an outcome's opinion is written for: the engine's and the processes' names for agreeing, returning and refusing. */
const PHRASE_KIND: Record<string, PhraseDecision> = {
  approve: 'approve',
  approved: 'approve',
  accept: 'approve',
  return: 'return',
  returned: 'return',
  reject: 'reject',
  rejected: 'reject',
};

export const phraseKindOf = (outcome: string | undefined): PhraseDecision | undefined => (outcome ? PHRASE_KIND[outcome] : undefined);

const QUERY_KEY = ['me', 'opinion-phrases'];

/**
 * 常用意见 for the chosen outcome, beside the opinion field: clicking one puts it in the field; "管理常用意见"
 * opens a small dialog to add and remove the user's own for that outcome (saved on the server, for every device).
 */
export function OpinionPhrasePicker({ outcome, onPick }: { outcome: string | undefined; onPick: (text: string) => void }) {
  const kind = phraseKindOf(outcome);
  const phrases = useQuery({ queryKey: QUERY_KEY, queryFn: () => unwrap(api.GET('/me/opinion-phrases')), enabled: !!kind, staleTime: 60_000 });
  const [managing, setManaging] = useState(false);
  if (!kind || !phrases.data) return null;
  const entry = phrases.data.decisions.find((d) => d.decision === kind);
  if (!entry) return null;
  return (
    <div className="opinion-phrases">
      <Space wrap size={[6, 6]} role="group" aria-label="常用意见">
        <Typography.Text type="secondary">常用意见：</Typography.Text>
        {entry.phrases.map((text) => (
          <Button key={text} size="small" className="opinion-phrase" autoInsertSpace={false} onClick={() => onPick(text)}>
            {text}
          </Button>
        ))}
        <Button size="small" type="link" onClick={() => setManaging(true)}>
          管理常用意见
        </Button>
      </Space>
      {managing && <ManagePhrasesDialog phrases={phrases.data} kind={kind} onClose={() => setManaging(false)} />}
    </div>
  );
}

/** The user's own phrases for one outcome: add, remove, save whole; a refusal shown in the server's words with the draft kept. */
function ManagePhrasesDialog({ phrases, kind, onClose }: { phrases: OpinionPhrases; kind: PhraseDecision; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const entry = phrases.decisions.find((d) => d.decision === kind)!;
  const [draft, setDraft] = useState<string[]>(entry.phrases);
  const [adding, setAdding] = useState('');
  const save = useMutation({
    mutationFn: () => {
      // Every other kind as it is: the user's own kept, a kind on its defaults left on them.
      const body: ReplaceBody = Object.fromEntries(phrases.decisions.map((d) => [d.decision, d.decision === kind ? draft : d.own ? d.phrases : []]));
      return unwrap(api.PUT('/me/opinion-phrases', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(QUERY_KEY, saved);
      void message.success('常用意见已保存');
      onClose();
    },
  });
  const add = () => {
    const text = adding.trim();
    if (!text || draft.includes(text)) return;
    setDraft([...draft, text]);
    setAdding('');
  };
  return (
    <Modal
      open
      title={`管理常用意见（${entry.label}）`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: save.isPending }}
      onOk={() => save.mutate()}
      onCancel={onClose}
    >
      <ul className="plain-list phrase-list" aria-label="我的常用意见">
        {draft.map((text) => (
          <li key={text} className="phrase-row">
            <span>{text}</span>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除：${text}`} onClick={() => setDraft(draft.filter((t) => t !== text))} />
          </li>
        ))}
        {draft.length === 0 && (
          <li>
            <Typography.Text type="secondary">没有常用意见；保存后将使用默认常用意见</Typography.Text>
          </li>
        )}
      </ul>
      <Space.Compact block>
        <Input
          aria-label="新的常用意见"
          placeholder="输入常用意见"
          maxLength={phrases.maxLength}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onPressEnter={add}
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!adding.trim() || draft.length >= phrases.maxPerDecision}>
          添加
        </Button>
      </Space.Compact>
      <Typography.Text type="secondary">
        每类最多{phrases.maxPerDecision}条，每条不超过{phrases.maxLength}个字
      </Typography.Text>
      {save.isError && <Alert type="error" showIcon title="未能保存" description={messageOf(save.error)} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
