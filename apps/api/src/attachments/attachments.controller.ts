import { Controller, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { MAX_ATTACHMENTS_PER_NOMINATION } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { nominationDetailExample } from '../nominations/nomination.responses';
import { DeleteAttachment, DownloadAttachment, ListAttachments, UploadAttachment, attachmentFile } from './attachment-endpoints';
import { NOMINATION_ATTACHMENTS } from './attachment-owner';
import { AttachmentsService } from './attachments.service';

/** Attachments of a nomination (附件3's deeds material, photos, scans): the branch adds them while the nomination is open to change. */
@ApiTags('推荐申报')
@ApiBearerAuth()
@Controller('nominations/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @UploadAttachment(NOMINATION_ATTACHMENTS, {
    summary: `上传附件（申报人；PDF、JPEG、PNG、WebP、Word、Excel，按文件内容识别类型；单个不超过 ATTACHMENT_MAX_BYTES，每份申报最多${MAX_ATTACHMENTS_PER_NOMINATION}个）`,
  })
  upload(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Req() req: Request) {
    return this.attachments.upload(p, id, req.file);
  }

  @ListAttachments('附件列表', { ...nominationDetailExample.attachments[0]!, kind: 'pdf' })
  list(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.attachments.list(p, id);
  }

  @DownloadAttachment('下载附件')
  async download(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return attachmentFile(await this.attachments.download(p, id, attachmentId));
  }

  @DeleteAttachment(NOMINATION_ATTACHMENTS, '删除附件（申报人，审核办结前）')
  remove(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return this.attachments.remove(p, id, attachmentId);
  }
}
