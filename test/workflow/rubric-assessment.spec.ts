import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  RUBRIC_ASSESSMENT_WORKFLOW,
  type RubricAssessmentInput,
  rubricAssessmentWorkflowId,
  submitAssessmentUpdate,
  submitSelfScoresUpdate,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import { type ScoreSheet, rubricItems, rubricTotal } from '../../libs/domain/src';
import { WUJIN_RUBRIC } from '../../libs/persistence/src';
import type { rubricAssessment } from '../../workflows';
import { actorAt } from '../support/fixtures';
import { type WorkflowHarness, refusalType, startWorkflowHarness } from '../support/workflow-harness';

describe('rubric assessment workflow on the time-skipping server', () => {
  let h: WorkflowHarness;
  let branch: Actor;
  let assessor: Actor;
  beforeAll(async () => {
    h = await startWorkflowHarness('rubric-test');
    branch = await actorAt(h.db.dataSource, 'tsq-cyjd-b01.secretary', 'submitter');
    assessor = await actorAt(h.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const full = (minus: Record<string, number> = {}): ScoreSheet =>
    Object.fromEntries(rubricItems(WUJIN_RUBRIC).map((i) => [i.code, { score: i.points - (minus[i.code] ?? 0), evidence: '见台账' }]));
  const input = (): RubricAssessmentInput => ({
    assessmentId: randomUUID(),
    rubric: WUJIN_RUBRIC,
    organisationId: branch.organisationId,
    selfAssessor: { organisationId: branch.organisationId, role: 'submitter' },
    assessor: { organisationId: assessor.organisationId, role: 'reviewer' },
  });
  const start = (i: RubricAssessmentInput) =>
    h.env.client.workflow.start<typeof rubricAssessment>(RUBRIC_ASSESSMENT_WORKFLOW, { workflowId: rubricAssessmentWorkflowId(i.assessmentId), taskQueue: h.taskQueue, args: [i] });

  it("rubric: Wujin's rubric ships as seed data: four areas, 28 items", async () => {
    expect(rubricItems(WUJIN_RUBRIC)).toHaveLength(28);
    expect(WUJIN_RUBRIC.areas.map((a) => a.items.length)).toEqual([4, 10, 6, 8]);
    expect(rubricTotal(WUJIN_RUBRIC)).toBe(102); // as printed: the activity items add up to 32, the area says 30
    const [row] = await h.db.dataSource.query(`SELECT jsonb_array_length(definition->'vetoItems') AS vetoes FROM rubrics WHERE code = $1 AND version = 1`, [WUJIN_RUBRIC.code]);
    expect(row.vetoes).toBe(3);
  });

  it('rubric: self scores then assessor scores; ≥ 85 with no veto passes (records history)', async () => {
    const i = input();
    const handle = await start(i);
    await handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: full(), actor: branch }] });
    const view = await handle.executeUpdate(submitAssessmentUpdate, { args: [{ scores: full({ C2: 3, D6: 2.5 }), vetoes: [], actor: assessor }] });
    expect(view.result).toMatchObject({ selfTotal: 102, assessorTotal: 96.5, passed: true, reasons: [] });
    const [row] = await h.db.dataSource.query(`SELECT status, result->>'passed' AS passed FROM rubric_assessments WHERE id = $1`, [i.assessmentId]);
    expect(row).toEqual({ status: 'completed', passed: 'true' });
    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../replay/histories/rubricAssessment.pass.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('rubric: a veto item or a low score fails, with the reasons', async () => {
    const handle = await start(input());
    await handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: full(), actor: branch }] });
    const view = await handle.executeUpdate(submitAssessmentUpdate, { args: [{ scores: full({ B1: 3, B2: 3, B3: 3, B4: 3, C5: 8 }), vetoes: ['secretary_vacant'], actor: assessor }] });
    expect(view.result!.passed).toBe(false);
    expect(view.result!.reasons).toEqual([expect.stringContaining('低于85分'), '存在一票否决情形：党支部书记缺职']);
  });

  it('rubric: refuses scores out of range, unknown items, missing items, unknown vetoes, the wrong people and the wrong order', async () => {
    const handle = await start(input());
    expect(await refusalType(handle.executeUpdate(submitAssessmentUpdate, { args: [{ scores: full(), vetoes: [], actor: assessor }] }))).toBe('TASK_NOT_OPEN');
    expect(await refusalType(handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: full(), actor: assessor }] }))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: { ...full(), A1: { score: 3 } }, actor: branch }] }))).toBe('INVALID_SCORES');
    expect(await refusalType(handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: { ...full(), Z9: { score: 1 } }, actor: branch }] }))).toBe('INVALID_SCORES');
    const { A1: _dropped, ...partial } = full();
    expect(await refusalType(handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: partial, actor: branch }] }))).toBe('INVALID_SCORES');
    await handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: full(), actor: branch }] });
    expect(await refusalType(handle.executeUpdate(submitSelfScoresUpdate, { args: [{ scores: full(), actor: branch }] }))).toBe('TASK_NOT_OPEN');
    expect(await refusalType(handle.executeUpdate(submitAssessmentUpdate, { args: [{ scores: full(), vetoes: ['bad_weather'], actor: assessor }] }))).toBe('INVALID_SCORES');
  });
});
