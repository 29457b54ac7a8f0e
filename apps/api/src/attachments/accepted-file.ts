import { ATTACHMENT_KINDS, type AttachmentKind } from '../../../../libs/domain/src';
import { ApiError } from '../common/api-error';
import { AttachmentBytesMissing, type AttachmentStore } from './attachment-store';
import { recogniseAttachment } from './recognise';

/** What multer hands over for the `file` field (memory storage). */
export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** The client's file name as shown to readers: no folders, no control characters, at most 200 characters with the extension kept. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop()!.replace(/\p{Cc}/gu, '').trim();
  const chars = Array.from(base);
  if (chars.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(base.slice(dot)).slice(0, 10) : [];
  return [...chars.slice(0, 200 - ext.length), ...ext].join('');
}

export interface AcceptedFile {
  filename: string;
  kind: AttachmentKind;
  contentType: string;
  bytes: Buffer;
  size: number;
}

/**
 * An uploaded file as every owner of attachments takes it (a nomination, a
 * task): present and not empty, its name cleaned, its kind judged by its
 * bytes (the name only chooses among kinds sharing a container; the declared
 * content type is ignored). Refused in Chinese otherwise.
 */
export async function acceptFile(file: UploadedFile | undefined): Promise<AcceptedFile> {
  if (!file || !file.size) throw new ApiError('FILE_REQUIRED', '请选择要上传的文件（multipart/form-data 表单字段 file），文件不能为空');
  const filename = cleanFilename(file.originalname);
  const kind = await recogniseAttachment(filename, file.buffer);
  if ('refused' in kind) throw new ApiError('ATTACHMENT_TYPE', kind.refused);
  return { filename, kind: kind.kind, contentType: ATTACHMENT_KINDS[kind.kind].contentType, bytes: file.buffer, size: file.size };
}

/** A stored attachment's bytes, or 500 ATTACHMENT_MISSING when its file has gone from ATTACHMENT_DIR. */
export async function storedBytes(store: AttachmentStore, row: { storage: string; data: Buffer | null; sha256: string }): Promise<Buffer> {
  try {
    return await store.get(row);
  } catch (err) {
    if (err instanceof AttachmentBytesMissing) throw new ApiError('ATTACHMENT_MISSING', '附件文件已丢失，请联系管理员');
    throw err;
  }
}
