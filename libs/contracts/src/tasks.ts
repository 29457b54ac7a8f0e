import type { Role } from '../../domain/src';

export const TASK_KINDS = ['nomination_review'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

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
