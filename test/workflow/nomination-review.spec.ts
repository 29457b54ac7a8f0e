import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import {
  type Actor,
  NOMINATION_REVIEW_WORKFLOW,
  nominationStateQuery,
  nominationWorkflowId,
  resubmitNominationUpdate,
  reviewDecisionUpdate,
  submitNominationUpdate,
} from '../../libs/contracts/src';
import { NominationEntity, NominationStepEntity, TaskEntity } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';
import { actorAt, nominationInput, sampleForm } from '../support/fixtures';
import { readInfra } from '../support/infra';
import { createTimeSkippingEnv } from '../support/temporal';

const TASK_QUEUE = 'nomination-review-test';
const BRANCH = 'tsq-cyjd-b01';

describe('nominationReview workflow on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let reviewer: Actor;
  let otherReviewer: Actor;
  let secretary: Actor;
  let year = 2030;

  beforeAll(async () => {
    [env, db] = await Promise.all([createTimeSkippingEnv(), createTestDatabase()]);
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: { codePath: readInfra().workflowBundle },
      activities: createActivities(db.dataSource),
    });
    running = worker.run();
    reviewer = await actorAt(db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
    otherReviewer = await actorAt(db.dataSource, 'dyq-zdjd.reviewer', 'reviewer');
    secretary = await actorAt(db.dataSource, `${BRANCH}.secretary`, 'submitter');
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.drop();
  });

  /** Each nomination is for its own campaign year, so the one-per-branch-and-year rule never collides. */
  async function submit(campaignYear = ++year): Promise<{ handle: WorkflowHandle; nominationId: string; taskId: string }> {
    const nominationId = randomUUID();
    const input = await nominationInput(db.dataSource, BRANCH, nominationId, campaignYear);
    const handle = await env.client.workflow.start(NOMINATION_REVIEW_WORKFLOW, {
      workflowId: nominationWorkflowId(nominationId),
      taskQueue: TASK_QUEUE,
      args: [input],
    });
    const receipt = await handle.executeUpdate(submitNominationUpdate);
    expect(receipt).toMatchObject({ nominationId, status: 'under_review' });
    return { handle, nominationId, taskId: receipt.taskId! };
  }

  const notes = (taskId: string): Promise<Array<{ kind: string; organisation_id: string; role: string | null; user_id: string | null }>> =>
    db.dataSource.query(`SELECT kind, organisation_id, role, user_id FROM notifications WHERE task_id = $1 ORDER BY created_at, kind`, [taskId]);

  const steps = (nominationId: string) =>
    db.dataSource.getRepository(NominationStepEntity).find({ where: { nominationId }, order: { createdAt: 'ASC' } });

  async function refusalOf(promise: Promise<unknown>): Promise<string | undefined> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).type ?? undefined;
  }

  it('registers the nomination and opens a review task for the grassroots committee', async () => {
    const { nominationId, taskId } = await submit();
    const task = await db.dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    expect(task).toMatchObject({ status: 'open', role: 'reviewer', organisationId: reviewer.organisationId, subjectId: nominationId });
    const nomination = await db.dataSource.getRepository(NominationEntity).findOneByOrFail({ id: nominationId });
    expect(nomination.status).toBe('under_review');
    expect((await steps(nominationId)).map((s) => s.action)).toEqual(['submitted']);
  });

  it('approves: the workflow completes and the opinion is stored on the nomination', async () => {
    const { handle, nominationId, taskId } = await submit();
    const receipt = await handle.executeUpdate(reviewDecisionUpdate, {
      args: [{ taskId, decision: 'approve', opinion: '同意推荐', actor: reviewer }],
    });
    expect(receipt.status).toBe('approved');
    await expect(handle.result()).resolves.toMatchObject({ status: 'approved' });
    const history = await steps(nominationId);
    expect(history.map((s) => [s.action, s.opinion, s.actorRole])).toEqual([
      ['submitted', '', 'submitter'],
      ['approve', '同意推荐', 'reviewer'],
    ]);
    expect(history[1]).toMatchObject({ actorId: reviewer.userId, actorName: reviewer.displayName, organisationId: reviewer.organisationId });
    const task = await db.dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    expect(task).toMatchObject({ status: 'completed', outcome: 'approve', completedBy: reviewer.userId });
    // The committee's reviewers were told of the new task; the submitter hears the decision on their own nomination.
    expect(await notes(taskId)).toEqual([
      { kind: 'task_opened', organisation_id: reviewer.organisationId, role: 'reviewer', user_id: null },
      { kind: 'decision', organisation_id: secretary.organisationId, role: null, user_id: secretary.userId },
    ]);
  });

  it('returns for revision, takes the resubmission and reviews it again (records history)', async () => {
    const { handle, nominationId, taskId } = await submit();
    await handle.executeUpdate(reviewDecisionUpdate, {
      args: [{ taskId, decision: 'return', opinion: '主要事迹不够具体，请补充数据', actor: reviewer }],
    });
    expect((await db.dataSource.getRepository(NominationEntity).findOneByOrFail({ id: nominationId })).status).toBe('returned');
    expect((await notes(taskId)).map((n) => [n.kind, n.user_id])).toEqual([
      ['task_opened', null],
      ['returned', secretary.userId],
    ]);

    const again = await handle.executeUpdate(resubmitNominationUpdate, {
      args: [{ form: sampleForm({ mainDeeds: '三年来集体收入由20万元增至45万元。' }), actor: secretary }],
    });
    expect(again.taskId).not.toBe(taskId);
    expect(again.status).toBe('under_review');
    const nomination = await db.dataSource.getRepository(NominationEntity).findOneByOrFail({ id: nominationId });
    expect(nomination.mainDeeds).toBe('三年来集体收入由20万元增至45万元。');

    await handle.executeUpdate(reviewDecisionUpdate, { args: [{ taskId: again.taskId!, decision: 'approve', opinion: '同意', actor: reviewer }] });
    await expect(handle.result()).resolves.toMatchObject({ status: 'approved' });
    expect((await steps(nominationId)).map((s) => s.action)).toEqual(['submitted', 'return', 'resubmitted', 'approve']);

    if (process.env.RECORD_HISTORIES) {
      const history = await handle.fetchHistory();
      const dir = path.resolve(__dirname, '../replay/histories');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'nominationReview.local-writes.return-resubmit-approve.json'), historyToJSON(history));
    }
  });

  it('refuses a decision on the wrong task, by the wrong committee, or without a required opinion, changing nothing', async () => {
    const { handle, nominationId, taskId } = await submit();
    const before = await handle.query(nominationStateQuery);

    expect(await refusalOf(handle.executeUpdate(reviewDecisionUpdate, { args: [{ taskId: randomUUID(), decision: 'approve', opinion: '', actor: reviewer }] }))).toBe('TASK_NOT_OPEN');
    expect(await refusalOf(handle.executeUpdate(reviewDecisionUpdate, { args: [{ taskId, decision: 'approve', opinion: '', actor: otherReviewer }] }))).toBe('NOT_ASSIGNEE');
    expect(await refusalOf(handle.executeUpdate(reviewDecisionUpdate, { args: [{ taskId, decision: 'return', opinion: '  ', actor: reviewer }] }))).toBe('INVALID_DECISION');
    expect(await refusalOf(handle.executeUpdate(resubmitNominationUpdate, { args: [{ form: sampleForm(), actor: secretary }] }))).toBe('NOT_RESUBMITTABLE');

    expect(await handle.query(nominationStateQuery)).toEqual(before);
    expect((await steps(nominationId)).map((s) => s.action)).toEqual(['submitted']);
    expect((await db.dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId })).status).toBe('open');
  });

  it('lets exactly one of two simultaneous approvals through', async () => {
    for (let round = 0; round < 5; round++) {
      const { handle, nominationId, taskId } = await submit();
      const decide = () => handle.executeUpdate(reviewDecisionUpdate, { args: [{ taskId, decision: 'approve', opinion: '同意', actor: reviewer }] });
      const results = await Promise.allSettled([decide(), decide()]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(((rejected.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('TASK_NOT_OPEN');
      expect((await steps(nominationId)).filter((s) => s.action === 'approve')).toHaveLength(1);
    }
  });

  it('answers a retried decision with the same update id once, recording one approval', async () => {
    const { handle, nominationId, taskId } = await submit();
    const updateId = randomUUID();
    const args = [{ taskId, decision: 'approve' as const, opinion: '同意', actor: reviewer }] as [never];
    const first = await handle.executeUpdate(reviewDecisionUpdate, { args, updateId });
    const second = await handle.executeUpdate(reviewDecisionUpdate, { args, updateId });
    expect(second).toEqual(first);
    expect((await steps(nominationId)).filter((s) => s.action === 'approve')).toHaveLength(1);
  });

  it('refuses a second live nomination of the same branch in the same year', async () => {
    await submit(++year);
    const nominationId = randomUUID();
    const handle = await env.client.workflow.start(NOMINATION_REVIEW_WORKFLOW, {
      workflowId: nominationWorkflowId(nominationId),
      taskQueue: TASK_QUEUE,
      args: [await nominationInput(db.dataSource, BRANCH, nominationId, year)],
    });
    expect(await refusalOf(handle.executeUpdate(submitNominationUpdate))).toBe('DUPLICATE_NOMINATION');
    expect(await db.dataSource.getRepository(NominationEntity).existsBy({ id: nominationId })).toBe(false);
  });

  it('fails the step at once, without retrying, when the database refuses the data, and tells the submitter why', async () => {
    const nominationId = randomUUID();
    // Text the API's edge would refuse, sent straight to the workflow: PostgreSQL cannot store a NUL.
    const input = { ...(await nominationInput(db.dataSource, BRANCH, nominationId, ++year)), form: sampleForm({ mainDeeds: 'NUL\u0000字符' }) };
    const handle = await env.client.workflow.start(NOMINATION_REVIEW_WORKFLOW, { workflowId: nominationWorkflowId(nominationId), taskQueue: TASK_QUEUE, args: [input] });
    expect(await refusalOf(handle.executeUpdate(submitNominationUpdate))).toBe('DATA_REJECTED');
    // The workflow ends failed, named, for an operator to find; the activity ran once.
    const failure = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((failure as Error).cause)).toContain('提交的内容无法保存');
    const { events } = await handle.fetchHistory();
    const localActivities = events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(localActivities).toHaveLength(1);
    expect(localActivities[0]!.markerRecordedEventAttributes!.failure?.applicationFailureInfo).toMatchObject({ type: 'DATA_REJECTED', nonRetryable: true });
    expect(await db.dataSource.getRepository(NominationEntity).existsBy({ id: nominationId })).toBe(false);
  });
});
