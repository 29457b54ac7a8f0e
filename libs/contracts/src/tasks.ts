import type { Role } from '../../domain/src';

/** What a task is for; the nomination review's own tasks, or any human task's kind. */
export type TaskKind = 'nomination_review' | (string & {});

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A human task as a workflow opens it; the read model in PostgreSQL mirrors it. */
export interface TaskSpec {
  id: string;
  workflowId: string;
  kind: TaskKind;
  title: string;
  subjectType: 'nomination';
  subjectId: string;
  organisationId: string;
  role: Role;
  dueAt: string | null;
}
