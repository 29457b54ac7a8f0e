import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { type Actor, type CampaignControlRequest, type TaskActionRequest, campaignQuery, controlCampaignUpdate, humanTaskWorkflowId, taskActionUpdate } from '../../libs/contracts/src';
import type { PlannedStage } from '../../libs/domain/src';
import { deterministicUuid } from '../../libs/persistence/src';
import { actorAt, orgByCode } from '../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../support/workflow-harness';
import type { TwoStage, TwoStageCampaignInput, twoStageCampaign } from './fixtures/campaign-run-workflows';

const DAY = 86_400_000;
/** The calendar day in China of an instant. */
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The machinery every campaign shares (workflows/steps/campaign-run.ts), on a
 * test-only campaign of two process-neutral stages: a pause holds the next
 * stage, resume goes on, an extension moves the wait, a stage whose work ends
 * after its deadline is overdue (a window its deadline closes is not), a cancel
 * ends the campaign with its open work; controls the plan cannot take are
 * refused before anything is recorded.
 */
describe('CampaignRun on a two-stage campaign', () => {
  let h: WorkflowHarness;
  let admin: Actor;
  let grader: Actor;

  beforeAll(async () => {
    h = await startWorkflowHarness('campaign-run-test', { workflowsPath: require.resolve('./fixtures/campaign-run-workflows') });
    admin = await actorAt(h.db.dataSource, 'admin', 'administrator');
    grader = await actorAt(h.db.dataSource, 'tsq.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const stage = (id: TwoStage, label: string, opens: number, due: number): PlannedStage<TwoStage> => ({
    stage: id,
    label,
    opensOn: chinaDay(opens),
    dueOn: chinaDay(due),
    dueAt: new Date(due).toISOString(),
    notes: [],
  });

  /** A running campaign's row (as the API leaves it at start) and its workflow, self-assessment due in `days`. */
  async function start(days: number): Promise<{ id: string; handle: WorkflowHandle<typeof twoStageCampaign>; due: number }> {
    const now = await h.env.currentTimeMs();
    const id = randomUUID();
    const due = now + days * DAY;
    const plan = [stage('self_assessment', '基层自评', now, due), stage('grading', '结果评定', due, now + 40 * DAY)];
    const department = await orgByCode(h.db.dataSource, 'taian-zzb');
    await h.db.dataSource.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, $2, 2026, '两阶段测试活动', $3, '{}', $4, 'running', $5)`,
      [id, `campaign-run-test-${id}`, department.id, JSON.stringify(plan), admin.userId],
    );
    const input: TwoStageCampaignInput = { campaignId: id, plan, grader: { organisationId: grader.organisationId, role: 'reviewer' } };
    const handle = await h.env.client.workflow.start<typeof twoStageCampaign>('twoStageCampaign', { workflowId: `campaign-run-test-${id}`, taskQueue: h.taskQueue, args: [input] });
    await eventually(() => stages(id), (s) => s.self_assessment?.status === 'open');
    return { id, handle, due };
  }

  const control = (handle: WorkflowHandle, req: Omit<CampaignControlRequest, 'actor'>) => handle.executeUpdate(controlCampaignUpdate, { args: [{ ...req, actor: admin }] });

  async function stages(campaignId: string): Promise<Record<string, { status: string; due_at: Date; opened_at: Date | null; completed_at: Date | null; completed_late: boolean | null }>> {
    const rows = await h.db.dataSource.query(`SELECT stage, status, due_at, opened_at, completed_at, completed_late FROM campaign_stages WHERE campaign_id = $1`, [campaignId]);
    return Object.fromEntries(rows.map((r: { stage: string }) => [r.stage, r]));
  }
  const gradingTask = async (campaignId: string) =>
    (await eventually(() => h.db.dataSource.query(`SELECT group_id, status FROM tasks WHERE campaign_id = $1 AND stage = 'grading'`, [campaignId]), (r: unknown[]) => r.length === 1))[0] as {
      group_id: string;
      status: string;
    };
  const audited = (campaignId: string) => h.db.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'campaign.%' ORDER BY seq`, [campaignId]).then((r: Array<{ action: string }>) => r.map((a) => a.action));

  it('refuses what the plan cannot take, recording nothing; an extension moves the wait, a pause holds the next stage, resume goes on, late work is overdue', async () => {
    const { id, handle, due } = await start(2);
    const now = await h.env.currentTimeMs();
    const later = new Date(due + 3 * DAY).toISOString();

    // A stage this plan lacks, a deadline already past, no reason, nothing to resume: refused before anything is written.
    expect(await refusalType(control(handle, { action: 'extend', reason: '延期', stage: 'harvest', dueAt: later }))).toBe('STAGE_UNKNOWN');
    expect(await refusalType(control(handle, { action: 'extend', reason: '延期', stage: 'self_assessment', dueAt: new Date(now - DAY).toISOString() }))).toBe('INVALID_ACTION');
    expect(await refusalType(control(handle, { action: 'extend', reason: '  ', stage: 'self_assessment', dueAt: later }))).toBe('INVALID_ACTION');
    expect(await refusalType(control(handle, { action: 'resume', reason: '恢复' }))).toBe('INVALID_ACTION');
    expect(await audited(id)).toEqual([]);
    expect(await h.db.dataSource.query(`SELECT 1 FROM campaign_extensions WHERE campaign_id = $1`, [id])).toEqual([]);

    const extended = await control(handle, { action: 'extend', reason: '自评材料需补充', stage: 'self_assessment', dueAt: later });
    expect(extended.dues.self_assessment).toBe(later);
    expect((await stages(id)).self_assessment!.due_at.toISOString()).toBe(later);

    // Past the first deadline, before the extended one: pause (once); then past the extended one, still paused.
    await h.env.sleep(3 * DAY);
    await control(handle, { action: 'pause', reason: '等待上级通知' });
    expect(await refusalType(control(handle, { action: 'pause', reason: '再次暂停' }))).toBe('INVALID_ACTION');
    await h.env.sleep(5 * DAY);
    expect(await handle.query(campaignQuery)).toMatchObject({ status: 'paused', stage: 'self_assessment' });
    const resumedAt = await h.env.currentTimeMs();
    await control(handle, { action: 'resume', reason: '上级通知已到' });

    // Grading opened only once resumed (had the extension or the pause been ignored, it would have opened days before).
    // Self-assessment is a window its deadline closed: on time, however long the pause held it; now it cannot be extended.
    const after = await eventually(() => stages(id), (s) => s.grading?.status === 'open');
    expect(after.grading!.opened_at!.getTime()).toBeGreaterThanOrEqual(resumedAt);
    // Each opening told the committees' reviewers (the grader's among them), once per stage; never a branch.
    const told: Array<{ stage: string; level: string; organisation_id: string; role: string }> = await h.db.dataSource.query(
      `SELECT CASE WHEN n.message LIKE '%基层自评%' THEN 'self_assessment' ELSE 'grading' END AS stage, o.level, n.organisation_id, n.role
         FROM notifications n JOIN organisations o ON o.id = n.organisation_id WHERE n.kind = 'stage_opened' AND n.message LIKE '两阶段测试活动：%' AND n.id = ANY($1)`,
      [Array.from({ length: 200 }, (_, i) => i).flatMap((i) => ['self_assessment', 'grading'].map((s) => deterministicUuid(`${id}:stage-opened:${s}:${i}`)))],
    );
    for (const s of ['self_assessment', 'grading']) expect(told.filter((t) => t.stage === s).map((t) => t.organisation_id)).toContain(grader.organisationId);
    expect(new Set(told.map((t) => `${t.level}/${t.role}`))).toEqual(new Set(['city_managed_committee/reviewer', 'grassroots_committee/reviewer']));
    expect(told.filter((t) => t.stage === 'grading').length).toBe(told.filter((t) => t.stage === 'self_assessment').length);
    expect(after.self_assessment).toMatchObject({ status: 'completed', completed_late: false });
    // …and closed at its (extended) deadline, the time that closed it, not when the pause let the workflow record it.
    expect(after.self_assessment!.completed_at!.toISOString()).toBe(later);
    expect(await refusalType(control(handle, { action: 'extend', reason: '补交', stage: 'self_assessment', dueAt: new Date(resumedAt + 10 * DAY).toISOString() }))).toBe('INVALID_ACTION');

    // Grading done after its deadline: the stage is overdue; the campaign completes; each control audited with its reason.
    const task = await gradingTask(id);
    await h.env.sleep(40 * DAY);
    await h.env.client.workflow
      .getHandle(humanTaskWorkflowId(task.group_id))
      .executeUpdate(taskActionUpdate, { args: [{ actor: grader, action: { type: 'decide', decision: 'completed', opinion: '评定完毕' } } satisfies TaskActionRequest] });
    await expect(handle.result()).resolves.toEqual({ status: 'completed', gradedBy: grader.userId });
    expect((await stages(id)).grading).toMatchObject({ status: 'overdue', completed_late: true });
    expect(await h.db.dataSource.query(`SELECT status FROM campaigns WHERE id = $1`, [id])).toEqual([{ status: 'completed' }]);
    expect(await audited(id)).toEqual(['campaign.extend', 'campaign.pause', 'campaign.resume', 'campaign.completed']);
    expect(['TASK_NOT_OPEN', 'WorkflowClosed']).toContain(await refusalType(control(handle, { action: 'pause', reason: '已结束' })));
  });

  it('a cancel ends the campaign: its open work is cancelled, the stages left are closed, nothing more is taken', async () => {
    const { id, handle } = await start(1);
    await h.env.sleep(2 * DAY);
    const task = await gradingTask(id);
    expect(task.status).toBe('open');

    const view = await control(handle, { action: 'cancel', reason: '上级通知本年度暂停' });
    expect(view.status).toBe('cancelled');
    await expect(handle.result()).resolves.toEqual({ status: 'cancelled', gradedBy: null });
    const child = await h.env.client.workflow.getHandle(humanTaskWorkflowId(task.group_id)).describe();
    expect(child.status.name).toBe('CANCELLED');
    expect(await h.db.dataSource.query(`SELECT status FROM tasks WHERE group_id = $1`, [task.group_id])).toEqual([{ status: 'cancelled' }]);
    expect(await stages(id)).toMatchObject({ self_assessment: { status: 'completed' }, grading: { status: 'cancelled' } });
    expect(await h.db.dataSource.query(`SELECT status FROM campaigns WHERE id = $1`, [id])).toEqual([{ status: 'cancelled' }]);
    expect(await audited(id)).toEqual(['campaign.cancel', 'campaign.cancelled']);
    expect(['TASK_NOT_OPEN', 'WorkflowClosed']).toContain(await refusalType(control(handle, { action: 'resume', reason: '恢复' })));
  });
});
