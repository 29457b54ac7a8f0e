import { executeChild, uuid4 } from '@temporalio/workflow';
import { type RubricAssessmentInput, rubricAssessmentWorkflowId } from '../../libs/contracts/src';
import { rubricItems } from '../../libs/domain/src/core';
import type { DeclarationData, VerificationData, WujinAssessmentInput, WujinAssessmentResult } from '../../libs/processes/src/wujin';
import type { rubricAssessment } from '../rubric-assessment.workflow';
import { workflowTime } from '../steps/workflow-time';
import { decider, decision, reviewerOf, submitterOf, wujin, wujinTask } from './steps';

/**
 * One branch's assessment round, level by level (区委、基层党(工)委、党支部逐级考核):
 * the branch scores itself against the rubric with evidence and its committee
 * scores it and marks veto items (the engine's rubric assessment); the
 * committee declares it to the district, marking the items to be checked on
 * site; the district organisation department verifies and decides, recording
 * who checked each of those items and when. A pass is refused by the form's
 * rules when the score is under the threshold or a veto item applies.
 */
export async function wujinAssessment(input: WujinAssessmentInput): Promise<WujinAssessmentResult> {
  const { campaignId, branch, committee, round } = input;
  const rubric = { ...(await wujin.loadWujinRubric({ code: input.rubric.code, version: input.rubric.version })), passThreshold: input.rubric.passThreshold };
  const stage = round === 1 ? 'committee_assessment' : 'rectification';
  const assessmentId = uuid4();
  await wujin.openWujinRound({ assessmentId, campaignId, branchId: branch.id, committeeId: committee.id, round, rubric, at: workflowTime() });
  const scored = await executeChild<typeof rubricAssessment>('rubricAssessment', {
    workflowId: rubricAssessmentWorkflowId(assessmentId),
    args: [{ assessmentId, rubric, organisationId: branch.id, selfAssessor: submitterOf(branch), assessor: reviewerOf(committee) } satisfies RubricAssessmentInput],
  });
  const result = scored.result!;
  const vetoes = rubric.vetoItems.filter((v) => result.reasons.some((r) => r.endsWith(v.text))).map((v) => v.text);
  const items = rubricItems(rubric).map((i) => ({ code: i.code, standard: i.standard }));

  const declared = await wujinTask({
    campaignId,
    stage,
    kind: 'wujin_declaration',
    title: `考核申报（${branch.name}，考核得分${result.assessorTotal}分）`,
    subject: { type: 'rubric_assessment', id: assessmentId },
    assignee: reviewerOf(committee),
    outcomes: ['declared'],
    form: { kind: 'wujin_declaration', branchName: branch.name, assessorTotal: result.assessorTotal, items },
    dueAt: input.declarationDueAt,
    escalateTo: reviewerOf(input.orgDepartment),
  });
  const declaration = decision(declared).data as DeclarationData;
  await wujin.recordWujinDeclaration({ assessmentId, data: declaration, actor: decider(declared), at: workflowTime() });

  const onSite = items.filter((i) => declaration.onSiteItems.includes(i.code));
  const verified = await wujinTask({
    campaignId,
    stage: round === 1 ? 'district_verification' : 'rectification',
    kind: 'wujin_verification',
    title: `验收评定（${branch.name}${round > 1 ? '，整顿后复核' : ''}）`,
    subject: { type: 'rubric_assessment', id: assessmentId },
    assignee: reviewerOf(input.orgDepartment),
    outcomes: ['pass', 'fail'],
    positive: 'pass',
    opinionRequiredFor: ['fail'],
    form: { kind: 'wujin_verification', branchName: branch.name, assessorTotal: result.assessorTotal, passThreshold: rubric.passThreshold, vetoes, onSiteItems: onSite },
    dueAt: input.verificationDueAt,
    escalateTo: null,
  });
  const passed = verified.outcome === 'pass';
  const verdict = decision(verified);
  const checks = passed ? (verdict.data as VerificationData).onSiteChecks : [];
  await wujin.recordWujinVerdict({ assessmentId, campaignId, branchId: branch.id, passed, opinion: verdict.opinion, checks, result, vetoes, actor: decider(verified), at: workflowTime() });
  const reasons = passed ? [] : result.reasons.length ? result.reasons : [`区委组织部验收未通过：${verdict.opinion}`];
  return { assessmentId, branchId: branch.id, round, passed, score: result.assessorTotal, vetoes, reasons, result };
}
