import { PaperClipOutlined } from '@ant-design/icons';
import { App, List, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { downloadFile } from '../../api/download';
import { messageOf } from '../../api/client';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTime } from '../../format';
import { AttachmentDropzone } from './AttachmentDropzone';
import { formatSize, uploadAttachment } from './attachments';
import type { NominationDetail } from './types';

/** The nomination's attachments, each downloadable; the submitter adds more while it is open to change. */
export function AttachmentList({ nomination, editable }: { nomination: NominationDetail; editable: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const add = async (file: File) => {
    try {
      await uploadAttachment(nomination.id, file);
      void message.success(`已上传：${file.name}`);
    } catch (err) {
      void message.error(`${file.name}：${messageOf(err)}`);
    }
    await queryClient.invalidateQueries({ queryKey: ['nominations', nomination.id] });
  };
  return (
    <>
      <div role="group" aria-label="附件">
        <List
          size="small"
          locale={{ emptyText: '暂无附件' }}
          dataSource={nomination.attachments}
          renderItem={(a) => (
            <List.Item
              actions={[
                <DownloadButton
                  key="download"
                  label="下载"
                  download={() => downloadFile('/nominations/{id}/attachments/{attachmentId}', { path: { id: nomination.id, attachmentId: a.id } }, a.filename)}
                />,
              ]}
            >
              <span className="file-line">
                <PaperClipOutlined /> <Typography.Text ellipsis>{a.filename}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatSize(a.sizeBytes)} · {formatDateTime(a.createdAt)}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      </div>
      {editable && <AttachmentDropzone count={nomination.attachments.length} onAccept={(f) => void add(f)} />}
    </>
  );
}
