import { getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { WujinReElectionActivities } from '../../activities/wujin/wujin-re-election.activities';
import { CAMPAIGN_ACTIVITY, moveOccurrenceSignal } from '../../libs/contracts/src';
import { chinaDate, chinaEndOfDay } from '../../libs/domain/src/core';
import { type WujinReElectionDelayInput, type WujinReElectionDelayResult, delayPostpones } from '../../libs/processes/src/wujin';
import { workflowTime } from '../steps/workflow-time';
import { deadlineWithin, decider, decision, reviewerOf, wujinTask } from './steps';

const delays = proxyActivities<WujinReElectionActivities>(CAMPAIGN_ACTIVITY);

/**
 * A branch asks to delay its re-election (换届延期); its committee approves or
 * refuses with an opinion. Approved, the branch's term ends on the new date and
 * the re-election still to be done moves with it: within its schedule, or, when
 * the new date falls in a year whose schedule the plan has yet to start (it
 * reads the new term end), out of this year's as 'postponed'.
 */
export async function wujinReElectionDelay(input: WujinReElectionDelayInput): Promise<WujinReElectionDelayResult> {
  const { branch, committee } = input;
  const today = chinaDate(workflowTime());
  const dueAt = await deadlineWithin(Number(today.slice(0, 4)), { amount: 10, unit: 'working_days' }, chinaEndOfDay(input.until));
  const task = await wujinTask({
    campaignId: input.campaignId,
    stage: input.stage,
    kind: 'wujin_re_election_delay',
    title: `审批延期换届：${branch.name}，本届任期${input.termEndsOn}届满，申请延期至${input.until}（理由：${input.reason}）`,
    subject: { type: 'wujin_re_election_delay', id: input.delayId },
    assignee: reviewerOf(committee),
    outcomes: ['approve', 'refuse'],
    opinionRequiredFor: ['approve', 'refuse'],
    dueAt,
    escalateTo: reviewerOf(input.orgDepartment),
  });
  const approved = task.outcome === 'approve';
  const opinion = decision(task).opinion ?? null;
  const actor = decider(task);
  const open = approved ? await delays.openReElection({ campaignId: input.campaignId, branchId: branch.id }) : null;
  const postpone = open !== null && delayPostpones({ occurrenceYear: open.year, until: input.until, lastScheduleYear: input.lastScheduleYear, today: chinaDate(workflowTime()) });
  const occurrenceChange = open ? (postpone ? 'postponed' : 'moved') : null;
  await delays.decideReElectionDelay({ delayId: input.delayId, approved, opinion, occurrenceChange, actor, at: workflowTime() });
  if (open) {
    try {
      await getExternalWorkflowHandle(open.scheduleWorkflowId).signal(moveOccurrenceSignal, {
        occurrenceId: open.occurrenceId,
        dueDate: input.until,
        postpone,
        reason: `经${committee.name}批准延期换届${opinion ? `：${opinion}` : ''}`,
        actor,
      });
    } catch {
      // The schedule has ended meanwhile (its year and grace are over): the term end moved, nothing is left to move.
    }
  }
  return { delayId: input.delayId, status: approved ? 'approved' : 'refused', occurrenceChange };
}
