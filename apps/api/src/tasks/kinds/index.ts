import { humanTaskWorkflowId } from '../../../../../libs/contracts/src';
import type { TaskEntity } from '../../../../../libs/persistence/src';
import { consultationRequestKind } from './consultation.kind';
import { humanTaskKind } from './human-task.kind';
import { nominationReviewKind } from './nomination-review.kind';
import { obligationKind } from './obligation.kind';
import { rubricAssessorKind, rubricSelfAssessmentKind } from './rubric.kind';
import type { TaskKind } from './task-kind';

export * from './task-kind';

/**
 * The tasks the other primitives open, by the kind their rows carry. A
 * humanTask's kind is whatever its process calls the step, so a row is
 * known as a humanTask by its workflow, before its kind is looked at.
 */
const PRIMITIVE_KINDS: Readonly<Record<string, TaskKind>> = {
  nomination_review: nominationReviewKind,
  consultation_request: consultationRequestKind,
  obligation: obligationKind,
  rubric_self_assessment: rubricSelfAssessmentKind,
  rubric_assessment: rubricAssessorKind,
};

/** A row of no known workflow: shown, never acted on. */
const inert: TaskKind = {
  actions: [],
  decision: () => null,
  actor: () => ({ refused: '该任务不支持在此办理' }),
  possibleNow: () => false,
  send: () => Promise.reject(new Error('inert task kind')),
};

export function taskKindOf(task: Pick<TaskEntity, 'kind' | 'groupId' | 'workflowId'>): TaskKind {
  if (task.groupId && task.workflowId === humanTaskWorkflowId(task.groupId)) return humanTaskKind;
  return Object.hasOwn(PRIMITIVE_KINDS, task.kind) ? PRIMITIVE_KINDS[task.kind]! : inert;
}

export const isHumanTask = (kind: TaskKind): boolean => kind === humanTaskKind;
