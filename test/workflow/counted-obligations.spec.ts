import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  OBLIGATION_SCHEDULE_WORKFLOW,
  type ObligationScheduleInput,
  type RecordObligationRequest,
  obligationScheduleQuery,
  obligationScheduleWorkflowId,
  recordObligationUpdate,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import { addCalendarDays, chinaDate } from '../../libs/domain/src';
import { obligationCompliance } from '../../libs/persistence/src';
import type { obligationSchedule } from '../../workflows';
import { actorAt } from '../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../support/workflow-harness';

describe('counted obligations on the time-skipping server', () => {
  let h: WorkflowHarness;
  let secretary: Actor;
  let committee: Actor;
  beforeAll(async () => {
    h = await startWorkflowHarness('counted-obligation-test');
    secretary = await actorAt(h.db.dataSource, 'tsq-cyjd-b03.secretary', 'submitter');
    committee = await actorAt(h.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A schedule of these obligations for the branch's secretary, started now, and today's date on the server. */
  const startSchedule = async (obligations: ObligationScheduleInput['obligations']) => {
    const today = chinaDate(new Date(await h.env.currentTimeMs()));
    const input: ObligationScheduleInput = {
      scheduleId: randomUUID(),
      organisationId: secretary.organisationId,
      year: Number(today.slice(0, 4)),
      obligations,
      assignee: { organisationId: secretary.organisationId, role: 'submitter' },
      escalateTo: { organisationId: committee.organisationId, role: 'reviewer' },
    };
    const handle = await h.env.client.workflow.start<typeof obligationSchedule>(OBLIGATION_SCHEDULE_WORKFLOW, {
      workflowId: obligationScheduleWorkflowId(input.scheduleId),
      taskQueue: h.taskQueue,
      args: [input],
    });
    return { handle, today };
  };

  it('counted: records count toward the minimum (hours add up), past the maximum are flagged, the task takes records until its period ends (records history)', async () => {
    const { handle, today } = await startSchedule([
      { code: 'group_meeting', title: '党小组会', cadence: { kind: 'monthly' }, quota: { min: 1, max: 2, unit: 'times' } },
      { code: 'secretary_training', title: '支部书记集中培训', cadence: { kind: 'yearly' }, quota: { min: 24, unit: 'hours' } },
    ]);
    const isThisMonth = (o: { obligationCode: string; periodStart: string; dueDate: string }) => o.obligationCode === 'group_meeting' && o.periodStart <= today && o.dueDate >= today;
    const now = await eventually(() => handle.query(obligationScheduleQuery), (s) => s.find(isThisMonth)?.status === 'open' && s.some((o) => o.obligationCode === 'secretary_training' && o.status === 'open'));
    const month = now.find(isThisMonth)!;
    const training = now.find((o) => o.obligationCode === 'secretary_training')!;
    const lastMonth = now.find((o) => o.obligationCode === 'group_meeting' && o.dueDate < today);
    expect(month).toMatchObject({ counted: 0 });

    // The task asks for the record's form with the quota.
    const [task] = await h.db.dataSource.query(`SELECT form FROM tasks WHERE id = $1`, [month.id]);
    expect(task.form).toEqual({ kind: 'obligation_record', unit: 'times', min: 1, max: 2, periodStart: month.periodStart, dueDate: month.dueDate });

    const record = (occurrenceId: string, extra: Partial<RecordObligationRequest> = {}) =>
      handle.executeUpdate(recordObligationUpdate, { args: [{ occurrenceId, date: today, attendees: '张三、李四、王五', minutes: '学习党章，讨论支部工作', actor: secretary, ...extra }] });
    expect(await refusalType(record(month.id, { actor: committee }))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(record(month.id, { minutes: '  ' }))).toBe('INVALID_FORM_DATA');
    expect(await refusalType(record(month.id, { date: addCalendarDays(month.periodStart, -1) }))).toBe('INVALID_FORM_DATA');
    expect(await refusalType(record(month.id, { date: addCalendarDays(today, 1) }))).toBe('INVALID_FORM_DATA');
    expect(await refusalType(record(training.id))).toBe('INVALID_FORM_DATA');

    expect(await record(month.id)).toMatchObject({ status: 'completed', completedLate: false, counted: 1 });
    expect(await record(month.id)).toMatchObject({ status: 'completed', counted: 2 });
    expect(await record(month.id)).toMatchObject({ status: 'completed', counted: 3 });
    expect(await record(training.id, { hours: 10 })).toMatchObject({ status: 'open', counted: 10 });
    expect(await record(training.id, { hours: 16 })).toMatchObject({ status: 'completed', completedLate: false, counted: 26 });

    const rows = await h.db.dataSource.query(`SELECT counted_after::float AS counted, over_max FROM obligation_records WHERE occurrence_id = $1 ORDER BY recorded_at, counted_after`, [month.id]);
    expect(rows).toEqual([
      { counted: 1, over_max: false },
      { counted: 2, over_max: false },
      { counted: 3, over_max: true },
    ]);
    const [occ] = await h.db.dataSource.query(`SELECT status, counted::float AS counted, over_max FROM obligation_occurrences WHERE id = $1`, [month.id]);
    expect(occ).toEqual({ status: 'completed', counted: 3, over_max: true });
    // Done, the task still takes records until the month ends.
    const [open] = await h.db.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [month.id]);
    expect(open.status).toBe('open');

    // A month already over with no record is overdue; a late record completes it late and closes its task.
    if (lastMonth) {
      expect(lastMonth.status).toBe('overdue');
      expect(await record(lastMonth.id, { date: lastMonth.dueDate })).toMatchObject({ status: 'completed', completedLate: true, counted: 1 });
      expect(await refusalType(record(lastMonth.id, { date: lastMonth.dueDate }))).toBe('TASK_NOT_OPEN');
    }

    // The month's end closes the done month's task; the next month's meeting, not held, falls overdue at its end.
    await h.env.sleep(`${Math.ceil((Date.parse(`${addCalendarDays(month.dueDate, 1)}T00:00:00+08:00`) - (await h.env.currentTimeMs())) / 3_600_000) + 1} hours`);
    const [closed] = await h.db.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [month.id]);
    expect(closed.status).toBe('completed');
    expect(await refusalType(record(month.id))).toBe('TASK_NOT_OPEN');

    const figures = await obligationCompliance(h.db.dataSource, committee.organisationId, new Date(await h.env.currentTimeMs()).toISOString());
    const mine = figures.find((f) => f.organisationId === secretary.organisationId)!;
    const dueSoFar = (await handle.query(obligationScheduleQuery)).filter((o) => o.dueDate <= month.dueDate).length;
    // This month's meeting on time, and the year's training too when this month is December.
    expect(mine).toMatchObject({ due: dueSoFar, onTime: training.dueDate <= month.dueDate ? 2 : 1, late: lastMonth ? 1 : 0 });
    if (process.env.RECORD_HISTORIES) {
      writeFileSync(path.resolve(__dirname, '../replay/histories/obligationSchedule.counted.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('counted: several records in one decision are judged together (one bad, none taken) and counted in order', async () => {
    const { handle, today } = await startSchedule([
      { code: 'activity_day', title: '主题党日', cadence: { kind: 'monthly' }, quota: { min: 2, max: 3, unit: 'times' } },
      { code: 'secretary_training', title: '支部书记集中培训', cadence: { kind: 'yearly' }, quota: { min: 24, unit: 'hours' } },
    ]);
    const isThisMonth = (o: { obligationCode: string; periodStart: string; dueDate: string }) => o.obligationCode === 'activity_day' && o.periodStart <= today && o.dueDate >= today;
    const now = await eventually(() => handle.query(obligationScheduleQuery), (s) => s.find(isThisMonth)?.status === 'open' && s.some((o) => o.obligationCode === 'secretary_training' && o.status === 'open'));
    const month = now.find(isThisMonth)!;
    const training = now.find((o) => o.obligationCode === 'secretary_training')!;
    const entry = { date: today, attendees: '全体党员12人', minutes: '主题党日：重温入党誓词' };
    const record = (occurrenceId: string, req: Omit<RecordObligationRequest, 'occurrenceId' | 'actor'>) => handle.executeUpdate(recordObligationUpdate, { args: [{ occurrenceId, actor: secretary, ...req }] });

    // One record of the batch dated before the period: nothing of it is taken.
    expect(await refusalType(record(month.id, { ...entry, more: [{ ...entry, date: addCalendarDays(month.periodStart, -1) }] }))).toBe('INVALID_FORM_DATA');
    // Hours are asked of every record of a training batch, not carried over from the first.
    expect(await refusalType(record(training.id, { ...entry, hours: 12, more: [entry] }))).toBe('INVALID_FORM_DATA');
    expect(await h.db.dataSource.query(`SELECT id FROM obligation_records WHERE occurrence_id = ANY($1::uuid[])`, [[month.id, training.id]])).toEqual([]);

    expect(await record(month.id, { ...entry, more: [entry, entry] })).toMatchObject({ status: 'completed', completedLate: false, counted: 3 });
    expect(await record(training.id, { ...entry, hours: 12, more: [{ ...entry, hours: 12 }] })).toMatchObject({ status: 'completed', counted: 24 });
    const rows = await h.db.dataSource.query(`SELECT counted_after::float AS counted, over_max FROM obligation_records WHERE occurrence_id = $1 ORDER BY counted_after`, [month.id]);
    expect(rows).toEqual([
      { counted: 1, over_max: false },
      { counted: 2, over_max: false },
      { counted: 3, over_max: false },
    ]);
    const [occ] = await h.db.dataSource.query(`SELECT status, counted::float AS counted FROM obligation_occurrences WHERE id = $1`, [month.id]);
    expect(occ).toEqual({ status: 'completed', counted: 3 });
  });
});
