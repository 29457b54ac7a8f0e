import {
  ApplicationFailure,
  type ChildWorkflowHandle,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type { NoticeActivities } from '../activities/notice.activities';
import {
  type HumanTaskInput,
  type ObjectionStatus,
  type PublicNoticeInput,
  type PublicNoticeResult,
  type PublicNoticeView,
  humanTaskWorkflowId,
  lodgeObjectionUpdate,
  publicNoticeWorkflowId,
  publicNoticeQuery,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { CalendarYearMissing, WorkingCalendar, chinaDate, periodEnd } from '../libs/domain/src/core';
import type { humanTask } from './human-task.workflow';
import { workflowTime } from './steps/workflow-time';

const activities = proxyActivities<NoticeActivities>(SHORT_ACTIVITY);

/**
 * publicNotice (公示): a list published for at least N calendar or working
 * days. Anyone may object while it is open; each objection becomes an
 * investigation task (a humanTask child) that upholds it (the item leaves the
 * list) or dismisses it. The notice closes only when its period has run and
 * every objection is resolved; an objection after the period is refused.
 */
export async function publicNotice(input: PublicNoticeInput): Promise<PublicNoticeResult> {
  const view: PublicNoticeView = {
    noticeId: input.noticeId,
    status: 'open',
    lastDay: null,
    endsAt: null,
    items: input.items.map((i) => ({ ...i, status: 'listed' })),
    objections: [],
  };
  const investigations: Array<Promise<void>> = [];
  let endsAt = Number.POSITIVE_INFINITY;
  let published = false;
  setHandler(publicNoticeQuery, () => view);
  const closedMessage = () => `公示期已于${view.lastDay}结束，不再受理异议`;

  setHandler(
    lodgeObjectionUpdate,
    async (req) => {
      const objection = { id: req.objectionId, itemId: req.itemId, status: 'investigating' as ObjectionStatus };
      view.objections.push(objection); // at once, so a concurrent duplicate fails validation
      // Handlers exist from the first moment; an objection that arrives while the notice is being published waits for it.
      await condition(() => published);
      if (Date.now() >= endsAt) {
        view.objections.splice(view.objections.indexOf(objection), 1);
        throw ApplicationFailure.nonRetryable(closedMessage(), 'NOTICE_CLOSED');
      }
      // Lodged when the notice accepts it, on the workflow's clock (not the caller's).
      await activities.recordObjection({ noticeId: input.noticeId, objection: { ...req, lodgedAt: workflowTime() } });
      const item = view.items.find((i) => i.id === req.itemId)!;
      const child: ChildWorkflowHandle<typeof humanTask> = await startChild<typeof humanTask>('humanTask', {
        workflowId: humanTaskWorkflowId(req.objectionId),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            taskId: req.objectionId,
            kind: 'objection_investigation',
            title: `核查公示异议：${item.name}`,
            subject: { type: 'objection', id: req.objectionId },
            assignees: [input.investigator],
            policy: { mode: 'single' },
            outcomes: ['upheld', 'dismissed'],
            opinionRequiredFor: ['upheld', 'dismissed'],
            dueAt: new Date(Date.now() + (input.investigationHours ?? 72) * 3_600_000).toISOString(),
            remindBeforeHours: [24],
            escalateTo: input.escalateTo ?? null,
            ...(input.campaignId ? { campaignId: input.campaignId } : {}),
          } satisfies HumanTaskInput,
        ],
      });
      investigations.push(
        child.result().then(async (result) => {
          const outcome = result.outcome === 'upheld' ? 'upheld' : 'dismissed';
          const decision = result.decisions[0];
          await activities.resolveObjection({
            noticeId: input.noticeId,
            objectionId: req.objectionId,
            itemId: req.itemId,
            outcome,
            resolution: decision?.opinion ?? '',
            by: decision?.by ?? '',
            byName: decision?.byName ?? '',
            organisationId: decision?.organisationId ?? input.organisationId,
            at: workflowTime(),
          });
          objection.status = outcome;
          if (outcome === 'upheld') {
            item.status = 'removed';
            item.removedReason = decision?.opinion ?? '';
          }
        }),
      );
      return { objectionId: req.objectionId, status: objection.status };
    },
    {
      validator: (req) => {
        if (view.status !== 'open' || Date.now() >= endsAt) throw ApplicationFailure.nonRetryable(closedMessage(), 'NOTICE_CLOSED');
        const item = view.items.find((i) => i.id === req.itemId);
        if (!item) throw ApplicationFailure.nonRetryable('公示名单中没有该对象', 'UNKNOWN_ITEM');
        if (item.status === 'removed') throw ApplicationFailure.nonRetryable('该对象已因异议成立被移出名单', 'ITEM_REMOVED');
        if (view.objections.some((o) => o.id === req.objectionId)) throw ApplicationFailure.nonRetryable('该异议已受理', 'DUPLICATE_OBJECTION');
        if (!req.content.trim()) throw ApplicationFailure.nonRetryable('异议内容不能为空', 'INVALID_OBJECTION');
      },
    },
  );

  const year = Number(chinaDate(input.publishedAt).slice(0, 4));
  const calendar = new WorkingCalendar(await activities.loadCalendar({ fromYear: year, toYear: year + 1 }));
  let period: { lastDay: string; endsAt: string };
  try {
    period = periodEnd(calendar, input.publishedAt, input.duration);
  } catch (err) {
    if (err instanceof CalendarYearMissing) throw ApplicationFailure.nonRetryable(err.message, 'CALENDAR_YEAR_MISSING');
    throw err;
  }
  await activities.publishNotice({ input, workflowId: publicNoticeWorkflowId(input.noticeId), lastDay: period.lastDay, endsAt: period.endsAt });
  view.lastDay = period.lastDay;
  view.endsAt = period.endsAt;
  endsAt = Date.parse(period.endsAt);
  published = true;

  await condition(() => false, Math.max(endsAt - Date.now(), 0));
  view.status = 'closing';
  await activities.setNoticeStatus({ noticeId: input.noticeId, status: 'closing', at: workflowTime() });
  // Every objection lodged before the close is investigated before the notice closes.
  await condition(allHandlersFinished);
  await Promise.all(investigations);
  view.status = 'closed';
  await activities.setNoticeStatus({ noticeId: input.noticeId, status: 'closed', at: workflowTime() });

  return {
    noticeId: input.noticeId,
    kept: view.items.filter((i) => i.status === 'listed').map((i) => i.id),
    removed: view.items.filter((i) => i.status === 'removed').map((i) => ({ itemId: i.id, reason: i.removedReason ?? '' })),
    objections: {
      lodged: view.objections.length,
      upheld: view.objections.filter((o) => o.status === 'upheld').length,
      dismissed: view.objections.filter((o) => o.status === 'dismissed').length,
    },
  };
}
