/**
 * What a nomination or a task may carry as attachments (deeds material, photos, scans):
 * the kinds the form's readers can open, recognised by their bytes rather than
 * by the name or the declared type, which anyone can change.
 *
 * `detectedAs` is how a content sniffer (the API uses the npm package
 * `file-type`) names the bytes: `pdf`, `jpg`, `png`, `webp`, `docx`, `xlsx`, or `cfb`
 * for an OLE compound file, the container of Word and Excel 97-2003 files.
 */
export const ATTACHMENT_KINDS = {
  pdf: { label: 'PDF', extensions: ['pdf'], contentType: 'application/pdf', detectedAs: ['pdf'] },
  jpeg: { label: 'JPEG 图片', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', detectedAs: ['jpg'] },
  png: { label: 'PNG 图片', extensions: ['png'], contentType: 'image/png', detectedAs: ['png'] },
  webp: { label: 'WebP 图片', extensions: ['webp'], contentType: 'image/webp', detectedAs: ['webp'] },
  docx: { label: 'Word 文档', extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', detectedAs: ['docx'] },
  xlsx: { label: 'Excel 表格', extensions: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detectedAs: ['xlsx'] },
  doc: { label: 'Word 97-2003 文档', extensions: ['doc'], contentType: 'application/msword', detectedAs: ['cfb', 'doc'] },
  xls: { label: 'Excel 97-2003 表格', extensions: ['xls'], contentType: 'application/vnd.ms-excel', detectedAs: ['cfb', 'xls'] },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export const MAX_ATTACHMENTS_PER_NOMINATION = 10;

/** The allowed kinds, as a refusal names them. */
export const ALLOWED_ATTACHMENT_LABELS = Object.values(ATTACHMENT_KINDS)
  .map((k) => `${k.label}（.${k.extensions.join('/.')}）`)
  .join('、');

/**
 * The kind of an uploaded file, or why it is refused. Both the extension and
 * the bytes must name the same allowed kind; the extension only chooses
 * between kinds sharing a container (an OLE file is a .doc or an .xls).
 */
export function attachmentKind(filename: string, detectedAs: string | undefined): { kind: AttachmentKind } | { refused: string } {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  const kind = (Object.keys(ATTACHMENT_KINDS) as AttachmentKind[]).find((k) => (ATTACHMENT_KINDS[k].extensions as readonly string[]).includes(ext));
  if (!kind) return { refused: `不支持的附件类型，仅可上传：${ALLOWED_ATTACHMENT_LABELS}` };
  if (!detectedAs || !(ATTACHMENT_KINDS[kind].detectedAs as readonly string[]).includes(detectedAs)) {
    return { refused: `文件内容与扩展名“.${ext}”不符（不是有效的${ATTACHMENT_KINDS[kind].label}），仅可上传：${ALLOWED_ATTACHMENT_LABELS}` };
  }
  return { kind };
}

/**
 * A `Content-Disposition` value for a download: an ASCII fallback name for old
 * clients and the real (e.g. Chinese) name as RFC 5987/6266 `filename*`.
 */
export function contentDisposition(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 && /^[A-Za-z0-9]{1,8}$/.test(filename.slice(dot + 1)) ? filename.slice(dot) : '';
  // A plain ASCII name as it is (quotes and the like made harmless); anything else, e.g. Chinese, as "attachment.<ext>".
  const fallback = /^[\x20-\x7e]+$/.test(filename) ? filename.replace(/["\\%;]/g, '_') : `attachment${ext}`;
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987 attr-char allows only ! of those.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
