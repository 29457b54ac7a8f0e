import { proxyActivities } from '@temporalio/workflow';
import type { WujinComplianceActivities } from '../../activities/wujin/wujin-compliance.activities';
import type { WujinDeployActivities } from '../../activities/wujin/wujin-deploy.activities';
import { type Actor, CAMPAIGN_ACTIVITY, type HumanTaskResult, type Unit } from '../../libs/contracts/src';
import { type Assignee, CalendarYearMissing, type Duration, type Role, periodEnd } from '../../libs/domain/src/core';
import type { WujinStage } from '../../libs/processes/src/wujin';
import { type TaskSpec, calendarFor, campaignTask, startCampaignTask } from '../steps/campaign-steps';

/** Wujin's writes: each a short transaction over its own tables. */
export const wujin = proxyActivities<WujinDeployActivities & WujinComplianceActivities>(CAMPAIGN_ACTIVITY);

export interface WujinTaskSpec extends Omit<TaskSpec, 'assignee' | 'outcomes' | 'escalateTo'> {
  campaignId: string;
  stage: WujinStage;
  assignee: Assignee;
  outcomes: string[];
  escalateTo: { organisationId: string; role: Role } | null;
}

/** One piece of Wujin's work: the engine's campaign task, an opinion needed only where the outcome says so. */
export function wujinTask({ campaignId, stage, ...spec }: WujinTaskSpec): Promise<HumanTaskResult> {
  return campaignTask(campaignId, stage, { ...spec, opinionRequiredFor: spec.opinionRequiredFor ?? [] });
}

/** The same, once it has started (see startCampaignTask): for work opened for every branch at once. */
export function startWujinTask({ campaignId, stage, ...spec }: WujinTaskSpec) {
  return startCampaignTask(campaignId, stage, { ...spec, opinionRequiredFor: spec.opinionRequiredFor ?? [] });
}

export const reviewerOf = (unit: Unit): Assignee => ({ organisationId: unit.id, role: 'reviewer' });
export const submitterOf = (unit: Unit): Assignee => ({ organisationId: unit.id, role: 'submitter' });

/** Who decided a task, in the role they held for it, as the records name them. */
export function decider(result: HumanTaskResult): Actor {
  const d = result.decisions.at(-1)!;
  return { userId: d.by, displayName: d.byName, role: d.role!, organisationId: d.organisationId };
}

/** The decision that settled the task, with its opinion and form answer. */
export const decision = (result: HumanTaskResult) => result.decisions.at(-1)!;

/** A deadline `window` from now on the working-day calendar, never after `latest` (nor into a year the calendar lacks). */
export async function deadlineWithin(year: number, window: Duration, latest: string): Promise<string> {
  try {
    const due = periodEnd(await calendarFor(year), new Date(Date.now()).toISOString(), window).endsAt;
    return due < latest ? due : latest;
  } catch (err) {
    if (err instanceof CalendarYearMissing) return latest;
    throw err;
  }
}
