import { ApplicationFailure, type LocalActivityOptions, allHandlersFinished, condition, patched, proxyActivities, proxyLocalActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/human-task.activities';
import type { ObligationActivities, OccurrenceRecordRow } from '../activities/obligation.activities';
import {
  type ObligationScheduleInput,
  type ObligationSpec,
  type OccurrenceView,
  type RecordObligationRequest,
  completeObligationUpdate,
  moveOccurrenceSignal,
  obligationScheduleQuery,
  recordObligationUpdate,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { MAX_RECORDS_AT_ONCE, type Occurrence, type Quota, chinaDate, chinaEndOfDay, chinaStartOfDay, countRecord, occurrences, recordAmount } from '../libs/domain/src/core';
import { workflowTime } from './steps/workflow-time';

const options: LocalActivityOptions = SHORT_ACTIVITY;
const activities = proxyActivities<ObligationActivities & Pick<HumanTaskActivities, 'notifyTask'>>(options);
// Opening, overdue marking and completion are short, idempotent writes: run in the worker holding the schedule,
// they save the server a round trip each — a province's branches open thousands of occurrences on the same morning.
const local = proxyLocalActivities<ObligationActivities>(options);

/** Marks histories that open and mark occurrences by instant, as local activities; older ones replay one by one. */
const BATCHED_PATCH = 'obligation-occurrences-batched';

const GRACE_MS = 30 * 86_400_000;

/**
 * obligation schedule: a year of recurring obligations for one organisation.
 * Each occurrence opens as a task when its period begins and is due when it
 * ends; one not completed by then is overdue and the level above is told.
 * Completion takes evidence; late completion is accepted and counted as late.
 * An approved delay moves one occurrence's due date (moveOccurrenceSignal), or
 * postpones it to another year's schedule ('postponed': no longer due here).
 */
export async function obligationSchedule(input: ObligationScheduleInput): Promise<OccurrenceView[]> {
  const items = input.obligations.flatMap((o) =>
    occurrences(o.cadence, input.year).map((occ: Occurrence) => ({
      view: {
        id: uuid4(),
        obligationCode: o.code,
        label: `${o.title}（${occ.label}）`,
        periodStart: occ.periodStart,
        dueDate: occ.dueDate,
        status: 'scheduled',
        completedLate: null,
        ...(o.quota ? { counted: 0 } : {}),
      } as OccurrenceView,
      title: o.title,
      occ,
      quota: o.quota,
      taskOpen: false,
      spec: o,
    })),
  );
  const byId = new Map(items.map((i) => [i.view.id, i]));
  const { workflowId } = workflowInfo();
  const batched = patched(BATCHED_PATCH);
  setHandler(obligationScheduleQuery, () => items.map((i) => i.view));

  setHandler(
    completeObligationUpdate,
    async (req) => {
      const item = byId.get(req.occurrenceId)!;
      const late = Date.now() >= Date.parse(chinaEndOfDay(item.view.dueDate));
      item.view.status = 'completed';
      item.view.completedLate = late;
      await (batched ? local : activities).completeOccurrence({ occurrenceId: req.occurrenceId, evidence: req.evidence, late, actor: req.actor, at: workflowTime(), ...(req.data ? { data: req.data } : {}) });
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
        if (item.quota) refuse('INVALID_ACTION', '该任务按次登记活动记录，请逐次登记');
        const a = input.assignee;
        const holds = a.userId ? a.userId === req.actor.userId : a.organisationId === req.actor.organisationId && a.role === req.actor.role;
        if (!holds) refuse('NOT_ASSIGNEE', '您不是该任务的承办人');
        if (!req.evidence.trim()) refuse('INVALID_EVIDENCE', '请提交完成情况的佐证材料（会议记录、照片说明等）');
      },
    },
  );

  // Several records at once (`more`) are written together; a single one as it always was, so older histories replay.
  setHandler(recordObligationUpdate, (req) => (req.more?.length ? recordSeveral(input, byId.get(req.occurrenceId)!, req) : recordOne(input, byId.get(req.occurrenceId)!, req)), {
    validator: (req) => checkRecords(input, byId.get(req.occurrenceId), req),
  });

  const moves: Moves = { count: 0 };
  setHandler(moveOccurrenceSignal, async (req) => {
    const item = byId.get(req.occurrenceId);
    if (!item || item.view.status === 'completed' || item.view.status === 'postponed') return;
    const from = item.view.dueDate;
    const opened = item.view.status !== 'scheduled';
    if (req.postpone) {
      item.view.status = 'postponed';
      moves.count++;
      if (opened) await activities.postponeOccurrence({ occurrenceId: item.view.id, from, to: req.dueDate, reason: req.reason, actor: req.actor, at: workflowTime() });
      return;
    }
    if (req.dueDate < item.view.periodStart || req.dueDate === from) return;
    item.view.dueDate = req.dueDate;
    item.occ = { ...item.occ, dueDate: req.dueDate };
    // Overdue before the delay: due again on the new date.
    if (item.view.status === 'overdue') item.view.status = 'open';
    moves.count++;
    if (opened) await activities.moveOccurrence({ occurrenceId: item.view.id, from, to: req.dueDate, reason: req.reason, actor: req.actor, at: workflowTime() });
  });

  if (batched) await byInstant(input, workflowId, items, moves);
  else await oneByOne(input, workflowId, items);
  // Late work is still taken for a while after the year's last deadline; a move meanwhile brings a deadline back.
  const settled = () => items.every((i) => i.view.status === 'completed' || i.view.status === 'postponed');
  for (;;) {
    const seen = moves.count;
    await condition(() => settled() || moves.count !== seen, GRACE_MS);
    if (moves.count === seen) break;
    if (batched) await byInstant(input, workflowId, items, moves);
  }
  await condition(allHandlersFinished);
  return items.map((i) => i.view);
}

/** `taskOpen`: a counted occurrence's task, which takes records until its period ends even once the minimum is reached. */
type Item = { view: OccurrenceView; title: string; occ: Occurrence; quota?: Quota; taskOpen: boolean; spec: ObligationSpec; reminded?: boolean };
/** Bumped by every move of a due date: the wait for the next instant starts over. */
type Moves = { count: number };

/** When the assignee is reminded of an open occurrence (`reminderDays` before its due date, once, not before it opens); none without `reminderDays`. */
function reminderAt(input: ObligationScheduleInput, i: Item): number[] {
  if (!input.reminderDays || i.reminded || i.view.status !== 'open') return [];
  const at = dueAt(i) - input.reminderDays * 86_400_000;
  return at > opensAt(i) ? [at] : [];
}

/** An occurrence's form (by the month its period starts, else the obligation's) and its parties, when its obligation has them. */
function openingExtras(i: Item): { form?: ObligationSpec['form']; parties?: ObligationSpec['parties'] } {
  const form = i.spec.formsByMonth?.[String(Number(i.occ.periodStart.slice(5, 7)))] ?? i.spec.form;
  return { ...(form ? { form } : {}), ...(i.spec.parties ? { parties: i.spec.parties } : {}) };
}

/** When each occurrence opens and falls due: the start of its period's first day, the end of its due date. */
const opensAt = (i: Item) => Date.parse(chinaStartOfDay(i.occ.periodStart));
const dueAt = (i: Item) => Date.parse(chinaEndOfDay(i.view.dueDate));

/**
 * One wake-up per instant at which anything opens or falls due (a month's
 * start opens its monthly, quarterly and half-yearly occurrences and ends the
 * last month's): one write opens them all, one marks the overdue ones.
 */
async function byInstant(input: ObligationScheduleInput, workflowId: string, items: Item[], moves: Moves): Promise<void> {
  for (;;) {
    const pending = items.flatMap((i) => (i.view.status === 'scheduled' ? [opensAt(i)] : i.view.status === 'open' || recordsUntilDue(i) ? [dueAt(i), ...reminderAt(input, i)] : []));
    if (!pending.length) return;
    const next = Math.min(...pending);
    if (next > Date.now()) {
      const seen = moves.count;
      await condition(() => moves.count !== seen, next - Date.now());
      if (moves.count !== seen) continue;
    }
    const now = Date.now();
    const overdue = items.filter((i) => i.view.status === 'open' && dueAt(i) <= now);
    const opening = items.filter((i) => i.view.status === 'scheduled' && opensAt(i) <= now);
    const ended = items.filter((i) => recordsUntilDue(i) && dueAt(i) <= now);
    const reminding = items.filter((i) => reminderAt(input, i).some((at) => at <= now));
    if (ended.length) {
      for (const i of ended) i.taskOpen = false;
      await local.closeCountedOccurrences({ occurrenceIds: ended.map((i) => i.view.id), at: workflowTime() });
    }
    if (overdue.length) {
      for (const i of overdue) i.view.status = 'overdue';
      await local.markOccurrencesOverdue({ occurrenceIds: overdue.map((i) => i.view.id), at: workflowTime() });
      // The level above is told, and an item's responsible leader too (责任领导: oversees it).
      const targetsOf = (i: Item) => [...(input.escalateTo ? [input.escalateTo] : []), ...(i.spec.parties ? [i.spec.parties.leader] : [])].map((t) => ({ organisationId: t.organisationId, role: t.role }));
      await Promise.all(
        overdue
          .filter((i) => targetsOf(i).length)
          .map((i) => activities.notifyTask({ taskId: i.view.id, kind: 'escalation', targets: targetsOf(i), message: `逾期未完成：${i.view.label}`, key: `${i.view.id}:overdue`, at: workflowTime() })),
      );
    }
    if (reminding.length) {
      for (const i of reminding) i.reminded = true;
      const a = input.assignee;
      await Promise.all(
        reminding.map((i) =>
          activities.notifyTask({
            taskId: i.view.id,
            kind: 'reminder',
            targets: [{ organisationId: a.organisationId, role: a.role, userId: a.userId ?? null }],
            message: `即将到期（${i.view.dueDate}）：${i.view.label}`,
            key: `${i.view.id}:reminder`,
            at: workflowTime(),
          }),
        ),
      );
    }
    if (opening.length) {
      for (const i of opening) {
        i.view.status = 'open';
        i.taskOpen = true;
      }
      await local.openOccurrences({
        input,
        workflowId,
        occurrences: opening.map((i) => ({ occurrenceId: i.view.id, obligationCode: i.view.obligationCode, title: i.title, occurrence: i.occ, ...openingExtras(i) })),
        at: workflowTime(),
      });
    }
  }
}

/**
 * The schedule as first recorded: a wake-up and a write per occurrence's
 * opening and deadline. Its instants are fixed when it starts: an occurrence
 * moved later is not marked overdue at its old date, nor at its new one.
 */
async function oneByOne(input: ObligationScheduleInput, workflowId: string, items: Item[]): Promise<void> {
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
    } else if (e.item.view.status === 'open' && dueAt(e.item) <= e.at) {
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
}

/** A counted occurrence done before its period ended: its task still takes records until then. */
const recordsUntilDue = (i: Item) => i.quota !== undefined && i.view.status === 'completed' && i.taskOpen;

/** Refuses a record the occurrence cannot take, before anything is written. */
/** One of the request's further records, as a request of its own (hours only where it gives them). */
const entryOf = (req: RecordObligationRequest, e: NonNullable<RecordObligationRequest['more']>[number]): RecordObligationRequest => ({
  occurrenceId: req.occurrenceId,
  actor: req.actor,
  date: e.date,
  attendees: e.attendees,
  minutes: e.minutes,
  ...(e.hours !== undefined ? { hours: e.hours } : {}),
});

/** Each record of the request judged alike; all or none are taken. */
function checkRecords(input: ObligationScheduleInput, item: Item | undefined, req: RecordObligationRequest): void {
  checkRecord(input, item, req);
  if ((req.more?.length ?? 0) >= MAX_RECORDS_AT_ONCE) throw ApplicationFailure.nonRetryable(`一次最多登记${MAX_RECORDS_AT_ONCE}条活动记录`, 'INVALID_FORM_DATA');
  for (const entry of req.more ?? []) checkRecord(input, item, entryOf(req, entry));
}

function checkRecord(input: ObligationScheduleInput, item: Item | undefined, req: RecordObligationRequest): void {
  const refuse = (type: string, message: string): never => {
    throw ApplicationFailure.nonRetryable(message, type);
  };
  if (!item) return refuse('TASK_NOT_OPEN', '没有这项任务');
  if (!item.quota) refuse('INVALID_ACTION', '该任务不按次登记，请提交完成情况的佐证材料');
  if (item.view.status === 'scheduled') refuse('TASK_NOT_OPEN', `该任务${item.view.periodStart}开始，尚未开启`);
  if (item.view.status === 'postponed') refuse('TASK_NOT_OPEN', '该任务已经批准延期，转入以后年度办理');
  if (!item.taskOpen) refuse('TASK_NOT_OPEN', '本期已结束，不再登记活动记录');
  const a = input.assignee;
  const holds = a.userId ? a.userId === req.actor.userId : a.organisationId === req.actor.organisationId && a.role === req.actor.role;
  if (!holds) refuse('NOT_ASSIGNEE', '您不是该任务的承办人');
  if (!req.minutes.trim() || !req.attendees.trim()) refuse('INVALID_FORM_DATA', '请填写参加人员和会议记录或佐证材料');
  if (req.date < item.view.periodStart) refuse('INVALID_FORM_DATA', `活动日期不能早于本期开始日期${item.view.periodStart}`);
  if (req.date > chinaDate(new Date(Date.now()))) refuse('INVALID_FORM_DATA', '活动日期不能晚于今天');
  if (item.quota!.unit === 'hours' && !(req.hours !== undefined && req.hours > 0)) refuse('INVALID_FORM_DATA', '须填写本次学时数');
}

/**
 * One record counted toward the occurrence's quota: done (on time or late)
 * when the minimum is reached; a record past the maximum is kept and flagged.
 * A late record that completes an overdue occurrence also closes its task.
 */
async function recordOne(input: ObligationScheduleInput, item: Item, req: RecordObligationRequest): Promise<OccurrenceView> {
  await local.recordOccurrence(countOne(input, item, req));
  return item.view;
}

/** The request's records counted one after another, written in one go. */
async function recordSeveral(input: ObligationScheduleInput, item: Item, req: RecordObligationRequest): Promise<OccurrenceView> {
  const entries = [req, ...req.more!.map((entry) => entryOf(req, entry))];
  await local.recordOccurrences({ records: entries.map((entry) => countOne(input, item, entry)) });
  return item.view;
}

/** One record counted toward the item's quota (its state moved on), as the activity writes it. */
function countOne(input: ObligationScheduleInput, item: Item, req: RecordObligationRequest): OccurrenceRecordRow {
  const quota = item.quota!;
  const { counted, reached, overMax } = countRecord(quota, item.view.counted ?? 0, recordAmount(quota, req.hours));
  const completes = reached && item.view.status !== 'completed';
  const late = Date.now() >= dueAt(item);
  item.view.counted = counted;
  if (completes) {
    item.view.status = 'completed';
    item.view.completedLate = late;
  }
  // Past its period the task takes no more records once done.
  const closeTask = completes && late;
  if (closeTask) item.taskOpen = false;
  return {
    recordId: uuid4(),
    occurrenceId: item.view.id,
    organisationId: input.organisationId,
    date: req.date,
    attendees: req.attendees,
    minutes: req.minutes,
    hours: quota.unit === 'hours' ? (req.hours ?? null) : null,
    counted,
    overMax,
    completes,
    late,
    closeTask,
    actor: req.actor,
    at: workflowTime(),
  };
}
