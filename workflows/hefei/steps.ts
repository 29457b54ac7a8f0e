import { executeChild, proxyActivities, uuid4 } from '@temporalio/workflow';
import type { HefeiActivities } from '../../activities/hefei/hefei.activities';
import { type Actor, CAMPAIGN_ACTIVITY, type HumanTaskInput, type HumanTaskResult, humanTaskWorkflowId } from '../../libs/contracts/src';
import { type Assignee, CalendarYearMissing, type Duration, type GroupPolicy, type Role, type TaskForm, chinaDate } from '../../libs/domain/src';
import { type HefeiStage, rectificationDueOn } from '../../libs/processes/src/hefei';
import { calendarFor } from '../steps/campaign-steps';
import type { humanTask } from '../human-task.workflow';

/** Hefei's writes: each a short transaction over its own tables. */
export const hefei = proxyActivities<HefeiActivities>(CAMPAIGN_ACTIVITY);

export interface HefeiTaskSpec {
  campaignId: string;
  stage: HefeiStage;
  kind: string;
  title: string;
  subject: { type: string; id: string };
  assignees: Assignee[];
  /** Single unless said: or-sign ('any') where any of several may decide for the body. */
  policy?: GroupPolicy;
  outcomes: string[];
  /** Outcomes that need an opinion (a return, a dissolution). */
  opinionRequiredFor?: string[];
  form?: TaskForm;
  dueAt: string;
  escalateTo: { organisationId: string; role: Role } | null;
}

/** One piece of Hefei's work as a humanTask child, with reminders before its deadline; returns when it is decided. */
export function hefeiTask(spec: HefeiTaskSpec): Promise<HumanTaskResult> {
  const taskId = uuid4();
  return executeChild<typeof humanTask>('humanTask', {
    workflowId: humanTaskWorkflowId(taskId),
    args: [
      {
        taskId,
        kind: spec.kind,
        title: spec.title,
        subject: spec.subject,
        assignees: spec.assignees,
        policy: spec.policy ?? { mode: 'single' },
        outcomes: spec.outcomes,
        opinionRequiredFor: spec.opinionRequiredFor ?? [],
        dueAt: spec.dueAt,
        remindBeforeHours: [72, 24],
        escalateTo: spec.escalateTo,
        form: spec.form ?? null,
        closesAtDue: false,
        campaignId: spec.campaignId,
        stage: spec.stage,
      } satisfies HumanTaskInput,
    ],
  });
}

/** Who decided a task, in the role they held for it, as the records name them. */
export function decider(result: HumanTaskResult): Actor {
  const d = result.decisions.at(-1)!;
  return { userId: d.by, displayName: d.byName, role: d.role!, organisationId: d.organisationId };
}

/** The decision that settled the task, with its opinion and form answer. */
export const decision = (result: HumanTaskResult) => result.decisions.at(-1)!;

/** A deadline a given number of days after now (for work that reopens after a return), never before `floor`. */
export function dueAfter(days: number, floor: string): string {
  const due = new Date(Date.now() + days * 86_400_000).toISOString();
  return due > floor ? due : floor;
}

/** A rectification's last day: the window in working days from today, never after `latest` (nor into a year the calendar lacks). */
export async function rectificationDue(year: number, window: Duration, latest: string): Promise<string> {
  const calendar = await calendarFor(year);
  try {
    const due = rectificationDueOn(calendar, chinaDate(new Date(Date.now())), window);
    return due < latest ? due : latest;
  } catch (err) {
    if (err instanceof CalendarYearMissing) return latest;
    throw err;
  }
}
