import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Assignee, Rubric, RubricResult, ScoreSheet, TaskActor } from '../../domain/src';

export const RUBRIC_ASSESSMENT_WORKFLOW = 'rubricAssessment';
export const rubricAssessmentWorkflowId = (assessmentId: string) => `assessment-${assessmentId}`;

/** A branch scores itself against a rubric, then its committee assesses (自评 → 考核). */
export interface RubricAssessmentInput {
  assessmentId: string;
  /** The rubric version the caller loaded; it travels with the workflow so that replay never reads it again. */
  rubric: Rubric;
  organisationId: string;
  selfAssessor: Assignee;
  assessor: Assignee;
}

export interface SelfScoresRequest {
  scores: ScoreSheet;
  actor: TaskActor;
}

export interface AssessorScoresRequest {
  scores: ScoreSheet;
  vetoes: string[];
  upheldObjection?: boolean;
  actor: TaskActor;
}

export interface RubricAssessmentView {
  assessmentId: string;
  status: 'self_assessment' | 'assessing' | 'completed';
  result: RubricResult | null;
}

export const submitSelfScoresUpdate = defineUpdate<RubricAssessmentView, [SelfScoresRequest]>('submitSelfScores');
export const submitAssessmentUpdate = defineUpdate<RubricAssessmentView, [AssessorScoresRequest]>('submitAssessment');
export const rubricAssessmentQuery = defineQuery<RubricAssessmentView>('rubricAssessmentState');
