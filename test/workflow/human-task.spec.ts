import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  HUMAN_TASK_WORKFLOW,
  type HumanTaskInput,
  type TaskActionRequest,
  humanTaskQuery,
  humanTaskWorkflowId,
  taskActionUpdate,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import type { Assignee, TaskAction } from '../../libs/domain/src';
import { actorAt } from '../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../support/workflow-harness';

describe('humanTask workflow on the time-skipping server', () => {
  let h: WorkflowHarness;
  const people: Record<string, Actor> = {};

  beforeAll(async () => {
    h = await startWorkflowHarness('human-task-test');
    for (const [key, user, role] of [
      ['a', 'tsq-cyjd.reviewer', 'reviewer'],
      ['b', 'tsq-dmjd.reviewer', 'reviewer'],
      ['c', 'tsq.reviewer', 'reviewer'],
      ['member', 'tsq-cyjd.member', 'committee_member'],
      ['secretary', 'tsq-cyjd-b01.secretary', 'submitter'],
      ['admin', 'admin', 'administrator'],
      ['outsider', 'dyq-zdjd.reviewer', 'reviewer'],
    ] as const) {
      people[key] = await actorAt(h.db.dataSource, user, role);
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  const slot = (p: Actor): Assignee => ({ organisationId: p.organisationId, role: p.role });
  const input = (overrides: Partial<HumanTaskInput> = {}): HumanTaskInput => ({
    taskId: randomUUID(),
    kind: 'approval',
    title: '审核推荐材料',
    subject: { type: 'nomination', id: randomUUID() },
    assignees: [slot(people.a!)],
    policy: { mode: 'single' },
    outcomes: ['approve', 'reject', 'return'],
    opinionRequiredFor: ['reject', 'return'],
    returnTargets: ['grassroots_review'],
    submitter: people.secretary!,
    dueAt: null,
    ...overrides,
  });

  async function start(i: HumanTaskInput): Promise<WorkflowHandle> {
    const handle = await h.env.client.workflow.start(HUMAN_TASK_WORKFLOW, { workflowId: humanTaskWorkflowId(i.taskId), taskQueue: h.taskQueue, args: [i] });
    // The read model has its rows once the first sync ran; wait on that condition, not on time.
    await handle.query(humanTaskQuery);
    return handle;
  }
  const act = (handle: WorkflowHandle, actor: Actor, action: TaskAction, updateId?: string) =>
    handle.executeUpdate(taskActionUpdate, { args: [{ actor, action } satisfies TaskActionRequest], ...(updateId ? { updateId } : {}) });
  const approve = (handle: WorkflowHandle, actor: Actor) => act(handle, actor, { type: 'decide', decision: 'approve', opinion: '同意' });
  const rows = (taskId: string) =>
    h.db.dataSource.query(`SELECT organisation_id, role, status, outcome, overdue, delegated_to_user_id FROM tasks WHERE group_id = $1 ORDER BY created_at, id`, [taskId]);

  it('humanTask: one assignee approves; the read model and the audit trail follow (records history)', async () => {
    const i = input();
    const handle = await start(i);
    expect(await rows(i.taskId)).toEqual([expect.objectContaining({ organisation_id: people.a!.organisationId, status: 'open' })]);
    const view = await approve(handle, people.a!);
    expect(view).toMatchObject({ status: 'completed', outcome: 'approve' });
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'approve', decisions: [{ decision: 'approve', by: people.a!.userId }] });
    expect(await rows(i.taskId)).toEqual([expect.objectContaining({ status: 'completed', outcome: 'approve' })]);
    const audit = await h.db.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [i.taskId]);
    expect(audit).toEqual([
      { action: 'task.opened', actor_role: 'system' },
      { action: 'task.decide.approve', actor_role: 'reviewer' },
    ]);
    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../replay/histories/humanTask.local-writes.approve.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('humanTask: routed by the tree — "the grassroots committee above this branch" decides', async () => {
    const i = input({ assignees: [], route: { to: 'committee_above', of: people.secretary!.organisationId, role: 'reviewer' } });
    const handle = await start(i);
    const opened = await eventually(() => handle.query(humanTaskQuery), (v) => v.slots.length === 1);
    expect(opened.slots[0]!.assignee).toEqual({ organisationId: people.a!.organisationId, role: 'reviewer' });
    await approve(handle, people.a!);
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'approve' });
  });

  it('humanTask: refuses the wrong person, an unknown decision, a missing opinion and a decided task, changing nothing', async () => {
    const handle = await start(input());
    const before = await handle.query(humanTaskQuery);
    expect(await refusalType(approve(handle, people.outsider!))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(approve(handle, people.member!))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(act(handle, people.a!, { type: 'decide', decision: 'maybe', opinion: '' }))).toBe('INVALID_DECISION');
    expect(await refusalType(act(handle, people.a!, { type: 'decide', decision: 'reject', opinion: ' ' }))).toBe('INVALID_DECISION');
    expect(await refusalType(act(handle, people.a!, { type: 'decide', decision: 'return', opinion: '补充', returnTo: 'nowhere' }))).toBe('INVALID_DECISION');
    expect(await handle.query(humanTaskQuery)).toEqual(before);
    await approve(handle, people.a!);
    expect(['TASK_NOT_OPEN', 'WorkflowClosed']).toContain(await refusalType(approve(handle, people.a!)));
  });

  it('humanTask: returns to the submitter or to a named earlier step', async () => {
    const toStep = await start(input());
    await act(toStep, people.a!, { type: 'decide', decision: 'return', opinion: '请基层党委重新研究', returnTo: 'grassroots_review' });
    await expect(toStep.result()).resolves.toMatchObject({ outcome: 'return', returnTo: 'grassroots_review' });
    const toSubmitter = await start(input());
    await act(toSubmitter, people.a!, { type: 'decide', decision: 'return', opinion: '请补充材料' });
    await expect(toSubmitter.result()).resolves.toMatchObject({ outcome: 'return', returnTo: 'submitter' });
  });

  it('humanTask: countersign needs everyone; one rejection decides', async () => {
    const all = input({ assignees: [slot(people.a!), slot(people.b!), slot(people.c!)], policy: { mode: 'all' } });
    const h1 = await start(all);
    await approve(h1, people.a!);
    await approve(h1, people.b!);
    expect((await h1.query(humanTaskQuery)).status).toBe('open');
    await approve(h1, people.c!);
    await expect(h1.result()).resolves.toMatchObject({ outcome: 'approve' });

    const h2 = await start({ ...all, taskId: randomUUID() });
    await approve(h2, people.a!);
    await act(h2, people.b!, { type: 'decide', decision: 'reject', opinion: '材料不实' });
    await expect(h2.result()).resolves.toMatchObject({ outcome: 'reject' });
    expect((await rows((await h2.query(humanTaskQuery)).taskId)).map((r: { status: string }) => r.status).sort()).toEqual(['cancelled', 'completed', 'completed']);
  });

  it('humanTask: or-sign completes on the first approval; a ratio completes when enough approve, or fails when it no longer can', async () => {
    const any = await start(input({ assignees: [slot(people.a!), slot(people.b!)], policy: { mode: 'any' } }));
    await approve(any, people.b!);
    await expect(any.result()).resolves.toMatchObject({ outcome: 'approve' });
    expect(['TASK_NOT_OPEN', 'WorkflowClosed']).toContain(await refusalType(approve(any, people.a!)));

    const ratio = input({ assignees: [slot(people.a!), slot(people.b!), slot(people.c!)], policy: { mode: 'ratio', ratio: 2 / 3 } });
    const r1 = await start(ratio);
    await approve(r1, people.a!);
    await approve(r1, people.c!);
    await expect(r1.result()).resolves.toMatchObject({ outcome: 'approve' });
    const r2 = await start({ ...ratio, taskId: randomUUID() });
    await act(r2, people.a!, { type: 'decide', decision: 'reject', opinion: '不同意' });
    await act(r2, people.b!, { type: 'decide', decision: 'reject', opinion: '不同意' });
    await expect(r2.result()).resolves.toMatchObject({ outcome: 'reject' });
  });

  it('humanTask: a transferred task belongs to its new assignee only', async () => {
    const i = input();
    const handle = await start(i);
    await act(handle, people.a!, { type: 'transfer', to: slot(people.b!), opinion: '属该街道职责' });
    expect(await refusalType(approve(handle, people.a!))).toBe('NOT_ASSIGNEE');
    await approve(handle, people.b!);
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'approve', decisions: [{ by: people.b!.userId }] });
    expect((await rows(i.taskId)).map((r: { organisation_id: string; status: string }) => [r.organisation_id, r.status])).toEqual([
      [people.a!.organisationId, 'cancelled'],
      [people.b!.organisationId, 'completed'],
    ]);
  });

  it('humanTask: a delegated task comes back to its owner, who decides', async () => {
    const i = input();
    const handle = await start(i);
    await act(handle, people.a!, { type: 'delegate', to: { userId: people.member!.userId, displayName: people.member!.displayName }, opinion: '请先核实' });
    expect((await rows(i.taskId))[0].delegated_to_user_id).toBe(people.member!.userId);
    expect(await refusalType(approve(handle, people.a!))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(act(handle, people.b!, { type: 'reply', opinion: '我不是受托人' }))).toBe('NOT_ASSIGNEE');
    await act(handle, people.member!, { type: 'reply', opinion: '经核实，情况属实' });
    await approve(handle, people.a!);
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'approve', decisions: [{ by: people.a!.userId }] });
  });

  it('humanTask: an added co-signer must approve too', async () => {
    const handle = await start(input());
    await act(handle, people.a!, { type: 'add_cosigner', assignee: slot(people.c!) });
    expect(await refusalType(act(handle, people.a!, { type: 'add_cosigner', assignee: slot(people.c!) }))).toBe('INVALID_ACTION');
    await approve(handle, people.a!);
    expect((await handle.query(humanTaskQuery)).status).toBe('open');
    await approve(handle, people.c!);
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'approve' });
  });

  it('humanTask: only the submitter withdraws, and only before anyone acted', async () => {
    const early = await start(input());
    expect(await refusalType(act(early, people.a!, { type: 'withdraw' }))).toBe('NOT_SUBMITTER');
    await act(early, people.secretary!, { type: 'withdraw', opinion: '材料有误，撤回重报' });
    await expect(early.result()).resolves.toMatchObject({ outcome: 'withdrawn' });

    const late = await start(input({ assignees: [slot(people.a!), slot(people.b!)], policy: { mode: 'all' } }));
    await approve(late, people.a!);
    expect(await refusalType(act(late, people.secretary!, { type: 'withdraw' }))).toBe('ALREADY_ACTED');
  });

  it('humanTask: reminds before the deadline, shows overdue and tells the level above; an extension clears it', async () => {
    const now = await h.env.currentTimeMs();
    const i = input({ dueAt: new Date(now + 5 * 86_400_000).toISOString(), remindBeforeHours: [72, 24], escalateTo: { organisationId: people.c!.organisationId, role: 'reviewer' } });
    const handle = await start(i);
    const notes = () => h.db.dataSource.query(`SELECT kind, organisation_id FROM notifications WHERE task_id = $1 ORDER BY created_at, kind`, [i.taskId]);
    await act(handle, people.secretary!, { type: 'urge', opinion: '请尽快办理' });
    // Told when it opened (新待办), then urged.
    expect(await notes()).toEqual([
      { kind: 'task_opened', organisation_id: people.a!.organisationId },
      { kind: 'urge', organisation_id: people.a!.organisationId },
    ]);

    await h.env.sleep('3 days'); // two days before the deadline: the 72-hour reminder has gone out
    expect((await notes()).filter((n: { kind: string }) => n.kind === 'reminder')).toHaveLength(1);
    await h.env.sleep('49 hours');
    const after = await notes();
    expect(after.filter((n: { kind: string }) => n.kind === 'reminder')).toHaveLength(2);
    expect(after).toEqual(expect.arrayContaining([{ kind: 'overdue', organisation_id: people.a!.organisationId }, { kind: 'escalation', organisation_id: people.c!.organisationId }]));
    expect((await rows(i.taskId))[0].overdue).toBe(true);
    expect((await handle.query(humanTaskQuery)).overdue).toBe(true);

    expect(await refusalType(act(handle, people.a!, { type: 'extend', dueAt: new Date(now + 10 * 86_400_000).toISOString(), opinion: '延期' }))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(act(handle, people.admin!, { type: 'extend', dueAt: new Date(now + 10 * 86_400_000).toISOString(), opinion: '' }))).toBe('INVALID_ACTION');
    await act(handle, people.admin!, { type: 'extend', dueAt: new Date(now + 10 * 86_400_000).toISOString(), opinion: '因汛期延期' });
    expect((await rows(i.taskId))[0].overdue).toBe(false);
    await approve(handle, people.a!);
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'approve' });
  });

  it('humanTask: a retried action with the same request id takes effect once', async () => {
    const i = input();
    const handle = await start(i);
    const requestId = randomUUID();
    const first = await act(handle, people.a!, { type: 'decide', decision: 'approve', opinion: '同意' }, requestId);
    const again = await act(handle, people.a!, { type: 'decide', decision: 'approve', opinion: '同意' }, requestId);
    expect(again).toEqual(first);
    const decided = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'task.decide.approve'`, [i.taskId]);
    expect(decided).toEqual([{ n: 1 }]);
  });

  it('humanTask: two reviewers approving at the same moment, 100 times over: exactly one approval each time', async () => {
    const twin = { ...people.a!, userId: people.member!.userId, displayName: '同岗位另一审核人' };
    for (let round = 0; round < 100; round++) {
      const i = input();
      const handle = await start(i);
      const results = await Promise.allSettled([approve(handle, people.a!), approve(handle, twin)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const result = await handle.result();
      expect(result.decisions).toHaveLength(1);
    }
  });
});
