import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  OBLIGATION_SCHEDULE_WORKFLOW,
  type ObligationScheduleInput,
  PHASED_PLAN_WORKFLOW,
  completeObligationUpdate,
  obligationScheduleQuery,
  obligationScheduleWorkflowId,
  phasedPlanWorkflowId,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import { addCalendarDays, chinaDate } from '../../libs/domain/src';
import { obligationCompliance } from '../../libs/persistence/src';
import type { obligationSchedule, phasedPlan } from '../../workflows';
import { actorAt } from '../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../support/workflow-harness';

describe('obligation schedules and phased plans on the time-skipping server', () => {
  let h: WorkflowHarness;
  let secretary: Actor;
  let committee: Actor;
  beforeAll(async () => {
    h = await startWorkflowHarness('obligation-test');
    secretary = await actorAt(h.db.dataSource, 'tsq-cyjd-b01.secretary', 'submitter');
    committee = await actorAt(h.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('obligation: each period opens a task, due at its end; late or missing work shows in the compliance figures (records history)', async () => {
    const today = chinaDate(new Date(await h.env.currentTimeMs()));
    const year = Number(today.slice(0, 4));
    const input: ObligationScheduleInput = {
      scheduleId: randomUUID(),
      organisationId: secretary.organisationId,
      year,
      obligations: [
        { code: 'committee_meeting', title: '支委会', cadence: { kind: 'monthly' } },
        { code: 'party_lesson', title: '党课', cadence: { kind: 'quarterly' } },
      ],
      assignee: { organisationId: secretary.organisationId, role: 'submitter' },
      escalateTo: { organisationId: committee.organisationId, role: 'reviewer' },
    };
    const handle = await h.env.client.workflow.start<typeof obligationSchedule>(OBLIGATION_SCHEDULE_WORKFLOW, {
      workflowId: obligationScheduleWorkflowId(input.scheduleId),
      taskQueue: h.taskQueue,
      args: [input],
    });
    const state = await handle.query(obligationScheduleQuery);
    expect(state).toHaveLength(16);
    // Periods already over are overdue; the current ones open; later ones scheduled.
    const byDue = (s: typeof state) => s.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
    // The workflow catches up on the periods already begun or over, one step each.
    const isCurrent = (o: (typeof state)[number]) => o.obligationCode === 'committee_meeting' && o.periodStart <= today && o.dueDate >= today;
    const now = await eventually(() => handle.query(obligationScheduleQuery), (s) => s.find(isCurrent)?.status === 'open' && s.filter((o) => o.status === 'open').length === 2);
    const current = now.find(isCurrent)!;
    const missed = now.find((o) => o.obligationCode === 'committee_meeting' && o.dueDate < today)!;
    expect(current.status).toBe('open');
    expect(missed?.status ?? 'overdue').toBe('overdue');
    expect(byDue(now).scheduled ?? 0).toBe(now.filter((o) => o.periodStart > today).length);

    const send = (occurrenceId: string, evidence: string, actor = secretary) => handle.executeUpdate(completeObligationUpdate, { args: [{ occurrenceId, evidence, actor }] });
    expect(await refusalType(send(current.id, '  '))).toBe('INVALID_EVIDENCE');
    expect(await refusalType(send(current.id, '会议记录', committee))).toBe('NOT_ASSIGNEE');
    const later = now.find((o) => o.status === 'scheduled');
    if (later) expect(await refusalType(send(later.id, '会议记录'))).toBe('TASK_NOT_OPEN');
    expect(await send(current.id, '支委会会议记录第12期')).toMatchObject({ status: 'completed', completedLate: false });
    expect(await refusalType(send(current.id, '再交一次'))).toBe('TASK_NOT_OPEN');
    if (missed) expect(await send(missed.id, '补开支委会会议记录')).toMatchObject({ status: 'completed', completedLate: true });

    const figures = await obligationCompliance(h.db.dataSource, committee.organisationId, new Date(await h.env.currentTimeMs()).toISOString());
    const mine = figures.find((f) => f.organisationId === secretary.organisationId)!;
    const dueSoFar = now.filter((o) => o.dueDate < today).length;
    expect(mine).toMatchObject({ due: dueSoFar, onTime: 0, late: missed ? 1 : 0, missing: dueSoFar - (missed ? 1 : 0) });

    // Crossing the current period's end makes what was not done overdue, and tells the committee.
    const currentLesson = now.find((o) => o.obligationCode === 'party_lesson' && o.status === 'open')!;
    await h.env.sleep(`${Math.ceil((Date.parse(`${addCalendarDays(currentLesson.dueDate, 1)}T00:00:00+08:00`) - (await h.env.currentTimeMs())) / 3_600_000) + 1} hours`);
    expect((await handle.query(obligationScheduleQuery)).find((o) => o.id === currentLesson.id)!.status).toBe('overdue');
    const escalations = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE task_id = $1 AND kind = 'escalation' AND organisation_id = $2`, [currentLesson.id, committee.organisationId]);
    expect(escalations).toEqual([{ n: 1 }]);
    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../replay/histories/obligationSchedule.batched-year.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('obligation: a phased plan measures each phase target at its end date (records history)', async () => {
    const today = chinaDate(new Date(await h.env.currentTimeMs()));
    const planId = randomUUID();
    // One of the ten branches of the committee passed an assessment: a 10% pass rate.
    const branch = await h.db.dataSource.query(`SELECT id FROM organisations WHERE code = 'tsq-cyjd-b02'`);
    await h.db.dataSource.query(
      `INSERT INTO rubric_assessments (id, rubric_code, rubric_version, organisation_id, workflow_id, status, result) VALUES ($1, 'wujin-branch-standardisation', 1, $2, $3, 'completed', '{"passed": true}')`,
      [randomUUID(), branch[0].id, `assessment-${planId}`],
    );
    const handle = await h.env.client.workflow.start<typeof phasedPlan>(PHASED_PLAN_WORKFLOW, {
      workflowId: phasedPlanWorkflowId(planId),
      taskQueue: h.taskQueue,
      args: [
        {
          planId,
          organisationId: committee.organisationId,
          phases: [
            { code: 'audit', name: '安排部署，全面清查', endsOn: addCalendarDays(today, 10), target: { metric: 'assessment_pass_rate', rubricCode: 'wujin-branch-standardisation', atLeast: 0.1 } },
            { code: 'compliance', name: '深入推进，全面达标', endsOn: addCalendarDays(today, 40), target: { metric: 'assessment_pass_rate', rubricCode: 'wujin-branch-standardisation', atLeast: 1 } },
          ],
        },
      ],
    });
    await h.env.sleep('41 days');
    await expect(handle.result()).resolves.toEqual([
      { code: 'audit', status: 'met', measured: 0.1 },
      { code: 'compliance', status: 'missed', measured: 0.1 },
    ]);
    const rows = await h.db.dataSource.query(`SELECT phase_code, status FROM plan_milestones WHERE plan_id = $1 ORDER BY ends_on`, [planId]);
    expect(rows).toEqual([
      { phase_code: 'audit', status: 'met' },
      { phase_code: 'compliance', status: 'missed' },
    ]);
    if (process.env.RECORD_HISTORIES) {
      writeFileSync(path.resolve(__dirname, '../replay/histories/phasedPlan.two-phases.json'), historyToJSON(await handle.fetchHistory()));
    }
  });
});
