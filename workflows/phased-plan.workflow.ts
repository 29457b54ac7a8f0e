import { condition, proxyActivities } from '@temporalio/workflow';
import { CAMPAIGN_ACTIVITY } from '../libs/contracts/src';
import type { ObligationActivities } from '../activities/obligation.activities';
import type { PhaseOutcome, PhasedPlanInput } from '../libs/contracts/src';
import { chinaEndOfDay } from '../libs/domain/src/core';

const activities = proxyActivities<ObligationActivities>(CAMPAIGN_ACTIVITY);

/**
 * phased plan: phases with hard end dates and measurable targets (Wujin's
 * "full audit → 100% compliant → a brand for every branch"). At each end date
 * the target is measured over the organisation's subtree and recorded as met
 * or missed.
 */
export async function phasedPlan(input: PhasedPlanInput): Promise<PhaseOutcome[]> {
  await activities.openMilestones({ planId: input.planId, phases: input.phases });
  const outcomes: PhaseOutcome[] = [];
  for (const phase of [...input.phases].sort((a, b) => a.endsOn.localeCompare(b.endsOn))) {
    await condition(() => false, Math.max(Date.parse(chinaEndOfDay(phase.endsOn)) - Date.now(), 0));
    const { measured, met } = await activities.evaluateMilestone({ planId: input.planId, phase, organisationId: input.organisationId, asOf: new Date().toISOString() });
    outcomes.push({ code: phase.code, status: met ? 'met' : 'missed', measured });
  }
  return outcomes;
}
