import { randomUUID } from 'node:crypto';
import { type Actor, type TaskActionRequest, campaignWorkflowId, humanTaskWorkflowId, taskActionUpdate } from '../../../libs/contracts/src';
import { WorkingCalendar, chinaDate } from '../../../libs/domain/src';
import { loadCalendarBundle } from '../../../libs/persistence/src';
import { ZIBO_YEAR_WORKFLOW, type ZiboYearInput, defaultZiboParams, planZibo } from '../../../libs/processes/src/zibo';
import type { ziboYear } from '../../../workflows';
import { actorAt, orgByCode } from '../../support/fixtures';
import { type WorkflowHarness, eventually, startWorkflowHarness } from '../../support/workflow-harness';

/**
 * Hard branches are managed dynamically (seed 000: 动态管理): a year's
 * campaign opens a review for each of last year's hard branches; the bureau
 * withdraws a title with its reasons or keeps it, and the ledger keeps every
 * row — the withdrawn one stays, marked, with the opinion and the campaign
 * that reviewed it.
 */
describe("ziboYear's review of last year's hard branches", () => {
  let h: WorkflowHarness;
  let bureau: Actor;
  const q = (sql: string, params: unknown[] = []) => h.db.dataSource.query(sql, params);

  beforeAll(async () => {
    h = await startWorkflowHarness('zibo-title-review-test');
    bureau = await actorAt(h.db.dataSource, 'zb.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('withdraws one title with reasons and keeps another; both rows stay in the ledger', async () => {
    const year = Number(chinaDate(new Date(await h.env.currentTimeMs())).slice(0, 4));
    const admin = await actorAt(h.db.dataSource, 'zb-jgdw.admin', 'administrator');
    const dept = await orgByCode(h.db.dataSource, 'zb-jgdw');
    const root = await orgByCode(h.db.dataSource, 'zb');
    const [withdrawn, kept] = await Promise.all([orgByCode(h.db.dataSource, 'zb-bgs'), orgByCode(h.db.dataSource, 'zb-gxk')]);
    // Last year's campaign and its two hard branches, as its year end left them.
    const lastYear = randomUUID();
    const params = { ...defaultZiboParams(year), projectApprovedBy: '12-31' };
    for (const [id, y] of [[lastYear, year - 1]] as const) {
      await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'zibo', $2, '上年度过硬支部建设', $3, $4, '[]', 'completed', $5)`, [
        id,
        y,
        dept.id,
        JSON.stringify(defaultZiboParams(y)),
        admin.userId,
      ]);
    }
    const rows = { [withdrawn.id]: randomUUID(), [kept.id]: randomUUID() };
    for (const [branchId, id] of Object.entries(rows)) {
      await q(`INSERT INTO zibo_hard_branches (id, branch_id, campaign_id, year, status, score, conferred_at) VALUES ($1, $2, $3, $4, 'conferred', 95, now())`, [id, branchId, lastYear, year - 1]);
    }
    const campaignId = randomUUID();
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'zibo', $2, '本年度过硬支部建设', $3, $4, '[]', 'running', $5)`, [
      campaignId,
      year,
      dept.id,
      JSON.stringify(params),
      admin.userId,
    ]);
    const plan = planZibo(params, new WorkingCalendar(await loadCalendarBundle(h.db.dataSource, year, year)));
    const input: ZiboYearInput = { campaignId, title: '本年度过硬支部建设', params, plan, department: { id: dept.id, name: dept.name }, bureau: { id: root.id, name: root.name }, startedBy: admin };
    await h.env.client.workflow.start<typeof ziboYear>(ZIBO_YEAR_WORKFLOW, { workflowId: campaignWorkflowId(campaignId), taskQueue: h.taskQueue, args: [input] });

    const reviews = await eventually(
      () => q(`SELECT group_id, subject_id, organisation_id, role FROM tasks WHERE campaign_id = $1 AND kind = 'zibo_title_review' ORDER BY title`, [campaignId]) as Promise<Array<{ group_id: string; subject_id: string; organisation_id: string; role: string }>>,
      (r) => r.length === 2,
    );
    expect(reviews.every((r) => r.organisation_id === root.id && r.role === 'reviewer')).toBe(true);
    const decide = (branchId: string, decision: string, opinion: string) =>
      h.env.client.workflow
        .getHandle(humanTaskWorkflowId(reviews.find((r) => r.subject_id === branchId)!.group_id))
        .executeUpdate(taskActionUpdate, { args: [{ actor: bureau, action: { type: 'decide', decision, opinion } } satisfies TaskActionRequest] });
    await expect(decide(withdrawn.id, 'withdraw', '')).rejects.toThrow();
    await decide(withdrawn.id, 'withdraw', '党建项目验收不合格，“三会一课”多次未按期召开，撤销过硬支部称号');
    await decide(kept.id, 'retain', '');
    const ledger = await eventually(
      () => q(`SELECT branch_id, year, status, review_opinion, reviewed_in FROM zibo_hard_branches WHERE branch_id = ANY($1::uuid[]) ORDER BY status`, [[withdrawn.id, kept.id]]),
      (r: Array<{ status: string }>) => r.every((x) => x.status !== 'conferred'),
    );
    expect(ledger).toEqual([
      { branch_id: kept.id, year: year - 1, status: 'retained', review_opinion: '', reviewed_in: campaignId },
      { branch_id: withdrawn.id, year: year - 1, status: 'withdrawn', review_opinion: '党建项目验收不合格，“三会一课”多次未按期召开，撤销过硬支部称号', reviewed_in: campaignId },
    ]);
    const audit = await q(`SELECT action, opinion FROM audit_log WHERE subject_id = $1 AND action LIKE 'zibo.hard_branch.%'`, [withdrawn.id]);
    expect(audit).toEqual([{ action: 'zibo.hard_branch.withdrawn', opinion: '党建项目验收不合格，“三会一课”多次未按期召开，撤销过硬支部称号' }]);
    await h.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).terminate('test done');
  });
});
