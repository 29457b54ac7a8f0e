import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { FieldProps } from '@rjsf/utils';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, idempotencyKey, messageOf, unwrap } from '../../../api/client';
import { downloadFile } from '../../../api/download';
import type { paths } from '../../../api/schema';

type TaskAttachment = paths['/tasks/{id}/attachments']['get']['responses'][200]['content']['application/json'][number];

/** What a schema form hands its fields: the task being decided. */
export interface TaskFormContext {
  taskId: string;
}

/** Pictures and scans a form may name (the server judges the file by its bytes). */
const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf';

/** Sends one file to the task (multipart, field `file`). */
function uploadToTask(taskId: string, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return unwrap(
    api.POST('/tasks/{id}/attachments', {
      params: { path: { id: taskId }, header: { 'Idempotency-Key': idempotencyKey() } },
      // openapi-fetch sends FormData as it is, with the browser's multipart boundary.
      body: body as unknown as { file: string },
      bodySerializer: (b) => b as unknown as FormData,
    }),
  );
}

export const taskAttachmentsKey = (taskId: string) => ['tasks', taskId, 'attachments'];

/**
 * A form field holding attachment ids (marked x-attachments in the task's
 * JSON Schema): each chosen file is uploaded to the task at once and its id
 * put in the field; the list names them, opens them, and takes them out of
 * the field. The server checks on submitting that every id is this task's.
 */
export function AttachmentIdsField({ formData, onChange, fieldPathId, schema, registry, disabled, readonly }: FieldProps<string[] | undefined>) {
  const { taskId } = registry.formContext as TaskFormContext;
  const ids = formData ?? [];
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(0);
  const uploaded = useQuery({
    queryKey: taskAttachmentsKey(taskId),
    queryFn: () => unwrap(api.GET('/tasks/{id}/attachments', { params: { path: { id: taskId } } })),
  });
  const byId = new Map<string, TaskAttachment>((uploaded.data ?? []).map((a) => [a.id, a]));
  const label = typeof schema.title === 'string' ? schema.title : '附件';
  // The field as last set here: several files may finish together, each adding to what the others added.
  const current = useRef(ids);
  useEffect(() => {
    current.current = formData ?? [];
  }, [formData]);
  const set = (next: string[]) => {
    current.current = next;
    onChange(next.length ? next : undefined, fieldPathId.path);
  };

  return (
    <div role="group" aria-label={label} className="attachment-ids-field">
      <Upload
        accept={ACCEPT}
        multiple
        showUploadList={false}
        disabled={disabled || readonly}
        customRequest={({ file, onSuccess, onError }) => {
          setFailure(null);
          setSending((n) => n + 1);
          uploadToTask(taskId, file as File)
            .then((a) => {
              set([...new Set([...current.current, a.id])]);
              void queryClient.invalidateQueries({ queryKey: taskAttachmentsKey(taskId) });
              onSuccess?.(a);
            })
            .catch((err: unknown) => {
              setFailure(`${(file as File).name}：${messageOf(err)}`);
              onError?.(err as Error);
            })
            .finally(() => setSending((n) => n - 1));
        }}
      >
        <Button icon={<UploadOutlined />} loading={sending > 0} disabled={disabled || readonly} aria-label={`上传${label}`} style={{ minHeight: 40 }}>
          上传{label}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        可上传 JPEG、PNG、WebP 图片或 PDF 扫描件，上传后随表单一并提交
      </Typography.Paragraph>
      {failure && <Alert type="error" showIcon role="alert" title="未能上传" description={failure} closable onClose={() => setFailure(null)} style={{ marginTop: 8 }} />}
      {ids.length > 0 && (
        <List
          size="small"
          aria-label={`已附上的${label}`}
          dataSource={ids}
          renderItem={(id) => {
            const a = byId.get(id);
            const name = a?.filename ?? '附件';
            return (
              <List.Item
                actions={[
                  <Button key="remove" type="text" danger icon={<DeleteOutlined />} aria-label={`移除 ${name}`} disabled={disabled || readonly} onClick={() => set(current.current.filter((x) => x !== id))}>
                    移除
                  </Button>,
                ]}
              >
                <Button
                  type="link"
                  icon={<PaperClipOutlined />}
                  style={{ paddingInline: 0, minHeight: 40, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
                  onClick={() => void downloadFile('/tasks/{id}/attachments/{attachmentId}', { path: { id: taskId, attachmentId: id } }, name).catch((err: unknown) => setFailure(messageOf(err)))}
                >
                  {name}
                </Button>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}
