import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { workflowTime } from './steps/workflow-time';
import type { AssessmentActivities } from '../activities/assessment.activities';
import {
  type RubricAssessmentInput,
  type RubricAssessmentView,
  rubricAssessmentQuery,
  submitAssessmentUpdate,
  submitSelfScoresUpdate,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { type Assignee, type Rubric, type ScoreSheet, type TaskActor, checkScores, checkVetoes, scoreRubric } from '../libs/domain/src/core';

const activities = proxyActivities<AssessmentActivities>(SHORT_ACTIVITY);

const holds = (a: Assignee, actor: TaskActor) => (a.userId ? a.userId === actor.userId : a.organisationId === actor.organisationId && a.role === actor.role);

/**
 * rubric assessment (考核): the branch's self scores, then the assessor's
 * scores and veto items, against a versioned rubric; the result says whether
 * the branch passes and why not.
 */
export async function rubricAssessment(input: RubricAssessmentInput): Promise<RubricAssessmentView> {
  const rubric: Rubric = input.rubric;
  let self: ScoreSheet | undefined;
  let opened = false;
  const view: RubricAssessmentView = { assessmentId: input.assessmentId, status: 'self_assessment', result: null };
  const refuse = (type: string, message: string): never => {
    throw ApplicationFailure.nonRetryable(message, type);
  };
  setHandler(rubricAssessmentQuery, () => view);

  setHandler(
    submitSelfScoresUpdate,
    async (req) => {
      self = req.scores;
      view.status = 'assessing';
      await condition(() => opened); // the assessment's row exists before scores are written to it
      await activities.recordScores({ assessmentId: input.assessmentId, stage: 'self', scores: req.scores, actor: req.actor, assessor: input.assessor, at: workflowTime() });
      return view;
    },
    {
      validator: (req) => {
        if (view.status !== 'self_assessment') refuse('TASK_NOT_OPEN', '自评已提交，不能重复提交');
        if (!holds(input.selfAssessor, req.actor)) refuse('NOT_ASSIGNEE', '只有本支部可以提交自评');
        const problems = checkScores(rubric, req.scores);
        if (problems.length) refuse('INVALID_SCORES', problems.map((p) => p.message).join('；'));
      },
    },
  );

  setHandler(
    submitAssessmentUpdate,
    async (req) => {
      view.status = 'completed';
      view.result = scoreRubric(rubric, self!, req.scores, req.vetoes, req.upheldObjection ?? false);
      await condition(() => opened);
      await activities.recordScores({ assessmentId: input.assessmentId, stage: 'assessor', scores: req.scores, vetoes: req.vetoes, result: view.result, actor: req.actor, at: workflowTime() });
      return view;
    },
    {
      validator: (req) => {
        if (view.status === 'self_assessment') refuse('TASK_NOT_OPEN', '支部尚未提交自评');
        if (view.status === 'completed') refuse('TASK_NOT_OPEN', '考核已完成，不能重复评分');
        if (!holds(input.assessor, req.actor)) refuse('NOT_ASSIGNEE', '您不是该支部的考核人');
        const problems = [...checkScores(rubric, req.scores), ...checkVetoes(rubric, req.vetoes)];
        if (problems.length) refuse('INVALID_SCORES', problems.map((p) => p.message).join('；'));
      },
    },
  );

  await activities.openAssessment({ input, workflowId: workflowInfo().workflowId, at: workflowTime() });
  opened = true;
  await condition(() => view.status === 'completed');
  await condition(allHandlersFinished);
  return view;
}
