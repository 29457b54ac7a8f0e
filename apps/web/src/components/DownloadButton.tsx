import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api/client';

/** A button that downloads a file behind sign-in and shows a refusal in Chinese; `printable` marks the PDF for printing. */
/** `name`: what a screen reader says when the label alone is ambiguous (several 打印（PDF） side by side). */
export function DownloadButton({ label, download, printable = false, name }: { label: string; download: () => Promise<void>; printable?: boolean; name?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={printable ? <PrinterOutlined /> : <DownloadOutlined />}
      loading={busy}
      aria-label={name}
      onClick={async () => {
        setBusy(true);
        try {
          await download();
        } catch (err) {
          void message.error(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
