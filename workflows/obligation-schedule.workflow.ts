import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/human-task.activities';
import type { ObligationActivities } from '../activities/obligation.activities';
import {
  type ObligationScheduleInput,
  type OccurrenceView,
  completeObligationUpdate,
  obligationScheduleQuery,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { type Occurrence, chinaEndOfDay, chinaStartOfDay, occurrences } from '../libs/domain/src';
import { workflowTime } from './steps/workflow-time';

const activities = proxyActivities<ObligationActivities & Pick<HumanTaskActivities, 'notifyTask'>>(SHORT_ACTIVITY);

const GRACE_MS = 30 * 86_400_000;

/**
 * obligation schedule: a year of recurring obligations for one organisation.
 * Each occurrence opens as a task when its period begins and is due when it
 * ends; one not completed by then is overdue and the level above is told.
 * Completion takes evidence; late completion is accepted and counted as late.
 */
export async function obligationSchedule(input: ObligationScheduleInput): Promise<OccurrenceView[]> {
  const items = input.obligations.flatMap((o) =>
    occurrences(o.cadence, input.year).map((occ: Occurrence) => ({
      view: { id: uuid4(), obligationCode: o.code, label: `${o.title}（${occ.label}）`, periodStart: occ.periodStart, dueDate: occ.dueDate, status: 'scheduled', completedLate: null } as OccurrenceView,
      title: o.title,
      occ,
    })),
  );
  const byId = new Map(items.map((i) => [i.view.id, i]));
  const { workflowId } = workflowInfo();
  setHandler(obligationScheduleQuery, () => items.map((i) => i.view));

  setHandler(
    completeObligationUpdate,
    async (req) => {
      const item = byId.get(req.occurrenceId)!;
      const late = Date.now() >= Date.parse(chinaEndOfDay(item.view.dueDate));
      item.view.status = 'completed';
      item.view.completedLate = late;
      await activities.completeOccurrence({ occurrenceId: req.occurrenceId, evidence: req.evidence, late, actor: req.actor, at: workflowTime() });
      return item.view;
    },
    {
      validator: (req) => {
        const item = byId.get(req.occurrenceId);
        const refuse = (type: string, message: string): never => {
          throw ApplicationFailure.nonRetryable(message, type);
        };
        if (!item) return refuse('TASK_NOT_OPEN', '没有这项任务');
        if (item.view.status === 'scheduled') refuse('TASK_NOT_OPEN', `该任务${item.view.periodStart}开始，尚未开启`);
        if (item.view.status === 'completed') refuse('TASK_NOT_OPEN', '该任务已完成，不能重复提交');
        const a = input.assignee;
        const holds = a.userId ? a.userId === req.actor.userId : a.organisationId === req.actor.organisationId && a.role === req.actor.role;
        if (!holds) refuse('NOT_ASSIGNEE', '您不是该任务的承办人');
        if (!req.evidence.trim()) refuse('INVALID_EVIDENCE', '请提交完成情况的佐证材料（会议记录、照片说明等）');
      },
    },
  );

  const events = items
    .flatMap((i) => [
      { at: Date.parse(chinaStartOfDay(i.occ.periodStart)), kind: 'open' as const, item: i },
      { at: Date.parse(chinaEndOfDay(i.occ.dueDate)), kind: 'due' as const, item: i },
    ])
    .sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'open' ? -1 : 1));

  for (const e of events) {
    await condition(() => false, Math.max(e.at - Date.now(), 0));
    if (e.kind === 'open') {
      e.item.view.status = 'open';
      await activities.openOccurrence({ input, workflowId, occurrenceId: e.item.view.id, obligationCode: e.item.view.obligationCode, title: e.item.title, occurrence: e.item.occ, at: workflowTime() });
    } else if (e.item.view.status === 'open') {
      e.item.view.status = 'overdue';
      await activities.markOccurrenceOverdue({ occurrenceId: e.item.view.id, at: workflowTime() });
      if (input.escalateTo) {
        await activities.notifyTask({
          taskId: e.item.view.id,
          kind: 'escalation',
          targets: [{ organisationId: input.escalateTo.organisationId, role: input.escalateTo.role }],
          message: `逾期未完成：${e.item.view.label}`,
          key: `${e.item.view.id}:overdue`,
          at: workflowTime(),
        });
      }
    }
  }
  // Late work is still taken for a while after the year's last deadline.
  await condition(() => items.every((i) => i.view.status === 'completed'), GRACE_MS);
  await condition(allHandlersFinished);
  return items.map((i) => i.view);
}
