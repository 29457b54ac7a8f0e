import type { DataSource } from 'typeorm';
import { ROLE_LABELS, type Role } from '../../../../libs/domain/src';
import type { TaskEntity } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';

/** Who has opened a task and when (已读): their first open only. */
export interface TaskReceipt {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  roleLabel: string;
  openedAt: Date;
}

/**
 * Records the caller's first open of a task they may read: one insert that
 * does nothing when they opened it before. They read it as the role of theirs
 * nearest the task (its own organisation's before a level above). The time is
 * the database's: an open is the API's own doing, not a workflow's.
 */
export async function recordOpen(ds: DataSource, p: Principal, task: Pick<TaskEntity, 'id' | 'organisationPath'>, copy: { organisationId: string; role: Role } | null = null): Promise<void> {
  // A reader the task is only copied to (抄送) reads it as the organisation and role the copy addresses.
  const grant = p.grants.filter((g) => task.organisationPath.startsWith(g.scopePath)).sort((a, b) => b.scopePath.length - a.scopePath.length)[0] ?? copy;
  if (!grant) return;
  await ds.query(`INSERT INTO task_receipts (task_id, user_id, organisation_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [task.id, p.userId, grant.organisationId, grant.role]);
}

/** The receipts of the given tasks, each task's in the order they were first opened. */
export async function receiptsOf(ds: DataSource, taskIds: readonly string[]): Promise<Map<string, TaskReceipt[]>> {
  const byTask = new Map<string, TaskReceipt[]>(taskIds.map((id) => [id, []]));
  if (!taskIds.length) return byTask;
  const rows = (await ds.query(
    `SELECT r.task_id AS "taskId", r.user_id AS "userId", u.display_name AS name, r.organisation_id AS "organisationId", o.name AS "organisationName",
            r.role, r.first_opened_at AS "openedAt"
       FROM task_receipts r JOIN users u ON u.id = r.user_id JOIN organisations o ON o.id = r.organisation_id
      WHERE r.task_id = ANY($1::uuid[]) ORDER BY r.first_opened_at, r.user_id`,
    [taskIds],
  )) as Array<Omit<TaskReceipt, 'roleLabel'> & { taskId: string }>;
  for (const { taskId, ...r } of rows) byTask.get(taskId)?.push({ ...r, roleLabel: ROLE_LABELS[r.role] ?? r.role });
  return byTask;
}
