import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { ATTACHMENT_KINDS, MAX_ATTACHMENTS_PER_NOMINATION, attachmentKind } from '../../../../libs/domain/src';
import { appendAudit } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { ApiError, conflict, forbidden, notFound } from '../common/api-error';
import { uuidParam } from '../common/validation';
import { NominationsService } from '../nominations/nominations.service';
import { APP_CONFIG } from '../tokens';
import { AttachmentStore } from './attachment-store';
import { UploadInterceptor } from './upload.interceptor';

const EDITABLE = ['under_review', 'returned'];

/** Attachments of a nomination (附件3's deeds material, photos, scans): the branch adds them while the nomination is open to change. */
@ApiTags('推荐申报')
@ApiBearerAuth()
@Controller('nominations/:id/attachments')
export class AttachmentsController {
  private readonly store: AttachmentStore;

  constructor(
    private readonly ds: DataSource,
    private readonly nominations: NominationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new AttachmentStore(config.ATTACHMENT_DIR);
  }

  private async editable(p: Principal, id: string) {
    const n = await this.nominations.visible(p, id);
    const grant = p.grantCovering('submitter', n.branchPath);
    if (!grant) throw forbidden('只有该党支部的申报人可以上传或删除附件');
    if (!EDITABLE.includes(n.status)) throw conflict('NOT_EDITABLE', '推荐申报已审核办结，不能再修改附件');
    return { n, grant };
  }

  @Post()
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '上传附件（PDF、图片、Word、Excel；单个不超过配置上限，每份申报最多10个）' })
  async upload(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Req() req: Request) {
    const { grant } = await this.editable(p, id);
    const file = req.file;
    if (!file || !file.size) throw new ApiError(HttpStatus.BAD_REQUEST, 'FILE_REQUIRED', '请选择要上传的文件（表单字段 file）');
    // Browsers send UTF-8 names that multer reads as latin1.
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 200);
    const kind = attachmentKind(filename, file.buffer);
    if ('refused' in kind) throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'ATTACHMENT_TYPE', kind.refused);
    const stored = await this.store.put(file.buffer);
    const attachmentId = randomUUID();
    await this.ds.transaction(async (em) => {
      // Counted under a lock on the nomination, so two uploads at once cannot pass the limit together.
      await em.query(`SELECT id FROM nominations WHERE id = $1 FOR UPDATE`, [id]);
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM attachments WHERE nomination_id = $1 AND deleted_at IS NULL`, [id]);
      if (n >= MAX_ATTACHMENTS_PER_NOMINATION) throw conflict('TOO_MANY_ATTACHMENTS', `每份推荐申报最多${MAX_ATTACHMENTS_PER_NOMINATION}个附件`);
      await em.query(
        `INSERT INTO attachments (id, nomination_id, filename, kind, content_type, size_bytes, sha256, storage, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attachmentId, id, filename, kind.kind, ATTACHMENT_KINDS[kind.kind].contentType, file.size, stored.sha256, this.store.storage, stored.data, p.userId],
      );
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'attachment.uploaded',
        subjectType: 'nomination',
        subjectId: id,
        after: { attachmentId, filename, sizeBytes: file.size, sha256: stored.sha256 },
      });
    });
    return { id: attachmentId, filename, kind: kind.kind, contentType: ATTACHMENT_KINDS[kind.kind].contentType, sizeBytes: file.size };
  }

  @Get()
  @ApiOperation({ summary: '附件列表' })
  async list(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    await this.nominations.visible(p, id);
    return this.ds.query(
      `SELECT id, filename, kind, content_type AS "contentType", size_bytes AS "sizeBytes", created_at AS "createdAt" FROM attachments WHERE nomination_id = $1 AND deleted_at IS NULL ORDER BY created_at`,
      [id],
    );
  }

  @Get(':attachmentId')
  @ApiOperation({ summary: '下载附件' })
  async download(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    await this.nominations.visible(p, id);
    const [row] = await this.ds.query(`SELECT filename, content_type, storage, data, sha256 FROM attachments WHERE id = $1 AND nomination_id = $2 AND deleted_at IS NULL`, [attachmentId, id]);
    if (!row) throw notFound('附件');
    return new StreamableFile(await this.store.get(row), { type: row.content_type, disposition: `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(row.filename)}` });
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: '删除附件（申报人，审核办结前）' })
  async remove(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('attachmentId', { schema: uuidParam }) attachmentId: string) {
    const { grant } = await this.editable(p, id);
    await this.ds.transaction(async (em) => {
      const removed = await em.query(`UPDATE attachments SET deleted_at = now() WHERE id = $1 AND nomination_id = $2 AND deleted_at IS NULL RETURNING filename`, [attachmentId, id]);
      if (!removed[1]) throw notFound('附件');
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'attachment.deleted',
        subjectType: 'nomination',
        subjectId: id,
        before: { attachmentId, filename: removed[0][0]?.filename },
      });
    });
  }
}
