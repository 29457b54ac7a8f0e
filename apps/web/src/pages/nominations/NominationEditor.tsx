import { Alert, App, Button, Card, Form, Popconfirm, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { messageOf } from '../../api/client';
import { useSubmission } from '../../api/useSubmission';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AttachmentDropzone, PendingFiles } from './AttachmentDropzone';
import { uploadAttachment } from './attachments';
import { type Draft, clearDraft, readDraft, saveDraft } from './draft';
import { NominationFields } from './NominationFields';
import type { NominationFormValues } from './types';

export type EditorValues = { form: NominationFormValues; campaignYear?: number };

interface Props {
  userId: string;
  /** Where the draft is kept for this user (the branch, and the nomination when resubmitting). */
  draftKey: string;
  initial: Partial<EditorValues>;
  /** Sends the form; answers the nomination's id. `key` is stable across retries of one attempt. */
  send: (values: EditorValues, key: string) => Promise<string>;
  submitLabel: string;
  confirm: string;
  /** Attachments the nomination carries already, toward the limit. */
  attached?: number;
  /** Fields before 附件3's own (e.g. the year). */
  before?: ReactNode;
}

/**
 * 附件3 being filled in: checked as the server checks it, kept as a draft in this browser until it is sent,
 * with files dropped in that are sent once the nomination exists. A refusal is shown above the buttons and
 * nothing typed is lost.
 */
export function NominationEditor({ userId, draftKey, initial, send, submitLabel, confirm, attached = 0, before }: Props) {
  const [form] = Form.useForm<EditorValues>();
  const [restored, setRestored] = useState<Draft | null>(() => readDraft(userId, draftKey));
  const [discarded, setDiscarded] = useState(false);
  // Once the draft is discarded, the form starts again from what it was given.
  useEffect(() => {
    if (discarded) form.resetFields();
  }, [discarded, form]);
  const [files, setFiles] = useState<File[]>([]);
  const submission = useSubmission();
  const { error, setError, run } = submission;
  // The attachments go up after the nomination exists; the form stays busy until they have.
  const [uploading, setUploading] = useState(false);
  const busy = submission.busy || uploading;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const submit = async () => {
    let values: EditorValues;
    try {
      values = await form.validateFields();
    } catch {
      setError(null);
      return;
    }
    const sent = await run((key) => send(values, key));
    if (!sent.ok) return;
    const id = sent.value;
    clearDraft(userId, draftKey);
    const failed: string[] = [];
    setUploading(true);
    for (const f of files) {
      try {
        await uploadAttachment(id, f);
      } catch (err) {
        failed.push(`${f.name}：${messageOf(err)}`);
      }
    }
    setUploading(false);
    await queryClient.invalidateQueries({ queryKey: ['nominations'] });
    void message.success('推荐申报已提交');
    void navigate(`/nominations/${id}`, { state: { uploadFailures: failed } });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={restored?.values ?? initial}
      onValuesChange={(_, all) => saveDraft(userId, draftKey, all)}
      scrollToFirstError
      className="nomination-form"
    >
      {restored && (
        <Alert
          type="info"
          showIcon
          className="nomination-gap"
          title={`已恢复您在${formatDateTime(restored.savedAt)}未提交的草稿`}
          description="附件未随草稿保存，请重新添加。"
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft(userId, draftKey);
                setRestored(null);
                setDiscarded(true);
              }}
            >
              放弃草稿
            </Button>
          }
        />
      )}
      {before}
      <NominationFields />
      <Card size="small" title="附件（事迹材料、照片、扫描件）" className="nomination-gap">
        <AttachmentDropzone count={attached + files.length} onAccept={(f) => setFiles((all) => [...all, f])} disabled={busy} />
        <PendingFiles files={files} onRemove={(f) => setFiles((all) => all.filter((x) => x !== f))} />
        {files.length > 0 && <Typography.Text type="secondary">附件在申报提交后上传。</Typography.Text>}
      </Card>
      {error !== null && <ErrorAlert error={error} />}
      <Space wrap className="nomination-gap">
        <Popconfirm title={confirm} okText="确认提交" cancelText="再看看" onConfirm={() => void submit()}>
          <Button type="primary" loading={busy}>
            {submitLabel}
          </Button>
        </Popconfirm>
        <Button onClick={() => void navigate('/nominations')}>返回列表</Button>
      </Space>
    </Form>
  );
}
