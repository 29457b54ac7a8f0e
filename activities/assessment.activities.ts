import type { DataSource } from 'typeorm';
import type { DifferentialSelectionInput, DifferentialSelectionResult, RubricAssessmentInput, SelectionDecisionRequest } from '../libs/contracts/src';
import type { RubricResult, ScoreSheet, TaskActor } from '../libs/domain/src';
import { appendAudit } from '../libs/persistence/src';

const actorFields = (a: TaskActor) => ({ actorId: a.userId, actorName: a.displayName, actorRole: a.role, organisationId: a.organisationId });

/** Side effects of the differential selection and the rubric assessment. */
export function createAssessmentActivities(ds: DataSource) {
  return {
    async recordSelection({ input, request, result }: { input: DifferentialSelectionInput; request: SelectionDecisionRequest; result: DifferentialSelectionResult }): Promise<void> {
      await ds.transaction((em) =>
        appendAudit(em, {
          ...actorFields(request.actor),
          action: 'selection.decided',
          subjectType: 'selection',
          subjectId: input.selectionId,
          opinion: Object.entries(request.reasons ?? {}).map(([id, r]) => `${id}：${r}`).join('；'),
          before: { candidates: input.candidates.map((c) => c.id), rules: input.rules },
          after: { selected: result.selected, explanations: result.explanations },
          requestId: `${input.selectionId}:decided`,
        }),
      );
    },

    async openAssessment({ input, workflowId }: { input: RubricAssessmentInput; workflowId: string }): Promise<void> {
      await ds.query(
        `INSERT INTO rubric_assessments (id, rubric_code, rubric_version, organisation_id, workflow_id, status) VALUES ($1, $2, $3, $4, $5, 'self_assessment') ON CONFLICT (id) DO NOTHING`,
        [input.assessmentId, input.rubric.code, input.rubric.version, input.organisationId, workflowId],
      );
    },

    async recordScores(args: { assessmentId: string; stage: 'self' | 'assessor'; scores: ScoreSheet; vetoes?: string[]; result?: RubricResult; actor: TaskActor }): Promise<void> {
      await ds.transaction(async (em) => {
        const column = args.stage === 'self' ? 'self_scores' : 'assessor_scores';
        const status = args.stage === 'self' ? 'assessing' : 'completed';
        const updated = await em.query(
          `UPDATE rubric_assessments SET ${column} = $2, vetoes = coalesce($3, vetoes), result = coalesce($4, result), status = $5, updated_at = now()
            WHERE id = $1 AND ${column} IS NULL RETURNING id`,
          [args.assessmentId, JSON.stringify(args.scores), args.vetoes ? JSON.stringify(args.vetoes) : null, args.result ? JSON.stringify(args.result) : null, status],
        );
        if (!updated.length) return;
        await appendAudit(em, {
          ...actorFields(args.actor),
          action: args.stage === 'self' ? 'assessment.self_scored' : 'assessment.assessed',
          subjectType: 'rubric_assessment',
          subjectId: args.assessmentId,
          after: { scores: args.scores, vetoes: args.vetoes ?? [], result: args.result ?? null },
          requestId: `${args.assessmentId}:${args.stage}`,
        });
      });
    },
  };
}

export type AssessmentActivities = ReturnType<typeof createAssessmentActivities>;
