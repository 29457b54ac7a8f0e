import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { workflowTime } from './steps/workflow-time';
import type { AssessmentActivities } from '../activities/assessment.activities';
import {
  type DifferentialSelectionInput,
  type DifferentialSelectionResult,
  selectionProposalQuery,
  submitSelectionUpdate,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { proposeSelection, validateSelection } from '../libs/domain/src/core';

const activities = proxyActivities<AssessmentActivities>(SHORT_ACTIVITY);

/**
 * differentialSelection (差额): the committee submits its choice of k of n;
 * the validator refuses any choice that breaks a rule, naming the rule. The
 * rules' own proposal (priority first, then score) is there to query.
 */
export async function differentialSelection(input: DifferentialSelectionInput): Promise<DifferentialSelectionResult> {
  let result: DifferentialSelectionResult | undefined;
  setHandler(selectionProposalQuery, () => proposeSelection(input.candidates, input.rules));
  setHandler(
    submitSelectionUpdate,
    async (req) => {
      const proposal = proposeSelection(input.candidates, input.rules);
      const chosen = new Set(req.chosen);
      const decided: DifferentialSelectionResult = {
        selectionId: input.selectionId,
        selected: req.chosen,
        explanations: proposal.explanations.map((e) => ({
          ...e,
          selected: chosen.has(e.candidateId),
          reason: chosen.has(e.candidateId) === e.selected ? e.reason : `${e.reason}；党委集体研究${chosen.has(e.candidateId) ? '决定推荐' : `未推荐：${req.reasons?.[e.candidateId] ?? ''}`}`,
        })),
        decidedBy: req.actor.userId,
      };
      result = decided;
      await activities.recordSelection({ input, request: req, result: decided, at: workflowTime() });
      return decided;
    },
    {
      validator: (req) => {
        if (result) throw ApplicationFailure.nonRetryable('已作出差额遴选决定，不能重复提交', 'TASK_NOT_OPEN');
        if (req.actor.organisationId !== input.decider.organisationId || req.actor.role !== input.decider.role) {
          throw ApplicationFailure.nonRetryable('您无权作出该遴选决定', 'NOT_ASSIGNEE');
        }
        const violations = validateSelection(input.candidates, input.rules, req.chosen, req.reasons);
        if (violations.length) {
          throw ApplicationFailure.nonRetryable(violations.map((v) => v.message).join('；'), 'SELECTION_RULE_VIOLATED', ...violations.map((v) => v.rule));
        }
      },
    },
  );
  await condition(() => result !== undefined);
  await condition(allHandlersFinished);
  return result!;
}
