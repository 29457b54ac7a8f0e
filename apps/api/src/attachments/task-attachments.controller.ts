import { Controller, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ALLOWED_ATTACHMENT_LABELS, MAX_ATTACHMENTS_PER_TASK } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { attachmentUploadedExample } from '../nominations/nomination.responses';
import { DeleteAttachment, DownloadAttachment, ListAttachments, UploadAttachment, attachmentFile } from './attachment-endpoints';
import { TASK_ATTACHMENTS } from './attachment-owner';
import { TaskAttachmentsService } from './task-attachments.service';

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

  @UploadAttachment(TASK_ATTACHMENTS, {
    summary: `上传任务附件（该任务的办理人，任务办结前；按文件内容识别类型：${ALLOWED_ATTACHMENT_LABELS}；单个不超过 ATTACHMENT_MAX_BYTES，每项任务最多${MAX_ATTACHMENTS_PER_TASK}个）`,
    description: '返回的附件编号填入任务表单中的附件字段（JSON Schema 中标有 x-attachments 的字段，如自评的佐证附件），办理时核对每个编号都是本任务的附件。',
  })
  upload(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Req() req: Request) {
    return this.attachments.upload(p, id, req.file);
  }

  @ListAttachments('任务附件列表（可查看该任务的人员，含上级审核人员）', {
    id: attachmentUploadedExample.id,
    filename: '支部活动照片.png',
    kind: 'png',
    contentType: 'image/png',
    sizeBytes: 48213,
    createdAt: '2026-03-02T02:00:00.000Z',
  })
  list(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.attachments.list(p, id);
  }

  @DownloadAttachment('下载任务附件（可查看该任务的人员，含上级审核人员）')
  async download(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return attachmentFile(await this.attachments.download(p, id, attachmentId));
  }

  @DeleteAttachment(TASK_ATTACHMENTS, '删除任务附件（该任务的办理人，任务办结前）')
  remove(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return this.attachments.remove(p, id, attachmentId);
  }
}
