import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { forbidden } from '../common/api-error';
import { isRefusal, taskKindOf } from '../tasks/kinds';
import { TasksService } from '../tasks/tasks.service';
import type { UploadedFile } from './accepted-file';
import { TASK_ATTACHMENTS, closedRefusal } from './attachment-owner';
import { type AttachmentActor, AttachmentRows, type AttachmentSummary, type DownloadedAttachment } from './attachment-rows';

/**
 * Attachments of a task (a self-assessment's pictures, a brand filing's
 * scans), the same files as a nomination's (one store, one recognition, one
 * size limit: AttachmentRows). Whoever may decide the task adds and removes
 * them while it is open; whoever may read the task — its organisation's
 * subtree, so the reviewers above a branch too — lists and downloads them.
 * Its form names them by id (form-attachments.ts), checked when the decision
 * is sent.
 */
@Injectable()
export class TaskAttachmentsService {
  constructor(
    private readonly rows: AttachmentRows,
    private readonly tasks: TasksService,
  ) {}

  /** 404 when the caller cannot read the task, 403 when they may not decide it, 409 once it is closed. */
  private async acting(p: Principal, taskId: string): Promise<AttachmentActor> {
    const task = await this.tasks.visible(p, taskId);
    const kind = taskKindOf(task);
    const grant = kind.actions.includes('decide') ? kind.actor(task, p, 'decide') : { refused: '' };
    if (isRefusal(grant)) throw forbidden('只有该任务的办理人可以上传或删除附件');
    if (!TASK_ATTACHMENTS.editable(task.status)) throw closedRefusal(TASK_ATTACHMENTS);
    return { principal: p, grant };
  }

  async upload(p: Principal, taskId: string, file: UploadedFile | undefined) {
    return this.rows.add(TASK_ATTACHMENTS, taskId, await this.acting(p, taskId), file);
  }

  async list(p: Principal, taskId: string): Promise<AttachmentSummary[]> {
    // A reader the task is copied to (抄送) reads its attachments too.
    await this.tasks.readableTask(p, taskId);
    return this.rows.list(TASK_ATTACHMENTS, taskId);
  }

  async download(p: Principal, taskId: string, attachmentId: string): Promise<DownloadedAttachment> {
    await this.tasks.readableTask(p, taskId);
    return this.rows.read(TASK_ATTACHMENTS, taskId, attachmentId);
  }

  async remove(p: Principal, taskId: string, attachmentId: string): Promise<void> {
    await this.rows.remove(TASK_ATTACHMENTS, taskId, await this.acting(p, taskId), attachmentId);
  }
}
