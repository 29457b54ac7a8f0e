import type { Role } from './roles';

/** Why a decision on a human task is refused; `type` names the rule for the API. */
export interface TaskRefusal {
  type: 'TASK_NOT_OPEN' | 'NOT_ASSIGNEE' | 'INVALID_DECISION';
  message: string;
}

export interface OpenTaskView {
  id: string;
  organisationId: string;
  role: Role;
}

export interface DecisionAttempt {
  taskId: string;
  actor: { organisationId: string; role: Role };
  opinionMissing: boolean;
}

/** The rules every decision on a task passes before it changes anything. */
export function refuseDecision(open: OpenTaskView | null, attempt: DecisionAttempt): TaskRefusal | null {
  if (!open || open.id !== attempt.taskId) {
    return { type: 'TASK_NOT_OPEN', message: '该任务已处理或不存在，无法重复办理' };
  }
  if (open.organisationId !== attempt.actor.organisationId || open.role !== attempt.actor.role) {
    return { type: 'NOT_ASSIGNEE', message: '您不是该任务的办理人' };
  }
  if (attempt.opinionMissing) {
    return { type: 'INVALID_DECISION', message: '退回修改或不同意时必须填写意见' };
  }
  return null;
}
