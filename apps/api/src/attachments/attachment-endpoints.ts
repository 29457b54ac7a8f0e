import { Delete, Get, Header, HttpCode, Post, StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { z } from 'zod';
import { ATTACHMENT_KINDS, contentDisposition } from '../../../../libs/domain/src';
import { attachmentSummarySchema, attachmentUploadedExample, attachmentUploadedSchema } from '../nominations/nomination.responses';
import { Endpoint } from '../openapi/endpoint';
import type { AttachmentOwner } from './attachment-owner';
import type { DownloadedAttachment } from './attachment-rows';
import { AcceptsUpload } from './upload.interceptor';

/*
 * The four routes every owner of attachments serves under its own path
 * (`<owner>/:id/attachments`), documented alike; each controller names only
 * its summaries and the owner whose closing refuses a change.
 */

interface Described {
  summary: string;
  description?: string;
}

/** POST: one file as multipart/form-data (field `file`), read by the upload interceptor. */
export const UploadAttachment = (owner: AttachmentOwner, doc: Described) =>
  applyDecorators(
    Post(),
    AcceptsUpload(),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', format: 'binary', description: '一个文件' } } } }),
    Endpoint({
      ...doc,
      ok: { status: 201, description: '已保存的附件', schema: attachmentUploadedSchema, example: attachmentUploadedExample },
      errors: ['FORBIDDEN', 'NOT_FOUND', owner.closed.code, 'TOO_MANY_ATTACHMENTS', 'FILE_REQUIRED', 'INVALID_UPLOAD', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE'],
    }),
  );

/** GET: the live attachments, in upload order. */
export const ListAttachments = (summary: string, example: z.infer<typeof attachmentSummarySchema>) =>
  applyDecorators(
    Get(),
    Endpoint({ summary, ok: { status: 200, description: '未删除的附件，按上传先后', schema: z.array(attachmentSummarySchema), example: [example] }, errors: ['NOT_FOUND'] }),
  );

/** GET :attachmentId: the bytes, as the kind recognised at upload, never sniffed nor cached; answer with `attachmentFile`. */
export const DownloadAttachment = (summary: string) =>
  applyDecorators(
    Get(':attachmentId'),
    Header('X-Content-Type-Options', 'nosniff'),
    Header('Cache-Control', 'private, no-store'),
    Endpoint({
      summary,
      ok: {
        status: 200,
        description: '附件内容，类型为上传时识别出的类型',
        files: [...new Set(Object.values(ATTACHMENT_KINDS).map((k) => k.contentType))],
        headers: { 'Content-Disposition': { description: 'attachment，附文件名（RFC 5987）', required: true, schema: { type: 'string' } } },
      },
      errors: ['NOT_FOUND', 'ATTACHMENT_MISSING'],
    }),
  );

/** DELETE :attachmentId: 204, refused once the owner is closed. */
export const DeleteAttachment = (owner: AttachmentOwner, summary: string) =>
  applyDecorators(
    Delete(':attachmentId'),
    HttpCode(204),
    Endpoint({ summary, ok: { status: 204, description: '已删除' }, errors: ['FORBIDDEN', 'NOT_FOUND', owner.closed.code] }),
  );

/** A downloaded attachment as the response: its type, length, and a Content-Disposition naming the file. */
export const attachmentFile = (file: DownloadedAttachment) =>
  new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length, disposition: contentDisposition(file.filename) });
