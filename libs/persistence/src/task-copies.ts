import type { EntityManager } from 'typeorm';
import { deterministicUuid } from './ids';
import { notify } from './notifications';

/** Whom a task is copied to (抄送): every holder of a role at an organisation, or one user holding it there. */
export interface CopyTarget {
  organisationId: string;
  role: string;
  userId?: string | null;
}

export type CopySource = 'definition' | 'ad_hoc';

export interface CopyTaskArgs {
  taskId: string;
  targets: readonly CopyTarget[];
  source: CopySource;
  /** Who copied it; null for the process definition's own copies. */
  copiedBy: string | null;
  /** The notice each copied person gets (kind `cc`). */
  message: string;
  at: string | Date;
}

/** A copy's id: the same for the same task and target however often it is written. */
export const taskCopyId = (taskId: string, t: CopyTarget): string => deterministicUuid(`task-copy:${taskId}:${t.organisationId}:${t.role}:${t.userId ?? ''}`);

/**
 * The one way a task is copied: a `task_copies` row per target and, in the
 * same transaction (the caller's), its `cc` notification to the target. A
 * target already copied is left as it is and not notified again, so a
 * retried write adds nothing. Returns the ids of the copies this call added.
 */
export async function copyTask(em: EntityManager, { taskId, targets, source, copiedBy, message, at }: CopyTaskArgs): Promise<string[]> {
  const when = at instanceof Date ? at : new Date(at);
  const added: string[] = [];
  for (const t of targets) {
    const id = taskCopyId(taskId, t);
    const rows = (await em.query(
      `INSERT INTO task_copies (id, task_id, organisation_id, role, user_id, source, copied_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [id, taskId, t.organisationId, t.role, t.userId ?? null, source, copiedBy, when],
    )) as Array<{ id: string }>;
    if (!rows.length) continue;
    added.push(id);
    await notify(em, { kind: 'cc', targets: [{ organisationId: t.organisationId, role: t.role, userId: t.userId ?? null }], taskId, message, key: `cc:${id}`, at: when });
  }
  return added;
}

/** China's wall-clock time of a deadline, as messages name it (2026-05-31 17:00). */
function chinaTime(at: string | Date): string {
  const d = new Date(new Date(at).getTime() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** The `cc` notice: the process, the step, the task and its deadline, and that nothing is asked of the reader. */
export function copyMessage(o: { processName: string | null; stageLabel: string | null; title: string; dueAt: string | Date | null; by?: string | null }): string {
  const where = `${o.processName ?? ''}${o.stageLabel ? `「${o.stageLabel}」环节` : ''}`;
  const deadline = o.dueAt ? `办理期限 ${chinaTime(o.dueAt)}` : '无办理期限';
  return `抄送${o.by ? `（${o.by}抄送）` : ''}：${where ? `${where}的` : ''}任务“${o.title}”，${deadline}。仅供知悉，无需办理。`;
}
