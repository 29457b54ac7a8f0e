import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/human-task.activities';
import type { ObligationActivities } from '../activities/obligation.activities';
import {
  type ObligationScheduleInput,
  type OccurrenceView,
  completeObligationUpdate,
  moveOccurrenceSignal,
  obligationScheduleQuery,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { type Occurrence, chinaEndOfDay, chinaStartOfDay, occurrences } from '../libs/domain/src';
import { workflowTime } from './steps/workflow-time';

const activities = proxyActivities<ObligationActivities & Pick<HumanTaskActivities, 'notifyTask'>>(SHORT_ACTIVITY);

const GRACE_MS = 30 * 86_400_000;

interface ScheduledItem {
  view: OccurrenceView;
  title: string;
  occ: Occurrence;
}
interface ScheduleEvent {
  at: number;
  kind: 'open' | 'due';
  item: ScheduledItem;
}

/**
 * obligation schedule: a year of recurring obligations for one organisation.
 * Each occurrence opens as a task when its period begins and is due when it
 * ends; one not completed by then is overdue and the level above is told.
 * Completion takes evidence; late completion is accepted and counted as late.
 * An approved delay moves one occurrence's due date (moveOccurrenceSignal), or
 * postpones it to another year's schedule.
 */
export async function obligationSchedule(input: ObligationScheduleInput): Promise<OccurrenceView[]> {
  const items: ScheduledItem[] = input.obligations.flatMap((o) =>
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
        if (item.view.status === 'postponed') refuse('TASK_NOT_OPEN', '该任务已经批准延期，转入以后年度办理');
        const a = input.assignee;
        const holds = a.userId ? a.userId === req.actor.userId : a.organisationId === req.actor.organisationId && a.role === req.actor.role;
        if (!holds) refuse('NOT_ASSIGNEE', '您不是该任务的承办人');
        if (!req.evidence.trim()) refuse('INVALID_EVIDENCE', '请提交完成情况的佐证材料（会议记录、照片说明等）');
      },
    },
  );

  const order = (a: ScheduleEvent, b: ScheduleEvent) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'open' ? -1 : 1);
  const pending: ScheduleEvent[] = items
    .flatMap((i) => [
      { at: Date.parse(chinaStartOfDay(i.occ.periodStart)), kind: 'open' as const, item: i },
      { at: Date.parse(chinaEndOfDay(i.occ.dueDate)), kind: 'due' as const, item: i },
    ])
    .sort(order);
  // Bumped by every move: the wait for the next event starts over. Without a move the waits are the very timers they always were.
  let changes = 0;

  setHandler(moveOccurrenceSignal, async (req) => {
    const item = byId.get(req.occurrenceId);
    if (!item || item.view.status === 'completed' || item.view.status === 'postponed') return;
    const before = item.view.dueDate;
    const opened = item.view.status !== 'scheduled';
    if (req.postpone) {
      item.view.status = 'postponed';
      pending.splice(0, pending.length, ...pending.filter((e) => e.item !== item));
      changes++;
      if (opened) await activities.postponeOccurrence({ occurrenceId: item.view.id, from: before, to: req.dueDate, reason: req.reason, actor: req.actor, at: workflowTime() });
      return;
    }
    if (req.dueDate < item.view.periodStart || req.dueDate === before) return;
    item.view.dueDate = req.dueDate;
    item.occ = { ...item.occ, dueDate: req.dueDate };
    if (item.view.status === 'overdue') item.view.status = 'open';
    const at = Date.parse(chinaEndOfDay(req.dueDate));
    const due = pending.find((e) => e.item === item && e.kind === 'due');
    if (due) due.at = at;
    else pending.push({ at, kind: 'due', item });
    pending.sort(order);
    changes++;
    if (opened) await activities.moveOccurrence({ occurrenceId: item.view.id, from: before, to: req.dueDate, reason: req.reason, actor: req.actor, at: workflowTime() });
  });

  const settled = () => items.every((i) => i.view.status === 'completed' || i.view.status === 'postponed');
  for (;;) {
    while (pending.length) {
      const e = pending[0]!;
      const seen = changes;
      await condition(() => changes !== seen, Math.max(e.at - Date.now(), 0));
      if (changes !== seen) continue;
      pending.shift();
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
    // Late work is still taken for a while after the year's last deadline; a move meanwhile brings a deadline back.
    const seen = changes;
    await condition(() => settled() || changes !== seen, GRACE_MS);
    if (changes === seen) break;
  }
  await condition(allHandlersFinished);
  return items.map((i) => i.view);
}
