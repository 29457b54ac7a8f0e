import { Controller, Delete, Get, Header, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { MAX_ATTACHMENTS_PER_NOMINATION, contentDisposition } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { AttachmentsService } from './attachments.service';
import { AcceptsUpload } from './upload.interceptor';

/** Attachments of a nomination (附件3's deeds material, photos, scans): the branch adds them while the nomination is open to change. */
@ApiTags('推荐申报')
@ApiBearerAuth()
@Controller('nominations/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @AcceptsUpload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary: `上传附件（申报人；PDF、JPEG、PNG、Word、Excel，按文件内容识别类型；单个不超过 ATTACHMENT_MAX_BYTES，每份申报最多${MAX_ATTACHMENTS_PER_NOMINATION}个）`,
  })
  upload(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Req() req: Request) {
    return this.attachments.upload(p, id, req.file);
  }

  @Get()
  @ApiOperation({ summary: '附件列表' })
  list(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.attachments.list(p, id);
  }

  @Get(':attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: '下载附件' })
  async download(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    const file = await this.attachments.download(p, id, attachmentId);
    return new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length, disposition: contentDisposition(file.filename) });
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: '删除附件（申报人，审核办结前）' })
  remove(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    return this.attachments.remove(p, id, attachmentId);
  }
}
