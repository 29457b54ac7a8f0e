import type { EvidenceData, EvidenceForm, TaskForm } from '../../../../../libs/domain/src';
import { type TaskKind, holder } from './task-kind';

const EVIDENCE: EvidenceForm = { kind: 'evidence' };
const isOwnForm = (form: unknown) => typeof form === 'object' && form !== null && (form as TaskForm).kind !== EVIDENCE.kind;

/** One occurrence of a recurring obligation (obligationSchedule), completed with its evidence; late work is still taken and counted late. */
export const obligationKind: TaskKind = {
  actions: ['decide'],
  // Rows opened before the form was kept with them ask for the same evidence.
  decision: (task) => ({ outcomes: ['completed'], positive: 'completed', opinionRequiredFor: [], returnTargets: null, form: (task.form as TaskForm | null) ?? EVIDENCE }),
  actor: (task, p) => holder(task, p) ?? { refused: '您不是该任务的承办人' },
  possibleNow: () => true,
  // An occurrence with a form of its own (a record: a meeting's attendance, a survey's result) keeps the whole answer.
  send: ({ task, p, grant, data, requestId, gateways }) =>
    gateways.processes.completeObligation(
      task.workflowId,
      { occurrenceId: task.id, evidence: (data as EvidenceData).evidence, actor: p.actorAs(grant), ...(isOwnForm(task.form) ? { data: data as Record<string, unknown> } : {}) },
      requestId,
    ),
};
