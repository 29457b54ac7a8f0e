import { Controller, Delete, Get, Header, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { ALLOWED_ATTACHMENT_LABELS, ATTACHMENT_KINDS, MAX_ATTACHMENTS_PER_TASK, contentDisposition } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { attachmentSummarySchema, attachmentUploadedExample, attachmentUploadedSchema } from '../nominations/nomination.responses';
import { Endpoint } from '../openapi/endpoint';
import { TaskAttachmentsService } from './task-attachments.service';
import { AcceptsUpload } from './upload.interceptor';

const summaryExample: z.infer<typeof attachmentSummarySchema> = {
  id: attachmentUploadedExample.id,
  filename: '支部活动照片.png',
  kind: 'png',
  contentType: 'image/png',
  sizeBytes: 48213,
  createdAt: '2026-03-02T02:00:00.000Z',
};

/**
 * Attachments of a task: the pictures and scans a form names as evidence
 * (e.g. a branch's self-assessment, a brand filing). Uploaded before the task
 * is decided; the form's attachment fields then carry their ids.
 */
@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks/:id/attachments')
export class TaskAttachmentsController {
  constructor(private readonly attachments: TaskAttachmentsService) {}

  @Post()
  @AcceptsUpload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', format: 'binary', description: '一个文件' } } } })
  @Endpoint({
    summary: `上传任务附件（该任务的办理人，任务办结前；按文件内容识别类型：${ALLOWED_ATTACHMENT_LABELS}；单个不超过 ATTACHMENT_MAX_BYTES，每项任务最多${MAX_ATTACHMENTS_PER_TASK}个）`,
    description: '返回的附件编号填入任务表单中的附件字段（JSON Schema 中标有 x-attachments 的字段，如自评的佐证附件），办理时核对每个编号都是本任务的附件。',
    ok: { status: 201, description: '已保存的附件', schema: attachmentUploadedSchema, example: attachmentUploadedExample },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'TASK_NOT_OPEN', 'TOO_MANY_ATTACHMENTS', 'FILE_REQUIRED', 'INVALID_UPLOAD', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE'],
  })
  upload(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Req() req: Request) {
    return this.attachments.upload(p, id, req.file);
  }

  @Get()
  @Endpoint({
    summary: '任务附件列表（可查看该任务的人员，含上级审核人员）',
    ok: { status: 200, description: '未删除的附件，按上传先后', schema: z.array(attachmentSummarySchema), example: [summaryExample] },
    errors: ['NOT_FOUND'],
  })
  list(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.attachments.list(p, id);
  }

  @Get(':attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({
    summary: '下载任务附件（可查看该任务的人员，含上级审核人员）',
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
  @Endpoint({ summary: '删除任务附件（该任务的办理人，任务办结前）', ok: { status: 204, description: '已删除' }, errors: ['FORBIDDEN', 'NOT_FOUND', 'TASK_NOT_OPEN'] })
  remove(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return this.attachments.remove(p, id, attachmentId);
  }
}
