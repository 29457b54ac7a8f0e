import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AttachmentBytesMissing, AttachmentStore } from '../../apps/api/src/attachments/attachment-store';
import { cleanFilename } from '../../apps/api/src/attachments/attachments.service';
import { recogniseAttachment } from '../../apps/api/src/attachments/recognise';
import { attachmentKind, contentDisposition } from '../../libs/domain/src';

/** A ZIP with the given entries, stored uncompressed: enough to be an Office Open XML file to a sniffer. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fname = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES_DOCX =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX = zip({ '[Content_Types].xml': CONTENT_TYPES_DOCX, 'word/document.xml': '<w:document/>' });
const PLAIN_ZIP = zip({ 'readme.txt': 'hello' });
const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);

describe('attachments: kinds by their bytes, and the directory store', () => {
  it('recognises every allowed kind by its bytes', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('荣誉').addRow(['山东省先进基层党组织']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await recogniseAttachment('事迹材料.pdf', PDF)).toEqual({ kind: 'pdf' });
    expect(await recogniseAttachment('活动照片.PNG', PNG)).toEqual({ kind: 'png' });
    expect(await recogniseAttachment('扫描件.jpg', JPEG)).toEqual({ kind: 'jpeg' });
    expect(await recogniseAttachment('扫描件.jpeg', JPEG)).toEqual({ kind: 'jpeg' });
    expect(await recogniseAttachment('事迹.docx', DOCX)).toEqual({ kind: 'docx' });
    expect(await recogniseAttachment('台账.xlsx', xlsx)).toEqual({ kind: 'xlsx' });
    expect(await recogniseAttachment('旧版.doc', OLE)).toEqual({ kind: 'doc' });
    expect(await recogniseAttachment('旧版.xls', OLE)).toEqual({ kind: 'xls' });
  });

  it('refuses bytes that are not what the name says, and names outside the allowed kinds', async () => {
    const refusals = await Promise.all([
      recogniseAttachment('伪装.pdf', EXE), // a program renamed to .pdf
      recogniseAttachment('notes.pdf', Buffer.from('just some text, not a PDF')),
      recogniseAttachment('压缩包.docx', PLAIN_ZIP), // a ZIP, but not a Word document
      recogniseAttachment('表格.xlsx', DOCX), // Word content under an Excel name
      recogniseAttachment('照片.jpg', PNG),
      recogniseAttachment('截断.png', PNG.subarray(0, 8)), // the signature alone is not a PNG
    ]);
    for (const r of refusals) expect(r).toEqual({ refused: expect.stringContaining('文件内容与扩展名') });
    expect(await recogniseAttachment('setup.exe', EXE)).toEqual({ refused: expect.stringContaining('不支持的附件类型') });
    expect(await recogniseAttachment('无扩展名', PDF)).toEqual({ refused: expect.stringContaining('仅可上传') });
    expect(attachmentKind('.pdf', 'pdf')).toHaveProperty('refused');
    expect(attachmentKind('a.pdf', undefined)).toHaveProperty('refused');
  });

  it('names a download for old clients and, in full, as RFC 5987 filename*', () => {
    expect(contentDisposition('主要事迹材料.pdf')).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('主要事迹材料.pdf')}`);
    expect(contentDisposition("report (1) it's.pdf")).toBe(`attachment; filename="report (1) it's.pdf"; filename*=UTF-8''report%20%281%29%20it%27s.pdf`);
    expect(contentDisposition('a"b;c.png')).toBe(`attachment; filename="a_b_c.png"; filename*=UTF-8''a%22b%3Bc.png`);
  });

  it('keeps a client file name without folders or control characters, shortened with its extension kept', () => {
    expect(cleanFilename('C:\\fakepath\\事迹.pdf')).toBe('事迹.pdf');
    expect(cleanFilename('../../etc/passwd.png')).toBe('passwd.png');
    expect(cleanFilename('a\r\nb.pdf')).toBe('ab.pdf');
    const long = cleanFilename(`${'党'.repeat(300)}.docx`);
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('党.docx')).toBe(true);
  });

  it('writes a file under its SHA-256 through a temporary name, and reads it back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-attachments-'));
    try {
      const store = new AttachmentStore(path.join(dir, 'nested'));
      expect(store.storage).toBe('directory');
      const put = await store.put(PDF);
      expect(put).toEqual({ sha256: AttachmentStore.sha256(PDF), data: null });
      expect(readdirSync(path.join(dir, 'nested'))).toEqual([put.sha256]); // no temporary file left behind
      expect(readFileSync(path.join(dir, 'nested', put.sha256))).toEqual(PDF);
      expect(await store.get({ storage: 'directory', data: null, sha256: put.sha256 })).toEqual(PDF);
      // The same content again (a retry, or the same scan on another nomination) is the same file.
      expect(await store.put(Buffer.from(PDF))).toEqual(put);
      expect(readdirSync(path.join(dir, 'nested'))).toEqual([put.sha256]);
      await expect(store.get({ storage: 'directory', data: null, sha256: AttachmentStore.sha256(PNG) })).rejects.toBeInstanceOf(AttachmentBytesMissing);

      const inDb = new AttachmentStore(undefined);
      expect(inDb.storage).toBe('database');
      expect(await inDb.put(PDF)).toEqual({ sha256: put.sha256, data: PDF });
      expect(await inDb.get({ storage: 'database', data: PDF, sha256: put.sha256 })).toEqual(PDF);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
