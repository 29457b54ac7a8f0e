import type { EvidenceData, EvidenceForm, ObligationRecordData, TaskForm } from '../../../../../libs/domain/src';
import { type TaskKind, holder } from './task-kind';

const EVIDENCE: EvidenceForm = { kind: 'evidence' };

/** A counted obligation's occurrence takes records (form obligation_record) until its period ends; any other, its evidence once. */
const isCounted = (form: unknown) => (form as TaskForm | null)?.kind === 'obligation_record';

/**
 * One occurrence of a recurring obligation (obligationSchedule), completed
 * with its evidence, or — counted — with records toward its quota; late work
 * is still taken and counted late.
 */
export const obligationKind: TaskKind = {
  actions: ['decide'],
  // Rows opened before the form was kept with them ask for the same evidence.
  decision: (task) =>
    isCounted(task.form)
      ? { outcomes: ['recorded'], positive: 'recorded', opinionRequiredFor: [], returnTargets: null, form: task.form as TaskForm }
      : { outcomes: ['completed'], positive: 'completed', opinionRequiredFor: [], returnTargets: null, form: (task.form as TaskForm | null) ?? EVIDENCE },
  actor: (task, p) => holder(task, p) ?? { refused: '您不是该任务的承办人' },
  possibleNow: () => true,
  send: ({ task, p, grant, data, requestId, gateways }) => {
    if (isCounted(task.form)) {
      const r = data as ObligationRecordData;
      return gateways.processes.recordObligation(
        task.workflowId,
        { occurrenceId: task.id, date: r.date, attendees: r.attendees, minutes: r.minutes, hours: r.hours, ...(r.more?.length ? { more: r.more } : {}), actor: p.actorAs(grant) },
        requestId,
      );
    }
    // An occurrence with a form of its own (a record: a meeting's attendance, a survey's result) keeps the whole answer.
    const own = (task.form as TaskForm | null) !== null && (task.form as TaskForm).kind !== EVIDENCE.kind;
    return gateways.processes.completeObligation(
      task.workflowId,
      { occurrenceId: task.id, evidence: (data as EvidenceData).evidence, actor: p.actorAs(grant), ...(own ? { data: data as Record<string, unknown> } : {}) },
      requestId,
    );
  },
};
