import type { RubricScoresData, TaskForm } from '../../../../../libs/domain/src';
import { type TaskKind, holder } from './task-kind';

/** A rubric assessment's two steps (rubricAssessment): the branch scores itself, then its assessor scores and names veto items. */
function rubricKind(stage: 'self' | 'assessor'): TaskKind {
  return {
    actions: ['decide'],
    decision: (task) => ({ outcomes: ['submitted'], positive: 'submitted', opinionRequiredFor: [], returnTargets: null, form: task.form as TaskForm }),
    actor: (task, p) => holder(task, p) ?? { refused: stage === 'self' ? '只有本支部可以提交自评' : '您不是该支部的考核人' },
    possibleNow: () => true,
    send: ({ task, p, grant, data, requestId, gateways }) => {
      const answer = data as RubricScoresData;
      const actor = p.actorAs(grant);
      return stage === 'self'
        ? gateways.processes.submitSelfScores(task.workflowId, { scores: answer.scores, actor }, requestId)
        : gateways.processes.submitAssessment(
            task.workflowId,
            { scores: answer.scores, vetoes: answer.vetoes ?? [], ...(answer.upheldObjection !== undefined ? { upheldObjection: answer.upheldObjection } : {}), actor },
            requestId,
          );
    },
  };
}

export const rubricSelfAssessmentKind = rubricKind('self');
export const rubricAssessorKind = rubricKind('assessor');
