import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { messageOf } from '../../api/client';
import { downloadFile } from '../../api/download';
import type { AttachmentLink } from './types';

/**
 * 佐证: the text given and the files attached (pictures, scans), each
 * downloaded from the task it was uploaded to, behind sign-in.
 */
export function EvidenceFiles({ text, files }: { text?: string | null; files: AttachmentLink[] }) {
  const { message } = App.useApp();
  if (!text && !files.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div className="wujin-cell">
      {text && <div>{text}</div>}
      {files.map((f) => (
        <Button
          key={f.id}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          style={{ paddingInline: 0, height: 'auto', minHeight: 40, whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => void downloadFile('/tasks/{id}/attachments/{attachmentId}', { path: { id: f.taskId, attachmentId: f.id } }, f.filename).catch((err: unknown) => void message.error(messageOf(err)))}
        >
          {f.filename}
        </Button>
      ))}
    </div>
  );
}
