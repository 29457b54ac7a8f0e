import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  DIFFERENTIAL_SELECTION_WORKFLOW,
  type DifferentialSelectionInput,
  differentialSelectionWorkflowId,
  selectionProposalQuery,
  submitSelectionUpdate,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import type { differentialSelection } from '../../workflows';
import { actorAt } from '../support/fixtures';
import { type WorkflowHarness, startWorkflowHarness } from '../support/workflow-harness';

describe('differentialSelection workflow on the time-skipping server', () => {
  let h: WorkflowHarness;
  let committee: Actor;
  let outsider: Actor;
  beforeAll(async () => {
    h = await startWorkflowHarness('selection-test');
    committee = await actorAt(h.db.dataSource, 'tsq.reviewer', 'reviewer');
    outsider = await actorAt(h.db.dataSource, 'dyq.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  // Six candidates for two places (1:2 needs four eligible), one vetoed, one with provincial honours.
  const input = (): DifferentialSelectionInput => ({
    selectionId: randomUUID(),
    title: '泰山区本级红旗党支部差额遴选',
    organisationId: committee.organisationId,
    decider: { organisationId: committee.organisationId, role: 'reviewer' },
    rules: { places: 2, minRatio: 2, cap: { share: 0.1, governed: 30 } },
    candidates: [
      { id: 'a', name: '东关村党支部', score: 88 },
      { id: 'b', name: '花园社区党支部', score: 95 },
      { id: 'c', name: '泰山钢铁党支部', score: 70, priority: true },
      { id: 'd', name: '泰山玻纤党支部', score: 99, excludedBecause: '税务部门一票否决：偷逃税款' },
      { id: 'e', name: '教研室党支部', score: 60 },
      { id: 'f', name: '老干部党支部', score: 55 },
    ],
  });
  const start = (i: DifferentialSelectionInput) =>
    h.env.client.workflow.start<typeof differentialSelection>(DIFFERENTIAL_SELECTION_WORKFLOW, { workflowId: differentialSelectionWorkflowId(i.selectionId), taskQueue: h.taskQueue, args: [i] });
  async function refusal(p: Promise<unknown>): Promise<{ type: string; rules: unknown[]; message: string }> {
    const err = (await p.then(() => undefined, (e: unknown) => e)) as WorkflowUpdateFailedError;
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = err.cause as ApplicationFailure;
    return { type: cause.type!, rules: cause.details as unknown[], message: cause.message };
  }

  it('differentialSelection: proposes priority first, then by score, and explains every candidate (records history)', async () => {
    const i = input();
    const handle = await start(i);
    const proposal = await handle.query(selectionProposalQuery);
    expect(proposal.selected).toEqual(['c', 'b']);
    expect(proposal.explanations.find((e) => e.candidateId === 'd')).toMatchObject({ selected: false, rank: null, reason: expect.stringContaining('一票否决') });
    expect(proposal.explanations.find((e) => e.candidateId === 'a')!.reason).toContain('超出2个名额');

    const result = await handle.executeUpdate(submitSelectionUpdate, { args: [{ chosen: ['c', 'b'], actor: committee }] });
    expect(result.selected).toEqual(['c', 'b']);
    await expect(handle.result()).resolves.toMatchObject({ selected: ['c', 'b'], decidedBy: committee.userId });
    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../replay/histories/differentialSelection.decided.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('differentialSelection: refuses a choice that breaks a rule, naming the rule', async () => {
    const handle = await start(input());
    const submit = (chosen: string[], reasons?: Record<string, string>, actor = committee) => handle.executeUpdate(submitSelectionUpdate, { args: [{ chosen, reasons, actor }] });
    expect(await refusal(submit(['c', 'b', 'a']))).toMatchObject({ type: 'SELECTION_RULE_VIOLATED', rules: ['PLACES'], message: expect.stringContaining('名额规则') });
    expect(await refusal(submit(['c', 'd']))).toMatchObject({ rules: ['EXCLUDED'], message: expect.stringContaining('偷逃税款') });
    expect(await refusal(submit(['a', 'b']))).toMatchObject({ rules: ['PRIORITY'], message: expect.stringContaining('优先推荐规则') });
    expect(await refusal(submit(['c', 'zz']))).toMatchObject({ rules: ['UNKNOWN_CANDIDATE'] });
    expect((await refusal(submit(['c', 'b'], undefined, outsider))).type).toBe('NOT_ASSIGNEE');
    // Leaving the priority candidate out is allowed with a stated reason.
    const result = await submit(['a', 'b'], { c: '该支部近期班子调整，待明年推荐' });
    expect(result.explanations.find((e) => e.candidateId === 'c')!.reason).toContain('待明年推荐');
  });

  it('differentialSelection: refuses when the pool breaks 1:2, or the 10% cap is exceeded', async () => {
    const thin = { ...input(), candidates: input().candidates.slice(0, 4) }; // a, b, c eligible; d vetoed
    const h1 = await start(thin);
    expect(await refusal(h1.executeUpdate(submitSelectionUpdate, { args: [{ chosen: ['c', 'b'], actor: committee }] }))).toMatchObject({ rules: ['RATIO'], message: expect.stringContaining('差额比例规则') });
    const capped = { ...input(), rules: { places: 2, minRatio: 2, cap: { share: 0.1, governed: 15 } } }; // 10% of 15 is 1
    const h2 = await start(capped);
    expect(await refusal(h2.executeUpdate(submitSelectionUpdate, { args: [{ chosen: ['c', 'b'], actor: committee }] }))).toMatchObject({ rules: ['CAP'], message: expect.stringContaining('10%') });
    expect((await h2.query(selectionProposalQuery)).selected).toEqual(['c']);
  });
});
