import { REVIEW_DECISIONS, type ReviewDecision, opinionRequired } from '../../../../../libs/domain/src';
import type { TaskKind } from './task-kind';

/** A nomination's review by the committee above the branch: approve, return for revision, or reject (nominationReview). */
export const nominationReviewKind: TaskKind = {
  actions: ['decide'],
  decision: () => ({
    outcomes: REVIEW_DECISIONS,
    positive: 'approve',
    opinionRequiredFor: REVIEW_DECISIONS.filter(opinionRequired),
    returnTargets: null,
    form: null,
  }),
  actor: (task, p) => p.grantAt(task.role, task.organisationId) ?? { refused: '您不是该任务的办理人' },
  possibleNow: () => true,
  send: ({ task, p, grant, action, requestId, gateways }) => {
    if (action.type !== 'decide') throw new Error(`nomination review takes decisions only, not ${action.type}`);
    return gateways.nominations.decide(task.subjectId, { taskId: task.id, decision: action.decision as ReviewDecision, opinion: action.opinion, actor: p.actorAs(grant) }, requestId);
  },
};
