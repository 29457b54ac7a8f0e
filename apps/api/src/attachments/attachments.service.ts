import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { MAX_ATTACHMENTS_PER_NOMINATION, type NominationStatus } from '../../../../libs/domain/src';
import { type NominationEntity, appendAudit } from '../../../../libs/persistence/src';
import type { Principal, RoleGrant } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { NominationsService } from '../nominations/nominations.service';
import { APP_CONFIG } from '../tokens';
import { type AttachmentSummary, listAttachments } from './attachment-list';
import { type UploadedFile, acceptFile, storedBytes } from './accepted-file';
import { AttachmentStore } from './attachment-store';

/** While the nomination is still open to change by its branch. */
const EDITABLE: readonly NominationStatus[] = ['under_review', 'returned'];

export { cleanFilename, type UploadedFile } from './accepted-file';

/**
 * Attachments of a nomination (附件3's deeds material, photos, scans). The
 * branch's submitter adds and removes them while the nomination is under
 * review or returned; whoever may see the nomination may list and download.
 */
@Injectable()
export class AttachmentsService {
  private readonly store: AttachmentStore;

  constructor(
    private readonly ds: DataSource,
    private readonly nominations: NominationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new AttachmentStore(config.ATTACHMENT_DIR);
  }

  /** 404 when the caller cannot see the nomination, 403 when not its branch's submitter, 409 once its review is over. */
  private async editable(p: Principal, id: string): Promise<{ nomination: NominationEntity; grant: RoleGrant }> {
    const nomination = await this.nominations.visible(p, id);
    const grant = p.grantCovering('submitter', nomination.branchPath);
    if (!grant) throw forbidden('只有该党支部的申报人可以上传或删除附件');
    if (!EDITABLE.includes(nomination.status)) throw notEditable();
    return { nomination, grant };
  }

  async upload(p: Principal, id: string, file: UploadedFile | undefined) {
    const { grant } = await this.editable(p, id);
    const { filename, kind, contentType, bytes, size } = await acceptFile(file);

    // Directory mode writes the file before the row (see AttachmentStore): a refused or failed insert leaves at most an unreferenced file named by its own hash.
    const stored = await this.store.put(bytes);
    const attachmentId = randomUUID();
    await this.ds.transaction(async (em) => {
      // Under a lock on the nomination: two uploads at once cannot pass the limit together, nor one slip in as the review closes.
      const [locked] = await em.query(`SELECT status FROM nominations WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked || !EDITABLE.includes(locked.status)) throw notEditable();
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM attachments WHERE nomination_id = $1 AND deleted_at IS NULL`, [id]);
      if (n >= MAX_ATTACHMENTS_PER_NOMINATION) throw new ApiError('TOO_MANY_ATTACHMENTS', `每份推荐申报最多${MAX_ATTACHMENTS_PER_NOMINATION}个附件，请先删除不需要的附件`);
      await em.query(
        `INSERT INTO attachments (id, nomination_id, filename, kind, content_type, size_bytes, sha256, storage, data, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attachmentId, id, filename, kind, contentType, size, stored.sha256, this.store.storage, stored.data, p.userId],
      );
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'attachment.uploaded',
        subjectType: 'nomination',
        subjectId: id,
        after: { attachmentId, filename, kind, sizeBytes: size, sha256: stored.sha256, storage: this.store.storage },
      });
    });
    return { id: attachmentId, filename, kind, contentType, sizeBytes: size, sha256: stored.sha256 };
  }

  async list(p: Principal, id: string): Promise<AttachmentSummary[]> {
    await this.nominations.visible(p, id);
    return listAttachments(this.ds, id);
  }

  async download(p: Principal, id: string, attachmentId: string): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
    await this.nominations.visible(p, id);
    const [row] = await this.ds.query(
      `SELECT filename, content_type, storage, data, sha256 FROM attachments WHERE id = $1 AND nomination_id = $2 AND deleted_at IS NULL`,
      [attachmentId, id],
    );
    if (!row) throw notFound('附件');
    return { filename: row.filename, contentType: row.content_type, bytes: await storedBytes(this.store, row) };
  }

  /** Removes it from the nomination; the row (and its bytes) stay, marked deleted, for the record the audit trail points to. */
  async remove(p: Principal, id: string, attachmentId: string): Promise<void> {
    const { grant } = await this.editable(p, id);
    await this.ds.transaction(async (em) => {
      const [locked] = await em.query(`SELECT status FROM nominations WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked || !EDITABLE.includes(locked.status)) throw notEditable();
      const [rows] = await em.query(
        `UPDATE attachments SET deleted_at = now() WHERE id = $1 AND nomination_id = $2 AND deleted_at IS NULL RETURNING filename, sha256`,
        [attachmentId, id],
      );
      const removed = rows[0] as { filename: string; sha256: string } | undefined;
      if (!removed) throw notFound('附件');
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'attachment.deleted',
        subjectType: 'nomination',
        subjectId: id,
        before: { attachmentId, filename: removed.filename, sha256: removed.sha256 },
      });
    });
  }
}

const notEditable = () => new ApiError('NOT_EDITABLE', '推荐申报已审核办结，不能再上传或删除附件');
