import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import type { AttachmentKind } from '../../../../libs/domain/src';
import { appendAudit, changedRows } from '../../../../libs/persistence/src';
import type { Principal, RoleGrant } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { APP_CONFIG } from '../tokens';
import { type UploadedFile, acceptFile, storedBytes } from './accepted-file';
import { type AttachmentOwner, closedRefusal } from './attachment-owner';
import { AttachmentStore } from './attachment-store';

export interface AttachmentSummary {
  id: string;
  filename: string;
  kind: AttachmentKind;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
}

/** Who adds or removes an attachment, and under which of their grants the audit row names them. */
export interface AttachmentActor {
  principal: Principal;
  grant: Pick<RoleGrant, 'role' | 'organisationId'>;
}

/** The live attachments of one owner, in upload order (also shown in a nomination's detail). */
export async function listAttachments(ds: DataSource, owner: AttachmentOwner, ownerId: string): Promise<AttachmentSummary[]> {
  const rows: Array<AttachmentSummary & { sizeBytes: number | string }> = await ds.query(
    `SELECT id, filename, kind, content_type AS "contentType", size_bytes AS "sizeBytes", created_at AS "createdAt"
       FROM attachments WHERE ${owner.column} = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [ownerId],
  );
  return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
}

/**
 * The attachment rows of any owner (a nomination, a task): one store, one
 * recognition, one way to count, insert, list, read and delete, each change
 * audited against the owner. Who may act and who may read is the owner's
 * service's business, checked before it calls here.
 */
@Injectable()
export class AttachmentRows {
  private readonly store: AttachmentStore;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new AttachmentStore(config.ATTACHMENT_DIR);
  }

  async add(owner: AttachmentOwner, ownerId: string, actor: AttachmentActor, file: UploadedFile | undefined) {
    const { filename, kind, contentType, bytes, size } = await acceptFile(file);
    // Directory mode writes the file before the row (see AttachmentStore): a refused or failed insert leaves at most an unreferenced file named by its own hash.
    const stored = await this.store.put(bytes);
    const attachmentId = randomUUID();
    const { storage } = this.store;
    await this.ds.transaction(async (em) => {
      // Under a lock on the owner: two uploads at once cannot pass the limit together, nor one slip in as the owner closes.
      await lockEditable(em, owner, ownerId);
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM attachments WHERE ${owner.column} = $1 AND deleted_at IS NULL`, [ownerId]);
      if (n >= owner.limit) throw new ApiError('TOO_MANY_ATTACHMENTS', owner.tooMany);
      await em.query(
        `INSERT INTO attachments (id, ${owner.column}, filename, kind, content_type, size_bytes, sha256, storage, data, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attachmentId, ownerId, filename, kind, contentType, size, stored.sha256, storage, stored.data, actor.principal.userId],
      );
      await audit(em, owner, ownerId, actor, 'attachment.uploaded', {
        after: { attachmentId, filename, kind, sizeBytes: size, sha256: stored.sha256, storage },
      });
    });
    return { id: attachmentId, filename, kind, contentType, sizeBytes: size, sha256: stored.sha256 };
  }

  list(owner: AttachmentOwner, ownerId: string): Promise<AttachmentSummary[]> {
    return listAttachments(this.ds, owner, ownerId);
  }

  /** A live attachment of this owner with its bytes; 404 for another owner's, a deleted one or none. */
  async read(owner: AttachmentOwner, ownerId: string, attachmentId: string): Promise<DownloadedAttachment> {
    const [row] = await this.ds.query(
      `SELECT filename, content_type, storage, data, sha256 FROM attachments WHERE id = $1 AND ${owner.column} = $2 AND deleted_at IS NULL`,
      [attachmentId, ownerId],
    );
    if (!row) throw notFound('附件');
    return { filename: row.filename, contentType: row.content_type, bytes: await storedBytes(this.store, row) };
  }

  /** Removes it from its owner; the row (and its bytes) stay, marked deleted, for the record the audit trail points to. */
  async remove(owner: AttachmentOwner, ownerId: string, actor: AttachmentActor, attachmentId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await lockEditable(em, owner, ownerId);
      const [removed] = await changedRows<{ filename: string; sha256: string }>(
        em,
        `UPDATE attachments SET deleted_at = now() WHERE id = $1 AND ${owner.column} = $2 AND deleted_at IS NULL RETURNING filename, sha256`,
        [attachmentId, ownerId],
      );
      if (!removed) throw notFound('附件');
      await audit(em, owner, ownerId, actor, 'attachment.deleted', { before: { attachmentId, filename: removed.filename, sha256: removed.sha256 } });
    });
  }
}

export interface DownloadedAttachment {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

async function lockEditable(em: EntityManager, owner: AttachmentOwner, ownerId: string): Promise<void> {
  const [locked] = await em.query(`SELECT status FROM ${owner.table} WHERE id = $1 FOR UPDATE`, [ownerId]);
  if (!locked || !owner.editable(locked.status)) throw closedRefusal(owner);
}

function audit(em: EntityManager, owner: AttachmentOwner, ownerId: string, { principal, grant }: AttachmentActor, action: string, change: { before?: unknown; after?: unknown }) {
  return appendAudit(em, {
    actorId: principal.userId,
    actorName: principal.displayName,
    actorRole: grant.role,
    organisationId: grant.organisationId,
    action,
    subjectType: owner.subjectType,
    subjectId: ownerId,
    ...change,
  });
}
