import type { ConsultationData, TaskForm } from '../../../../../libs/domain/src';
import type { TaskKind } from './task-kind';

/** An agency's answer to a committee's request for opinions (consultation): the same update as POST /consultations/{id}/answers. */
export const consultationRequestKind: TaskKind = {
  actions: ['decide'],
  decision: (task) => ({ outcomes: ['answered'], positive: 'answered', opinionRequiredFor: [], returnTargets: null, form: task.form as TaskForm }),
  actor: (task, p) => p.grantAt('agency_consultee', task.organisationId) ?? { refused: '只有被征求意见单位的联络人可以答复' },
  possibleNow: () => true,
  send: ({ task, p, grant, data, requestId, gateways }) =>
    gateways.processes.answerConsultation(task.subjectId, { agencyId: task.organisationId, answers: (data as ConsultationData).answers, actor: p.actorAs(grant) }, requestId),
};
