import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AttachmentStore } from '../../apps/api/src/attachments/attachment-store';
import { attachmentKind } from '../../libs/domain/src';

describe('attachments: kinds by their bytes, and the directory store', () => {
  it('recognises the allowed kinds by their leading bytes and refuses a mismatch', () => {
    expect(attachmentKind('a.pdf', Buffer.from('%PDF-1.4'))).toEqual({ kind: 'pdf' });
    expect(attachmentKind('a.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: 'jpeg' });
    expect(attachmentKind('a.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toEqual({ kind: 'docx' });
    expect(attachmentKind('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ kind: 'xls' });
    expect(attachmentKind('a.pdf', Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toHaveProperty('refused');
    expect(attachmentKind('a.exe', Buffer.from('MZ'))).toHaveProperty('refused');
    expect(attachmentKind('noext', Buffer.from('%PDF-'))).toHaveProperty('refused');
  });

  it('writes a file under its SHA-256 through a temporary name, and reads it back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-attachments-'));
    try {
      const store = new AttachmentStore(dir);
      const bytes = Buffer.from('%PDF-1.7 content');
      const put = await store.put(bytes);
      expect(put.data).toBeNull();
      expect(readdirSync(dir)).toEqual([put.sha256]);
      expect(readFileSync(path.join(dir, put.sha256))).toEqual(bytes);
      expect(await store.get({ storage: 'directory', data: null, sha256: put.sha256 })).toEqual(bytes);
      const inDb = await new AttachmentStore(undefined).put(bytes);
      expect(inDb).toEqual({ sha256: put.sha256, data: bytes });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
