import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ZiboActivities } from '../../activities/zibo/zibo.activities';
import { type Actor, CAMPAIGN_ACTIVITY, SHORT_ACTIVITY, type HumanTaskResult, type Unit } from '../../libs/contracts/src';
import type { Assignee } from '../../libs/domain/src/core';
import type { ZiboStage } from '../../libs/processes/src/zibo';
import { type TaskSpec, campaignTask } from '../steps/campaign-steps';

/** Zibo's writes: each a short transaction over its own tables. */
export const zibo = proxyActivities<ZiboActivities>(CAMPAIGN_ACTIVITY);
// A branch's records (its plan, scores, project steps) are short, idempotent writes keyed by the task that
// caused them: run in the worker holding the branch's year, each saves a workflow task and a trip through the server.
export const ziboLocal = proxyLocalActivities<ZiboActivities>(SHORT_ACTIVITY);

/** One piece of Zibo's work: the engine's campaign task, an opinion needed only where the outcome says so. */
export function ziboTask(campaignId: string, stage: ZiboStage, spec: TaskSpec): Promise<HumanTaskResult> {
  return campaignTask(campaignId, stage, { ...spec, opinionRequiredFor: spec.opinionRequiredFor ?? [] });
}

/** The bureau committee decides (局党委); the branch's secretary files. */
export const bureauOf = (unit: Unit): Assignee => ({ organisationId: unit.id, role: 'reviewer' });
export const secretaryOf = (unit: Unit): Assignee => ({ organisationId: unit.id, role: 'submitter' });

/** Who decided a task, in the role they held for it, as the records name them. */
export function decider(result: HumanTaskResult): Actor {
  const d = result.decisions.at(-1)!;
  return { userId: d.by, displayName: d.byName, role: d.role!, organisationId: d.organisationId };
}

/** The decision that settled the task, with its opinion and form answer. */
export const decision = (result: HumanTaskResult) => result.decisions.at(-1)!;
