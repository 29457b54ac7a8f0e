import { DeleteOutlined, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../components/QueryState';
import { formatSize, kindOf, refusalOf, useAttachmentRules } from './attachments';

interface Props {
  /** How many the nomination carries already (or has chosen), toward the limit. */
  count: number;
  /** A file that passed the server's checks. */
  onAccept: (file: File) => void;
  disabled?: boolean;
}

/** Drag and drop (or pick) files; each is checked against the server's limits before it is accepted. */
export function AttachmentDropzone({ count, onAccept, disabled }: Props) {
  const rules = useAttachmentRules();
  const [refused, setRefused] = useState<string[]>([]);
  if (rules.isError) return <LoadError error={rules.error} retry={() => void rules.refetch()} />;
  const r = rules.data;
  let seen = count;
  return (
    <>
      <Upload.Dragger
        multiple
        disabled={disabled || !r}
        showUploadList={false}
        accept={r?.kinds.flatMap((k) => k.extensions.map((e) => `.${e}`)).join(',')}
        beforeUpload={(file, batch) => {
          if (!r) return false;
          if (file === batch[0]) {
            seen = count;
            setRefused([]);
          }
          const why = refusalOf(r, file, seen);
          if (why) setRefused((all) => [...all, `${file.name}：${why}`]);
          else {
            seen++;
            onAccept(file);
          }
          // Nothing is sent here: the form sends the files once the nomination exists.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">将附件拖到此处，或点击选择文件</p>
        <p className="ant-upload-hint">
          {r ? `${r.kinds.map((k) => k.label).join('、')}；单个不超过${formatSize(r.maxBytes)}，每份申报最多${r.maxCount}个` : '正在读取附件要求…'}
        </p>
      </Upload.Dragger>
      {refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="nomination-gap"
          title="以下文件未添加"
          description={
            <ul className="plain-list">
              {refused.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
          closable
          onClose={() => setRefused([])}
        />
      )}
    </>
  );
}

/** Files chosen but not yet sent, each with its type and size. */
export function PendingFiles({ files, onRemove }: { files: File[]; onRemove: (f: File) => void }) {
  const rules = useAttachmentRules();
  if (files.length === 0) return null;
  return (
    <div role="group" aria-label="待上传的附件">
      <List
        size="small"
        dataSource={files}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button key="remove" type="text" danger icon={<DeleteOutlined />} aria-label={`移除 ${f.name}`} onClick={() => onRemove(f)}>
                移除
              </Button>,
            ]}
          >
            <span className="file-line">
              <PaperClipOutlined /> <Typography.Text ellipsis>{f.name}</Typography.Text>
              <Typography.Text type="secondary">
                {(rules.data && kindOf(rules.data, f.name)?.label) ?? '未知类型'} · {formatSize(f.size)}
              </Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}
