import { executeChild } from '@temporalio/workflow';
import type { RectificationData, WujinRectificationInput, WujinRectificationResult } from '../../libs/processes/src/wujin';
import { wujinAssessmentWorkflowId } from '../../libs/processes/src/wujin';
import { workflowTime } from '../steps/workflow-time';
import type { wujinAssessment } from './assessment.workflow';
import { decider, decision, reviewerOf, submitterOf, wujin, wujinTask } from './steps';

const OUTCOMES = { accept: 'accepted', return: 'returned', dissolve: 'dissolved', merge: 'merged' } as const;

/**
 * A failed branch's rectification (整顿): the branch reports its measures with
 * evidence by the deadline; its committee accepts (the branch is assessed
 * again), returns it with an opinion, or — for a weak organisation that does
 * not cooperate — dissolves or merges it (撤销、撤并), with its reasons.
 */
export async function wujinRectification(input: WujinRectificationInput): Promise<WujinRectificationResult> {
  const { campaignId, rectificationId, branch, committee } = input;
  await wujin.openWujinRectification({ rectificationId, campaignId, branchId: branch.id, committeeId: committee.id, reasons: input.reasons, dueAt: input.dueAt, at: workflowTime() });
  for (let submission = 1; ; submission++) {
    const report = await wujinTask({
      campaignId,
      stage: 'rectification',
      kind: 'wujin_rectification',
      title: `整顿${submission > 1 ? '（退回后重新报告）' : ''}：${branch.name}`,
      subject: { type: 'wujin_rectification', id: rectificationId },
      assignee: submitterOf(branch),
      outcomes: ['submitted'],
      form: { kind: 'wujin_rectification', branchName: branch.name, reasons: input.reasons },
      dueAt: submission === 1 ? input.dueAt : input.reassessmentDueAt,
      escalateTo: reviewerOf(committee),
    });
    await wujin.submitWujinRectification({ rectificationId, submission, data: decision(report).data as RectificationData, actor: decider(report), at: workflowTime() });
    const review = await wujinTask({
      campaignId,
      stage: 'rectification',
      kind: 'wujin_rectification_review',
      title: `整顿情况审核：${branch.name}`,
      subject: { type: 'wujin_rectification', id: rectificationId },
      assignee: reviewerOf(committee),
      outcomes: ['accept', 'return', 'dissolve', 'merge'],
      opinionRequiredFor: ['return', 'dissolve', 'merge'],
      dueAt: input.reassessmentDueAt,
      escalateTo: reviewerOf(input.orgDepartment),
    });
    const outcome = OUTCOMES[review.outcome as keyof typeof OUTCOMES];
    await wujin.decideWujinRectification({ rectificationId, campaignId, branchId: branch.id, submission, outcome, opinion: decision(review).opinion, actor: decider(review), at: workflowTime() });
    if (outcome === 'dissolved' || outcome === 'merged') return { rectificationId, branchId: branch.id, outcome, reassessment: null };
    if (outcome === 'accepted') break;
  }
  const reassessment = await executeChild<typeof wujinAssessment>('wujinAssessment', {
    workflowId: wujinAssessmentWorkflowId(campaignId, branch.id, 2),
    args: [
      {
        campaignId,
        round: 2,
        branch,
        committee,
        orgDepartment: input.orgDepartment,
        rubric: input.rubric,
        declarationDueAt: input.reassessmentDueAt,
        verificationDueAt: input.reassessmentDueAt,
      },
    ],
  });
  return { rectificationId, branchId: branch.id, outcome: 'reassessed', reassessment };
}
