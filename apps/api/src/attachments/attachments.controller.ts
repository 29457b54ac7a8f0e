import { Controller, Delete, Get, Header, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../../../../libs/domain/src';
import type { Request } from 'express';
import { MAX_ATTACHMENTS_PER_NOMINATION, contentDisposition } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { AttachmentsService } from './attachments.service';
import { AcceptsUpload } from './upload.interceptor';
import { Endpoint } from '../openapi/endpoint';
import { attachmentSummarySchema, attachmentUploadedExample, attachmentUploadedSchema, nominationDetailExample } from '../nominations/nomination.responses';

/** Attachments of a nomination (附件3's deeds material, photos, scans): the branch adds them while the nomination is open to change. */
@ApiTags('推荐申报')
@ApiBearerAuth()
@Controller('nominations/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @AcceptsUpload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', format: 'binary', description: '一个文件' } } } })
  @Endpoint({
    summary: `上传附件（申报人；PDF、JPEG、PNG、WebP、Word、Excel，按文件内容识别类型；单个不超过 ATTACHMENT_MAX_BYTES，每份申报最多${MAX_ATTACHMENTS_PER_NOMINATION}个）`,
    ok: { status: 201, description: '已保存的附件', schema: attachmentUploadedSchema, example: attachmentUploadedExample },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_EDITABLE', 'TOO_MANY_ATTACHMENTS', 'FILE_REQUIRED', 'INVALID_UPLOAD', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE'],
  })
  upload(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Req() req: Request) {
    return this.attachments.upload(p, id, req.file);
  }

  @Get()
  @Endpoint({
    summary: '附件列表',
    ok: { status: 200, description: '未删除的附件，按上传先后', schema: z.array(attachmentSummarySchema), example: [{ ...nominationDetailExample.attachments[0]!, kind: 'pdf' }] },
    errors: ['NOT_FOUND'],
  })
  list(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.attachments.list(p, id);
  }

  @Get(':attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({
    summary: '下载附件',
    ok: {
      status: 200,
      description: '附件内容，类型为上传时识别出的类型',
      files: [...new Set(Object.values(ATTACHMENT_KINDS).map((k) => k.contentType))],
      headers: { 'Content-Disposition': { description: 'attachment，附文件名（RFC 5987）', required: true, schema: { type: 'string' } } },
    },
    errors: ['NOT_FOUND', 'ATTACHMENT_MISSING'],
  })
  async download(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    const file = await this.attachments.download(p, id, attachmentId);
    return new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length, disposition: contentDisposition(file.filename) });
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Endpoint({ summary: '删除附件（申报人，审核办结前）', ok: { status: 204, description: '已删除' }, errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_EDITABLE'] })
  remove(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return this.attachments.remove(p, id, attachmentId);
  }
}
