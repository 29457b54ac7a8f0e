import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { MAX_ATTACHMENTS_PER_TASK } from '../../../../libs/domain/src';
import { type TaskEntity, appendAudit, changedRows } from '../../../../libs/persistence/src';
import type { Principal, RoleGrant } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { isRefusal, taskKindOf } from '../tasks/kinds';
import { TasksService } from '../tasks/tasks.service';
import { APP_CONFIG } from '../tokens';
import { type UploadedFile, acceptFile, storedBytes } from './accepted-file';
import type { AttachmentSummary } from './attachment-list';
import { AttachmentStore } from './attachment-store';

const SUMMARY = `id, filename, kind, content_type AS "contentType", size_bytes AS "sizeBytes", created_at AS "createdAt"`;
const summary = (r: AttachmentSummary & { sizeBytes: number | string }): AttachmentSummary => ({ ...r, sizeBytes: Number(r.sizeBytes) });

/**
 * Attachments of a task (a self-assessment's pictures, a brand filing's
 * scans), the same files as a nomination's (one store, one recognition, one
 * size limit). Whoever may decide the task adds and removes them while it is
 * open; whoever may read the task — its organisation's subtree, so the
 * reviewers above a branch too — lists and downloads them. Its form names
 * them by id (form-attachments.ts), checked when the decision is sent.
 */
@Injectable()
export class TaskAttachmentsService {
  private readonly store: AttachmentStore;

  constructor(
    private readonly ds: DataSource,
    private readonly tasks: TasksService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new AttachmentStore(config.ATTACHMENT_DIR);
  }

  /** 404 when the caller cannot read the task, 403 when they may not decide it, 409 once it is closed. */
  private async actingOn(p: Principal, taskId: string): Promise<{ task: TaskEntity; grant: RoleGrant }> {
    const task = await this.tasks.visible(p, taskId);
    const kind = taskKindOf(task);
    const grant = kind.actions.includes('decide') ? kind.actor(task, p, 'decide') : { refused: '' };
    if (isRefusal(grant)) throw forbidden('只有该任务的办理人可以上传或删除附件');
    if (task.status !== 'open') throw closed();
    return { task, grant };
  }

  async upload(p: Principal, taskId: string, file: UploadedFile | undefined) {
    const { grant } = await this.actingOn(p, taskId);
    const { filename, kind, contentType, bytes, size } = await acceptFile(file);
    // As for a nomination: the file is written before the row, so a refused insert leaves at most an unreferenced file named by its hash.
    const stored = await this.store.put(bytes);
    const attachmentId = randomUUID();
    await this.ds.transaction(async (em) => {
      // Under a lock on the task: two uploads at once cannot pass the limit together, nor one slip in as the task closes.
      await lockOpen(em, taskId);
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM attachments WHERE task_id = $1 AND deleted_at IS NULL`, [taskId]);
      if (n >= MAX_ATTACHMENTS_PER_TASK) throw new ApiError('TOO_MANY_ATTACHMENTS', `每项任务最多${MAX_ATTACHMENTS_PER_TASK}个附件，请先删除不需要的附件`);
      await em.query(
        `INSERT INTO attachments (id, task_id, filename, kind, content_type, size_bytes, sha256, storage, data, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attachmentId, taskId, filename, kind, contentType, size, stored.sha256, this.store.storage, stored.data, p.userId],
      );
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'attachment.uploaded',
        subjectType: 'task',
        subjectId: taskId,
        after: { attachmentId, filename, kind, sizeBytes: size, sha256: stored.sha256, storage: this.store.storage },
      });
    });
    return { id: attachmentId, filename, kind, contentType, sizeBytes: size, sha256: stored.sha256 };
  }

  async list(p: Principal, taskId: string): Promise<AttachmentSummary[]> {
    await this.tasks.visible(p, taskId);
    const rows = await this.ds.query(`SELECT ${SUMMARY} FROM attachments WHERE task_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`, [taskId]);
    return rows.map(summary);
  }

  async download(p: Principal, taskId: string, attachmentId: string): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
    await this.tasks.visible(p, taskId);
    const [row] = await this.ds.query(`SELECT filename, content_type, storage, data, sha256 FROM attachments WHERE id = $1 AND task_id = $2 AND deleted_at IS NULL`, [attachmentId, taskId]);
    if (!row) throw notFound('附件');
    return { filename: row.filename, contentType: row.content_type, bytes: await storedBytes(this.store, row) };
  }

  /** Removes it from the task; the row stays, marked deleted, for the record the audit trail points to. */
  async remove(p: Principal, taskId: string, attachmentId: string): Promise<void> {
    const { grant } = await this.actingOn(p, taskId);
    await this.ds.transaction(async (em) => {
      await lockOpen(em, taskId);
      const [removed] = await changedRows<{ filename: string; sha256: string }>(
        em,
        `UPDATE attachments SET deleted_at = now() WHERE id = $1 AND task_id = $2 AND deleted_at IS NULL RETURNING filename, sha256`,
        [attachmentId, taskId],
      );
      if (!removed) throw notFound('附件');
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'attachment.deleted',
        subjectType: 'task',
        subjectId: taskId,
        before: { attachmentId, filename: removed.filename, sha256: removed.sha256 },
      });
    });
  }
}

const closed = () => new ApiError('TASK_NOT_OPEN', '该任务已办结，不能再上传或删除附件');

async function lockOpen(em: EntityManager, taskId: string): Promise<void> {
  const [locked] = await em.query(`SELECT status FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
  if (!locked || locked.status !== 'open') throw closed();
}
