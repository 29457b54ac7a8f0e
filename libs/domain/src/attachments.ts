/**
 * What a nomination may carry as attachments (deeds material, photos, scans):
 * the kinds the form's readers can open, recognised by their leading bytes
 * rather than by the name or the declared type, which anyone can change.
 */
export const ATTACHMENT_KINDS = {
  pdf: { label: 'PDF', extensions: ['pdf'], contentType: 'application/pdf' },
  jpeg: { label: 'JPEG 图片', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg' },
  png: { label: 'PNG 图片', extensions: ['png'], contentType: 'image/png' },
  docx: { label: 'Word 文档', extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { label: 'Excel 表格', extensions: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  doc: { label: 'Word 97-2003 文档', extensions: ['doc'], contentType: 'application/msword' },
  xls: { label: 'Excel 97-2003 表格', extensions: ['xls'], contentType: 'application/vnd.ms-excel' },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export const MAX_ATTACHMENTS_PER_NOMINATION = 10;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

/** The container a file's bytes say it is: PDF, JPEG, PNG, a ZIP (Office Open XML) or an OLE compound file (Office 97-2003). */
function container(bytes: Uint8Array): 'pdf' | 'jpeg' | 'png' | 'zip' | 'ole' | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return null;
}

/**
 * The kind of an uploaded file, or why it is refused. The extension chooses
 * among kinds sharing a container (docx/xlsx are both ZIPs; doc/xls both OLE);
 * the bytes must agree with it.
 */
export function attachmentKind(filename: string, bytes: Uint8Array): { kind: AttachmentKind } | { refused: string } {
  const allowed = Object.values(ATTACHMENT_KINDS).map((k) => k.label).join('、');
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const kind = (Object.keys(ATTACHMENT_KINDS) as AttachmentKind[]).find((k) => (ATTACHMENT_KINDS[k].extensions as readonly string[]).includes(ext));
  if (!kind) return { refused: `不支持的附件类型，仅可上传：${allowed}` };
  const found = container(bytes);
  const expected = kind === 'docx' || kind === 'xlsx' ? 'zip' : kind === 'doc' || kind === 'xls' ? 'ole' : kind;
  if (found !== expected) return { refused: `文件内容与扩展名“.${ext}”不符，仅可上传：${allowed}` };
  return { kind };
}
