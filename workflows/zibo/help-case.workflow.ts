import { chinaEndOfDay } from '../../libs/domain/src/core';
import type { ZiboHelpCaseInput } from '../../libs/processes/src/zibo';
import { workflowTime } from '../steps/workflow-time';
import { bureauOf, decider, decision, secretaryOf, zibo, ziboTask } from './steps';

/**
 * One-to-one help (一对一结对帮教, seed 000): a lagging member, a helper and a
 * rectification deadline; by the deadline the branch closes the case with its
 * outcome (rectified or not, always saying what happened). Late, the bureau is told.
 */
export async function ziboHelpCase(input: ZiboHelpCaseInput): Promise<void> {
  const closed = await ziboTask(input.campaignId, 'benchmarking', {
    kind: 'zibo_help_case',
    title: `结对帮教限期整改：${input.branch.name} ${input.memberName}（帮教人：${input.helperName}）`,
    subject: { type: 'zibo_help_case', id: input.caseId },
    assignee: secretaryOf(input.branch),
    outcomes: ['rectified', 'not_rectified'],
    opinionRequiredFor: ['rectified', 'not_rectified'],
    dueAt: chinaEndOfDay(input.deadline),
    escalateTo: bureauOf(input.bureau),
  });
  await zibo.closeZiboHelpCase({ caseId: input.caseId, rectified: closed.outcome === 'rectified', outcome: decision(closed).opinion, actor: decider(closed), at: workflowTime() });
}
