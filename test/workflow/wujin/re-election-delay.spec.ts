import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  type Actor,
  OBLIGATION_SCHEDULE_WORKFLOW,
  type TaskActionRequest,
  completeObligationUpdate,
  humanTaskWorkflowId,
  obligationScheduleQuery,
  obligationScheduleWorkflowId,
  taskActionUpdate,
} from '../../../libs/contracts/src';
import { chinaDate } from '../../../libs/domain/src';
import { obligationCompliance } from '../../../libs/persistence/src';
import {
  WUJIN_RE_ELECTION_DELAY_WORKFLOW,
  type WujinReElectionDelayInput,
  defaultWujinParams,
  wujinObligationSpecs,
  wujinReElectionDelayWorkflowId,
  wujinScheduleId,
} from '../../../libs/processes/src/wujin';
import type { obligationSchedule, wujinReElectionDelay } from '../../../workflows';
import { actorAt, ensureCalendarYear, orgByCode } from '../../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../../support/workflow-harness';

const HOUR = 3_600_000;

/**
 * A branch's delayed re-election on the time-skipping server: the committee's
 * decision moves the branch's term end and the re-election still to be done
 * (within its year's schedule), leaves both alone when refused, and ends this
 * year's occurrence as postponed when the new date falls in a later year whose
 * schedule the plan has yet to start.
 */
describe('wujinReElectionDelay on the time-skipping server', () => {
  let h: WorkflowHarness;
  let committee: Actor;
  let campaignId: string;
  let year: number;
  const branches: Record<string, { id: string; name: string }> = {};
  const schedules: Record<string, string> = {};

  const q = (sql: string, params: unknown[] = []) => h.db.dataSource.query(sql, params);
  const skipTo = async (day: string) => {
    const ahead = Date.parse(`${day}T00:00:00+08:00`) - (await h.env.currentTimeMs());
    if (ahead > 0) await h.env.sleep(Math.ceil(ahead / HOUR) * HOUR + HOUR);
  };
  const schedule = (code: string) => h.env.client.workflow.getHandle<typeof obligationSchedule>(obligationScheduleWorkflowId(schedules[code]!));
  const occurrence = async (code: string) => (await schedule(code).query(obligationScheduleQuery)).find((o) => o.obligationCode === 'wujin_re_election')!;
  const row = async (code: string) =>
    (
      await q(
        `SELECT x.status, to_char(x.due_date, 'YYYY-MM-DD') AS due, to_char(x.postponed_to, 'YYYY-MM-DD') AS postponed_to, t.status AS task, t.overdue,
                to_char(t.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS task_due, to_char(o.term_ends_on, 'YYYY-MM-DD') AS term
           FROM obligation_occurrences x JOIN tasks t ON t.id = x.id JOIN organisations o ON o.id = x.organisation_id WHERE x.schedule_id = $1 AND x.obligation_code = 'wujin_re_election'`,
        [schedules[code]],
      )
    )[0];

  /** Asks as the branch's secretary would (the row the API writes), the workflow then opens the committee's task; answers with the committee's decision. */
  async function delay(code: string, until: string, decision: 'approve' | 'refuse', opinion: string) {
    const b = branches[code]!;
    const delayId = randomUUID();
    const secretary = await actorAt(h.db.dataSource, `${code}.secretary`, 'submitter');
    const [{ term }] = await q(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term FROM organisations WHERE id = $1`, [b.id]);
    await q(
      `INSERT INTO wujin_re_election_delays (id, campaign_id, branch_id, committee_id, term_ends_on, until, reason, status, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6, '书记病休，待康复后选举', 'pending', $7, now())`,
      [delayId, campaignId, b.id, committee.organisationId, term, until, secretary.userId],
    );
    const input: WujinReElectionDelayInput = {
      campaignId,
      delayId,
      branch: b,
      committee: { id: committee.organisationId, name: '中共武进区湖塘镇委员会' },
      orgDepartment: { id: (await orgByCode(h.db.dataSource, 'wj-zzb')).id, name: '区委组织部' },
      termEndsOn: term,
      until,
      reason: '书记病休，待康复后选举',
      stage: 'phase_brand',
      lastScheduleYear: year + 1,
      requestedBy: secretary,
    };
    const handle = await h.env.client.workflow.start<typeof wujinReElectionDelay>(WUJIN_RE_ELECTION_DELAY_WORKFLOW, { workflowId: wujinReElectionDelayWorkflowId(delayId), taskQueue: h.taskQueue, args: [input] });
    const [task] = await eventually(
      () => q(`SELECT group_id, kind, title, organisation_id, role FROM tasks WHERE subject_id = $1`, [delayId]) as Promise<Array<{ group_id: string; kind: string; title: string; organisation_id: string; role: string }>>,
      (r) => r.length === 1,
    );
    expect(task!).toMatchObject({ kind: 'wujin_re_election_delay', organisation_id: committee.organisationId, role: 'reviewer' });
    expect(task!.title).toContain(`申请延期至${until}`);
    await h.env.client.workflow
      .getHandle(humanTaskWorkflowId(task!.group_id))
      .executeUpdate(taskActionUpdate, { args: [{ actor: committee, action: { type: 'decide', decision, opinion } } satisfies TaskActionRequest] });
    return { handle, delayId, result: await handle.result() };
  }

  beforeAll(async () => {
    h = await startWorkflowHarness('re-election-delay-test');
    committee = await actorAt(h.db.dataSource, 'wj-ht.reviewer', 'reviewer');
    // The schedules of next year, so that the test decides where in the year it stands.
    year = Number(chinaDate(new Date(await h.env.currentTimeMs())).slice(0, 4)) + 1;
    await ensureCalendarYear(h.db.dataSource, year);
    campaignId = randomUUID();
    const admin = await actorAt(h.db.dataSource, 'wj-zzb.admin', 'administrator');
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'wujin', $2, '三年行动（测试）', $3, $4, '[]', 'running', $5)`, [
      campaignId,
      year - 1,
      (await orgByCode(h.db.dataSource, 'wj-zzb')).id,
      JSON.stringify(defaultWujinParams(year - 1)),
      admin.userId,
    ]);
    const terms: Record<string, string> = { 'wj-ht-c1': `${year}-03-31`, 'wj-ht-c2': `${year}-03-31`, 'wj-ht-c3': `${year}-11-30` };
    for (const [code, term] of Object.entries(terms)) {
      const o = await orgByCode(h.db.dataSource, code);
      branches[code] = { id: o.id, name: o.name };
      await q(`UPDATE organisations SET term_ends_on = $2 WHERE id = $1`, [o.id, term]);
      schedules[code] = wujinScheduleId(campaignId, o.id, year);
      // As the plan starts them on 1 January (the re-election and the year-end evaluation only, to keep the test's schedules small).
      const obligations = wujinObligationSpecs({ id: o.id, name: o.name, domain: 'rural', memberCount: 30, termEndsOn: term }, year, 600).filter((s) => ['wujin_re_election', 'wujin_democratic_evaluation'].includes(s.code));
      await h.env.client.workflow.start<typeof obligationSchedule>(OBLIGATION_SCHEDULE_WORKFLOW, {
        workflowId: obligationScheduleWorkflowId(schedules[code]!),
        taskQueue: h.taskQueue,
        args: [{ scheduleId: schedules[code]!, organisationId: o.id, year, obligations, assignee: { organisationId: o.id, role: 'submitter' }, escalateTo: { organisationId: committee.organisationId, role: 'reviewer' } }],
      });
    }
    await skipTo(`${year}-01-05`);
    for (const code of Object.keys(terms)) await eventually(() => row(code), (r) => r?.status === 'open');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('approved: the term ends on the new date and the re-election is due then, not at the old term end (records history)', async () => {
    const { handle, delayId, result } = await delay('wj-ht-c1', `${year}-06-30`, 'approve', '同意延期至6月底');
    expect(result).toEqual({ delayId, status: 'approved', occurrenceChange: 'moved' });
    await eventually(() => occurrence('wj-ht-c1'), (o) => o.dueDate === `${year}-06-30`);
    await eventually(() => row('wj-ht-c1'), (r) => r.due === `${year}-06-30`);
    expect(await row('wj-ht-c1')).toMatchObject({ status: 'open', due: `${year}-06-30`, task: 'open', task_due: `${year}-07-01 00:00`, term: `${year}-06-30` });
    expect(await q(`SELECT status, opinion, occurrence_change FROM wujin_re_election_delays WHERE id = $1`, [delayId])).toEqual([{ status: 'approved', opinion: '同意延期至6月底', occurrence_change: 'moved' }]);
    const audit = await q(`SELECT action FROM audit_log WHERE subject_id IN ($1, $2) ORDER BY seq`, [delayId, branches['wj-ht-c1']!.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['wujin.re_election_delay.approved', 'organisation.term_extended']);
    const moved = await q(`SELECT before, after, opinion FROM audit_log WHERE subject_id = $1 AND action = 'obligation.moved'`, [(await occurrence('wj-ht-c1')).id]);
    expect(moved).toEqual([{ before: { dueDate: `${year}-03-31` }, after: { dueDate: `${year}-06-30` }, opinion: '经中共武进区湖塘镇委员会批准延期换届：同意延期至6月底' }]);

    // The old term end passes: still open. The new one passes: overdue, and late if done after.
    await skipTo(`${year}-04-02`);
    expect((await occurrence('wj-ht-c1')).status).toBe('open');
    await skipTo(`${year}-07-02`);
    await eventually(() => row('wj-ht-c1'), (r) => r.status === 'overdue');
    if (process.env.RECORD_HISTORIES) {
      const dir = path.resolve(__dirname, '../../replay/histories');
      writeFileSync(path.join(dir, 'wujinReElectionDelay.approved-moved.json'), historyToJSON(await handle.fetchHistory()));
      writeFileSync(path.join(dir, 'obligationSchedule.moved.json'), historyToJSON(await schedule('wj-ht-c1').fetchHistory()));
    }
  });

  it('refused: the term end and the re-election stay as they were', async () => {
    const { delayId, result } = await delay('wj-ht-c2', `${year}-06-30`, 'refuse', '无正当理由，请按期换届');
    expect(result).toEqual({ delayId, status: 'refused', occurrenceChange: null });
    expect(await q(`SELECT status, opinion FROM wujin_re_election_delays WHERE id = $1`, [delayId])).toEqual([{ status: 'refused', opinion: '无正当理由，请按期换届' }]);
    const occ = await occurrence('wj-ht-c2');
    expect(occ.dueDate).toBe(`${year}-03-31`);
    await skipTo(`${year}-04-02`);
    await eventually(() => row('wj-ht-c2'), (r) => r.status === 'overdue');
    expect(await row('wj-ht-c2')).toMatchObject({ due: `${year}-03-31`, term: `${year}-03-31` });
  });

  it("into the next year: this year's occurrence ends postponed (neither missed nor late) and next year's schedule, read from the tree, carries it (records history)", async () => {
    const until = `${year + 1}-03-31`;
    const { delayId, result } = await delay('wj-ht-c3', until, 'approve', '同意延期至次年3月底');
    expect(result).toEqual({ delayId, status: 'approved', occurrenceChange: 'postponed' });
    await eventually(() => row('wj-ht-c3'), (r) => r.status === 'postponed');
    expect(await row('wj-ht-c3')).toMatchObject({ status: 'postponed', due: `${year}-11-30`, postponed_to: until, task: 'cancelled', overdue: false, term: until });
    const occ = await occurrence('wj-ht-c3');
    expect(occ.status).toBe('postponed');
    const secretary = await actorAt(h.db.dataSource, 'wj-ht-c3.secretary', 'submitter');
    expect(await refusalType(schedule('wj-ht-c3').executeUpdate(completeObligationUpdate, { args: [{ occurrenceId: occ.id, evidence: '换届选举会议记录', actor: secretary }] }))).toBe('TASK_NOT_OPEN');

    // Past the old date nothing is overdue; the branch's figures do not count it.
    await skipTo(`${year}-12-02`);
    expect((await row('wj-ht-c3')).status).toBe('postponed');
    const [figures] = (await obligationCompliance(h.db.dataSource, branches['wj-ht-c3']!.id, new Date(await h.env.currentTimeMs()).toISOString())).filter((f) => f.organisationId === branches['wj-ht-c3']!.id);
    expect(figures).toMatchObject({ due: 0, missing: 0, late: 0 });
    // Next year's specs, from the tree as the plan reads it on 1 January, hold the re-election on the new date.
    const [{ term }] = await q(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term FROM organisations WHERE id = $1`, [branches['wj-ht-c3']!.id]);
    const next = wujinObligationSpecs({ ...branches['wj-ht-c3']!, domain: 'urban_community', memberCount: 27, termEndsOn: term }, year + 1, 600);
    expect(next.find((s) => s.code === 'wujin_re_election')?.cadence).toEqual({ kind: 'by_date', month: 3, day: 31 });
    if (process.env.RECORD_HISTORIES) {
      const dir = path.resolve(__dirname, '../../replay/histories');
      writeFileSync(path.join(dir, 'obligationSchedule.postponed.json'), historyToJSON(await schedule('wj-ht-c3').fetchHistory()));
    }
  });
});
