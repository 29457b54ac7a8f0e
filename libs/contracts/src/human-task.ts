import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Assignee, GroupPolicy, Route, TaskAction, TaskActor, TaskDecisionRules, TaskForm, TaskState } from '../../domain/src';

export const HUMAN_TASK_WORKFLOW = 'humanTask';

export function humanTaskWorkflowId(taskId: string): string {
  return `task-${taskId}`;
}

/** What a process asks of people: who, how they decide together, by when, and who hears of it when late. */
export interface HumanTaskInput {
  taskId: string;
  kind: string;
  title: string;
  subject: { type: string; id: string };
  /** Who decides; or leave empty and give a `route` to resolve by the organisation tree when the task opens. */
  assignees: Assignee[];
  route?: Route;
  policy: GroupPolicy;
  outcomes: string[];
  /** The decision that counts as approval in group policies; defaults to the first outcome. */
  positive?: string;
  opinionRequiredFor: string[];
  returnTargets?: string[];
  submitter?: TaskActor | null;
  dueAt: string | null;
  /** Reminders this many hours before the deadline, e.g. [72, 24]. */
  remindBeforeHours?: number[];
  /** Told when the task is overdue: the level above. */
  escalateTo?: { organisationId: string; role: Assignee['role'] } | null;
  /** What the positive decision must carry (scores, a differential pick, plan rows). */
  form?: TaskForm | null;
  /** Required by its date: refused after the deadline unless an administrator extends it. */
  closesAtDue?: boolean;
  /** The campaign the task belongs to, for dashboards and cancellation. */
  campaignId?: string | null;
  /** The campaign stage the task belongs to. */
  stage?: string | null;
}

export interface TaskActionRequest {
  action: TaskAction;
  actor: TaskActor;
}

export interface HumanTaskView extends TaskState {
  taskId: string;
}

export interface HumanTaskResult {
  taskId: string;
  outcome: string;
  returnTo: string | null;
  decisions: Array<{ slotId: string; decision: string; opinion: string; by: string; byName: string; organisationId: string; role?: Assignee['role']; data?: unknown }>;
  /** Deadlines that passed before the task was done. */
  missed?: number;
}

export const taskActionUpdate = defineUpdate<HumanTaskView, [TaskActionRequest]>('taskAction');
export const humanTaskQuery = defineQuery<HumanTaskView>('humanTaskState');
/** Who decides how: what the read model keeps in `tasks.rules`, asked of the workflow for rows written before it did. */
export const humanTaskRulesQuery = defineQuery<TaskDecisionRules>('humanTaskRules');
