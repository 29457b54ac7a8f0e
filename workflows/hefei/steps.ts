import { proxyActivities } from '@temporalio/workflow';
import type { HefeiActivities } from '../../activities/hefei/hefei.activities';
import { type Actor, CAMPAIGN_ACTIVITY, type HumanTaskResult } from '../../libs/contracts/src';
import { type Assignee, CalendarYearMissing, type Duration, type Role, chinaDate } from '../../libs/domain/src/core';
import { type HefeiStage, rectificationDueOn } from '../../libs/processes/src/hefei';
import { type TaskSpec, calendarFor, campaignTask } from '../steps/campaign-steps';

/** Hefei's writes: each a short transaction over its own tables. */
export const hefei = proxyActivities<HefeiActivities>(CAMPAIGN_ACTIVITY);

export interface HefeiTaskSpec extends Omit<TaskSpec, 'assignee' | 'outcomes'> {
  campaignId: string;
  stage: HefeiStage;
  assignees: Assignee[];
  outcomes: string[];
  escalateTo: { organisationId: string; role: Role } | null;
}

/** One piece of Hefei's work: the engine's campaign task, an opinion needed only where the outcome says so. */
export function hefeiTask({ campaignId, stage, assignees, ...spec }: HefeiTaskSpec): Promise<HumanTaskResult> {
  return campaignTask(campaignId, stage, { ...spec, assignee: assignees, opinionRequiredFor: spec.opinionRequiredFor ?? [] });
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
