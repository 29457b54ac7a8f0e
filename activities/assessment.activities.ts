import type { DataSource, EntityManager } from 'typeorm';
import type { DifferentialSelectionInput, DifferentialSelectionResult, RubricAssessmentInput, SelectionDecisionRequest } from '../libs/contracts/src';
import type { Assignee, Rubric, RubricResult, RubricScoresForm, ScoreSheet, TaskActor } from '../libs/domain/src';
import { appendAudit, changedRows, deterministicUuid, organisationPaths } from '../libs/persistence/src';

const actorFields = (a: TaskActor) => ({ actorId: a.userId, actorName: a.displayName, actorRole: a.role, organisationId: a.organisationId });

/** The two inbox rows of a rubric assessment: the branch's self-assessment, then the assessor's scoring. */
export const rubricTaskId = (assessmentId: string, stage: 'self' | 'assessor') => deterministicUuid(`${assessmentId}:${stage}`);

const rubricForm = (rubric: Rubric, vetoes: boolean): RubricScoresForm => ({
  kind: 'rubric_scores',
  rubric: { code: rubric.code, version: rubric.version, name: rubric.name, areas: rubric.areas, vetoItems: rubric.vetoItems, passThreshold: rubric.passThreshold },
  vetoes,
});

async function openRubricTask(
  em: EntityManager,
  a: { assessmentId: string; workflowId: string; stage: 'self' | 'assessor'; assignee: Assignee; organisationId: string; form: RubricScoresForm; at: string },
): Promise<void> {
  const paths = await organisationPaths(em, [a.assignee.organisationId]);
  const [org] = await em.query(`SELECT name FROM organisations WHERE id = $1`, [a.organisationId]);
  const title = `${a.stage === 'self' ? '自评' : '考核评分'}：${a.form.rubric.name}（${org?.name ?? ''}）`;
  await em.query(
    `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, group_id, assignee_user_id, form, created_at)
     VALUES ($1, $2, $3, $4, 'rubric_assessment', $5, $6, $7, $8, 'open', $5, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
    [
      rubricTaskId(a.assessmentId, a.stage),
      a.workflowId,
      a.stage === 'self' ? 'rubric_self_assessment' : 'rubric_assessment',
      title,
      a.assessmentId,
      a.assignee.organisationId,
      paths.get(a.assignee.organisationId) ?? '/',
      a.assignee.role,
      a.assignee.userId ?? null,
      JSON.stringify(a.form),
      a.at,
    ],
  );
}

/** Side effects of the differential selection and the rubric assessment. */
export function createAssessmentActivities(ds: DataSource) {
  return {
    async recordSelection({ input, request, result, at }: { input: DifferentialSelectionInput; request: SelectionDecisionRequest; result: DifferentialSelectionResult; at: string }): Promise<void> {
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
          at,
        }),
      );
    },

    async openAssessment({ input, workflowId, at }: { input: RubricAssessmentInput; workflowId: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(
          `INSERT INTO rubric_assessments (id, rubric_code, rubric_version, organisation_id, workflow_id, status, updated_at) VALUES ($1, $2, $3, $4, $5, 'self_assessment', $6) ON CONFLICT (id) DO NOTHING`,
          [input.assessmentId, input.rubric.code, input.rubric.version, input.organisationId, workflowId, at],
        );
        await openRubricTask(em, { assessmentId: input.assessmentId, workflowId, stage: 'self', assignee: input.selfAssessor, organisationId: input.organisationId, form: rubricForm(input.rubric, false), at });
      });
    },

    /** Scores of one stage; the self scores also close the branch's task and open the assessor's (`assessor`: who scores next). */
    async recordScores(args: { assessmentId: string; stage: 'self' | 'assessor'; scores: ScoreSheet; vetoes?: string[]; result?: RubricResult; actor: TaskActor; assessor?: Assignee; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE tasks SET status = 'completed', outcome = $3, completed_at = coalesce(completed_at, $4), completed_by = $2, overdue = false WHERE id = $1 AND status = 'open'`, [
          rubricTaskId(args.assessmentId, args.stage),
          args.actor.userId,
          args.stage === 'self' ? 'submitted' : 'completed',
          args.at,
        ]);
        if (args.stage === 'self' && args.assessor) {
          // The assessor scores against the rubric the branch was given (its row carries it); an assessment opened before rows were kept has none.
          const [self] = await em.query(`SELECT workflow_id, form FROM tasks WHERE id = $1`, [rubricTaskId(args.assessmentId, 'self')]);
          const [assessment] = await em.query(`SELECT organisation_id FROM rubric_assessments WHERE id = $1`, [args.assessmentId]);
          if (self?.form && assessment) {
            await openRubricTask(em, {
              assessmentId: args.assessmentId,
              workflowId: self.workflow_id,
              stage: 'assessor',
              assignee: args.assessor,
              organisationId: assessment.organisation_id,
              form: { ...(self.form as RubricScoresForm), vetoes: true },
              at: args.at,
            });
          }
        }
        const column = args.stage === 'self' ? 'self_scores' : 'assessor_scores';
        const status = args.stage === 'self' ? 'assessing' : 'completed';
        const updated = await changedRows(
          em,
          `UPDATE rubric_assessments SET ${column} = $2, vetoes = coalesce($3, vetoes), result = coalesce($4, result), status = $5, updated_at = $6
            WHERE id = $1 AND ${column} IS NULL RETURNING id`,
          [args.assessmentId, JSON.stringify(args.scores), args.vetoes ? JSON.stringify(args.vetoes) : null, args.result ? JSON.stringify(args.result) : null, status, args.at],
        );
        if (!updated.length) return;
        await appendAudit(em, {
          ...actorFields(args.actor),
          action: args.stage === 'self' ? 'assessment.self_scored' : 'assessment.assessed',
          subjectType: 'rubric_assessment',
          subjectId: args.assessmentId,
          after: { scores: args.scores, vetoes: args.vetoes ?? [], result: args.result ?? null },
          requestId: `${args.assessmentId}:${args.stage}`,
          at: args.at,
        });
      });
    },
  };
}

export type AssessmentActivities = ReturnType<typeof createAssessmentActivities>;
