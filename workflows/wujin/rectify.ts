import { executeChild, uuid4 } from '@temporalio/workflow';
import type { Unit } from '../../libs/contracts/src';
import type { Duration } from '../../libs/domain/src/core';
import { type RubricRef, type WujinRectificationResult, wujinRectificationWorkflowId } from '../../libs/processes/src/wujin';
import type { wujinRectification } from './rectification.workflow';
import { deadlineWithin } from './steps';

/** A failed branch's rectification, due `window` from now and no later than `latest`; its reassessment's deadlines are `latest`. */
export async function rectifyBranch(a: {
  campaignId: string;
  branch: Unit;
  committee: Unit;
  orgDepartment: Unit;
  rubric: RubricRef;
  reasons: string[];
  year: number;
  window: Duration;
  latest: string;
}): Promise<WujinRectificationResult> {
  const dueAt = await deadlineWithin(a.year, a.window, a.latest);
  return executeChild<typeof wujinRectification>('wujinRectification', {
    workflowId: wujinRectificationWorkflowId(a.campaignId, a.branch.id),
    args: [
      { campaignId: a.campaignId, rectificationId: uuid4(), branch: a.branch, committee: a.committee, orgDepartment: a.orgDepartment, reasons: a.reasons, dueAt, reassessmentDueAt: a.latest, rubric: a.rubric },
    ],
  });
}
