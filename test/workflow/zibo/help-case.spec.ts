import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { type Actor, type TaskActionRequest, humanTaskWorkflowId, taskActionUpdate } from '../../../libs/contracts/src';
import { addCalendarDays, chinaDate } from '../../../libs/domain/src';
import { ZIBO_HELP_CASE_WORKFLOW, type ZiboHelpCaseInput, defaultZiboParams, ziboHelpCaseWorkflowId } from '../../../libs/processes/src/zibo';
import type { ziboHelpCase } from '../../../workflows';
import { actorAt, orgByCode } from '../../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../../support/workflow-harness';

/**
 * One-to-one help on the time-skipping server: the case's task goes to the
 * branch's secretary, due on the deadline; past it the bureau is told; the
 * case closes only with an outcome stated, rectified or not.
 */
describe('ziboHelpCase on the time-skipping server', () => {
  let h: WorkflowHarness;
  let secretary: Actor;
  let bureau: Actor;
  const q = (sql: string, params: unknown[] = []) => h.db.dataSource.query(sql, params);

  beforeAll(async () => {
    h = await startWorkflowHarness('zibo-help-case-test');
    secretary = await actorAt(h.db.dataSource, 'zb-bgs.secretary', 'submitter');
    bureau = await actorAt(h.db.dataSource, 'zb.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('closes a case with its outcome after the deadline passed and the bureau was told (records history)', async () => {
    const today = chinaDate(new Date(await h.env.currentTimeMs()));
    const year = Number(today.slice(0, 4));
    const admin = await actorAt(h.db.dataSource, 'zb-jgdw.admin', 'administrator');
    const campaignId = randomUUID();
    const caseId = randomUUID();
    const branch = await orgByCode(h.db.dataSource, 'zb-bgs');
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'zibo', $2, '过硬支部建设（测试）', $3, $4, '[]', 'running', $5)`, [
      campaignId,
      year,
      (await orgByCode(h.db.dataSource, 'zb-jgdw')).id,
      JSON.stringify(defaultZiboParams(year)),
      admin.userId,
    ]);
    const deadline = addCalendarDays(today, 3);
    await q(`INSERT INTO zibo_help_cases (id, campaign_id, branch_id, member_name, helper_name, reason, deadline, status, opened_by, opened_at) VALUES ($1, $2, $3, '赵某', '钱某', '连续3个月未参加组织生活', $4, 'open', $5, now())`, [
      caseId,
      campaignId,
      branch.id,
      deadline,
      secretary.userId,
    ]);
    const input: ZiboHelpCaseInput = { caseId, campaignId, branch: { id: branch.id, name: branch.name }, bureau: { id: bureau.organisationId, name: '局党委' }, memberName: '赵某', helperName: '钱某', reason: '连续3个月未参加组织生活', deadline };
    const handle = await h.env.client.workflow.start<typeof ziboHelpCase>(ZIBO_HELP_CASE_WORKFLOW, { workflowId: ziboHelpCaseWorkflowId(caseId), taskQueue: h.taskQueue, args: [input] });
    const [task] = await eventually(
      () => q(`SELECT group_id, kind, organisation_id, role FROM tasks WHERE subject_id = $1`, [caseId]) as Promise<Array<{ group_id: string; kind: string; organisation_id: string; role: string }>>,
      (r) => r.length === 1,
    );
    expect(task).toMatchObject({ kind: 'zibo_help_case', organisation_id: branch.id, role: 'submitter' });
    await h.env.sleep('5 days');
    const told = await eventually(
      () => q(`SELECT count(*)::int AS n FROM notifications WHERE task_id = $1 AND kind = 'escalation' AND organisation_id = $2`, [task!.group_id, bureau.organisationId]),
      (r: Array<{ n: number }>) => r[0]!.n > 0,
    );
    expect(told[0].n).toBeGreaterThan(0);
    const decide = (opinion: string) =>
      h.env.client.workflow.getHandle(humanTaskWorkflowId(task!.group_id)).executeUpdate(taskActionUpdate, { args: [{ actor: secretary, action: { type: 'decide', decision: 'not_rectified', opinion } } satisfies TaskActionRequest] });
    expect(await refusalType(decide(''))).toBeDefined();
    await decide('经多次帮教仍未按时参加组织生活，提请局党委处置');
    await handle.result();
    expect((await q(`SELECT status, outcome FROM zibo_help_cases WHERE id = $1`, [caseId]))[0]).toEqual({ status: 'not_rectified', outcome: '经多次帮教仍未按时参加组织生活，提请局党委处置' });
    if (process.env.RECORD_HISTORIES) {
      writeFileSync(path.resolve(__dirname, '../../replay/histories/ziboHelpCase.overdue-not-rectified.json'), historyToJSON(await handle.fetchHistory()));
    }
  });
});
