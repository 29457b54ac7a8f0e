import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { LiangshanActivities } from '../../activities/liangshan/liangshan.activities';
import { CAMPAIGN_ACTIVITY, type ObligationScheduleInput, obligationScheduleWorkflowId } from '../../libs/contracts/src';
import {
  LIANGSHAN_RESPONSIBLE_ROLE,
  type LiangshanCommitteeYearInput,
  type LiangshanYearInput,
  liangshanCommitteeWorkflowId,
  liangshanObligationSpecs,
  liangshanScheduleId,
} from '../../libs/processes/src/liangshan';
import type { obligationSchedule } from '../obligation-schedule.workflow';
import { CampaignRun } from '../steps/campaign-run';
import { startInChunks } from '../steps/in-chunks';
import { workflowTime } from '../steps/workflow-time';

const liangshan = proxyActivities<LiangshanActivities>(CAMPAIGN_ACTIVITY);

/**
 * Liangshan's year (PROCESSES.md §5, seed 002): every branch of the tree
 * keeps the year's responsibility list. The list is taken when the year
 * starts (the administrator's for that year, else the seed's); a committee's
 * branches are the work of a child, which gives each branch one schedule of
 * the engine's obligations holding all its items — not a workflow per item.
 */
export async function liangshanYear(input: LiangshanYearInput): Promise<{ campaignId: string; status: 'completed' | 'cancelled' }> {
  const { campaignId, params } = input;
  const run = new CampaignRun(input);
  const status = await run.run(async () => {
    const items = await liangshan.openLiangshanYear({ campaignId, year: params.year, thresholds: params.thresholds, organisationId: input.orgDepartment.id, at: workflowTime() });
    const committees = await liangshan.loadLiangshanTree({ districtId: input.districtCommittee.id });
    const work = await startInChunks(committees, (committee) =>
      startChild<typeof liangshanCommitteeYear>('liangshanCommitteeYear', {
        workflowId: liangshanCommitteeWorkflowId(campaignId, committee.id),
        args: [{ campaignId, year: params.year, committee, items, reminderDays: params.reminderDays } satisfies LiangshanCommitteeYearInput],
      }),
    );
    await run.waitUntilOpens('responsibility_list');
    await run.enter('responsibility_list');
    await run.waitUntilDue('responsibility_list');
    await run.finish('responsibility_list');
    // Late work is still taken after the last deadline: the year ends when every branch's schedule has.
    await Promise.all(work.map((w) => w.result()));
  });
  return { campaignId, status };
}

/**
 * A committee's branches' year: a schedule each, which runs its year out on
 * its own (abandoned, should this close early); the responsible people hold
 * the work, each item's leader is told when it is late and the committee
 * above is told too.
 */
export async function liangshanCommitteeYear(input: LiangshanCommitteeYearInput): Promise<void> {
  const { campaignId, committee, year } = input;
  await liangshan.recordLiangshanBranchYears({ campaignId, committeeId: committee.id, branches: committee.branches.map((b) => ({ id: b.id, scheduleId: liangshanScheduleId(campaignId, b.id, year) })) });
  const schedules = await startInChunks(committee.branches, (b) => {
    const scheduleId = liangshanScheduleId(campaignId, b.id, year);
    return startChild<typeof obligationSchedule>('obligationSchedule', {
      workflowId: obligationScheduleWorkflowId(scheduleId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          scheduleId,
          organisationId: b.id,
          year,
          obligations: liangshanObligationSpecs(input.items, b),
          assignee: { organisationId: b.id, role: LIANGSHAN_RESPONSIBLE_ROLE },
          escalateTo: { organisationId: committee.id, role: 'reviewer' },
          reminderDays: input.reminderDays,
        } satisfies ObligationScheduleInput,
      ],
    });
  });
  await Promise.all(schedules.map((s) => s.result()));
}
