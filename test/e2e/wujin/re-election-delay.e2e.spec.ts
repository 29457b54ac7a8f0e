import { randomUUID } from 'node:crypto';
import { OBLIGATION_SCHEDULE_WORKFLOW, obligationScheduleWorkflowId } from '../../../libs/contracts/src';
import { addCalendarDays, chinaDate } from '../../../libs/domain/src';
import { defaultWujinParams, oneYearAfter, wujinObligationSpecs, wujinScheduleId } from '../../../libs/processes/src/wujin';
import { type TestSystem, useSystem } from '../../support/system';
import { eventually } from '../../support/workflow-harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const SECRETARY = 'wj-ht-c1.secretary'; // 湖塘镇马杭村党支部
const COMMITTEE = 'wj-ht.reviewer'; // 湖塘镇's committee

/**
 * A branch's delayed re-election over HTTP, against the real worker, Temporal
 * and PostgreSQL: the secretary asks, the committee approves in its inbox, and
 * the branch's term end and its open re-election task move to the new date.
 * Every refusal answers its status in Chinese and changes nothing.
 */
describe("Wujin's delayed re-election end to end", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  const q = (sql: string, params: unknown[] = []) => sys.db.dataSource.query(sql, params);
  const org = async (code: string) => ((await q(`SELECT id FROM organisations WHERE code = $1`, [code])) as Array<{ id: string }>)[0]!.id;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  let campaignId: string;
  let pausedCampaignId: string;
  let branch: string;
  let scheduleId: string;
  const until = addCalendarDays(today, 30);
  const post = async (as: string, body: unknown, status: number, campaign = () => campaignId, key = randomUUID()) =>
    sys.http
      .post(`/campaigns/${campaign()}/wujin/re-election-delays`)
      .set(await auth(as))
      .set('Idempotency-Key', key)
      .send(body as object)
      .expect(status);
  /** Everything a request or a decision may change: the requests, the terms, the occurrences and their tasks, the audit log. */
  const fingerprint = async () =>
    JSON.stringify(
      await q(
        `SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM wujin_re_election_delays t) AS delays,
                (SELECT md5(string_agg(code || ':' || coalesce(term_ends_on::text, '-'), '|' ORDER BY code)) FROM organisations) AS terms,
                (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM obligation_occurrences t) AS occurrences,
                (SELECT count(*) FROM tasks) AS tasks,
                (SELECT count(*) FROM audit_log) AS audit`,
      ),
    );
  const occurrence = async () =>
    (await q(`SELECT x.status, to_char(x.due_date, 'YYYY-MM-DD') AS due, t.status AS task FROM obligation_occurrences x JOIN tasks t ON t.id = x.id WHERE x.schedule_id = $1 AND x.obligation_code = 'wujin_re_election'`, [scheduleId]))[0];

  beforeAll(async () => {
    sys = system.sys();
    const admin = (await q(`SELECT id FROM users WHERE username = 'wj-zzb.admin'`))[0].id;
    const dept = await org('wj-zzb');
    // A plan whose last year is this one, so whatever the date of the run the new date stays in this year's schedule or past the plan.
    campaignId = randomUUID();
    pausedCampaignId = randomUUID();
    for (const [id, planYear, status] of [
      [campaignId, year - 2, 'running'],
      [pausedCampaignId, year - 3, 'paused'],
    ] as const) {
      await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'wujin', $2, '三年行动（测试）', $3, $4, '[]', $5, $6)`, [
        id,
        planYear,
        dept,
        JSON.stringify(defaultWujinParams(planYear)),
        status,
        admin,
      ]);
    }
    branch = await org('wj-ht-c1');
    await q(`UPDATE organisations SET term_ends_on = $1 WHERE code IN ('wj-ht-c1', 'wj-ht-c3')`, [today]);
    await q(`UPDATE organisations SET term_ends_on = $1 WHERE code = 'wj-ht-c2'`, [`${year + 1}-06-30`]);
    scheduleId = wujinScheduleId(campaignId, branch, year);
    // This year's schedule, as the plan starts it on 1 January from the tree.
    const obligations = wujinObligationSpecs({ id: branch, name: '湖塘镇马杭村党支部', domain: 'rural', memberCount: 46, termEndsOn: today }, year, 600).filter((s) =>
      ['wujin_re_election', 'wujin_democratic_evaluation'].includes(s.code),
    );
    await sys.temporal.client.workflow.start(OBLIGATION_SCHEDULE_WORKFLOW, {
      workflowId: obligationScheduleWorkflowId(scheduleId),
      taskQueue: 'pennant-e2e',
      args: [{ scheduleId, organisationId: branch, year, obligations, assignee: { organisationId: branch, role: 'submitter' }, escalateTo: { organisationId: await org('wj-ht'), role: 'reviewer' } }],
    });
    await eventually(occurrence, (o) => o?.status === 'open');
  });

  it('refuses, in Chinese and changing nothing: another subtree (404), not its secretary (403), a plan not running, no re-election due (409), a date in the past, not after the term or beyond a year (422), a malformed date (400)', async () => {
    const before = await fingerprint();
    const body = { branchId: branch, until, reason: '支部书记病休，待康复后召开党员大会选举' };
    const c3 = { branchId: await org('wj-ht-c3'), reason: '支部书记病休，待康复后召开党员大会选举' };
    const cases: Array<[string, string, unknown, number, string, () => string]> = [
      ['another branch’s secretary', 'wj-ht-c2.secretary', body, 404, 'NOT_FOUND', () => campaignId],
      ['another district', 'hf-zzb.reviewer', body, 404, 'NOT_FOUND', () => campaignId],
      ['the committee, not the secretary', COMMITTEE, body, 403, 'FORBIDDEN', () => campaignId],
      ['a paused plan', SECRETARY, body, 409, 'PLAN_NOT_RUNNING', () => pausedCampaignId],
      ['a term ending after the plan', 'wj-ht-c2.secretary', { ...body, branchId: await org('wj-ht-c2'), until: `${year + 1}-09-30` }, 409, 'RE_ELECTION_NOT_DUE', () => campaignId],
      ['beyond a year', 'wj-ht-c3.secretary', { ...c3, until: addCalendarDays(oneYearAfter(today), 1) }, 422, 'RE_ELECTION_DATE_INVALID', () => campaignId],
      ['in the past', 'wj-ht-c3.secretary', { ...c3, until: addCalendarDays(today, -1) }, 422, 'RE_ELECTION_DATE_INVALID', () => campaignId],
      ['not after the term end', 'wj-ht-c3.secretary', { ...c3, until: today }, 422, 'RE_ELECTION_DATE_INVALID', () => campaignId],
      ['not a date', SECRETARY, { ...body, until: `${year}-02-30` }, 400, 'VALIDATION_FAILED', () => campaignId],
      ['no reason', SECRETARY, { branchId: branch, until }, 400, 'VALIDATION_FAILED', () => campaignId],
    ];
    for (const [what, as, b, status, code, campaign] of cases) {
      const res = await post(as, b, status, campaign);
      expect([what, res.body.code]).toEqual([what, code]);
      expect(res.body.message).toMatch(CHINESE);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('the secretary asks, the committee approves in its inbox: the term end and the re-election task move to the new date', async () => {
    const key = randomUUID();
    const asked = (await post(SECRETARY, { branchId: branch, until, reason: '支部书记病休，待康复后召开党员大会选举' }, 201, () => campaignId, key)).body;
    expect(asked).toMatchObject({ branchId: branch, termEndsOn: today, until, status: 'pending', statusLabel: '待党(工)委审批', opinion: null, occurrenceChange: null });
    // A retry with the same key is the same request; another one waits for the first.
    expect((await post(SECRETARY, { branchId: branch, until, reason: '支部书记病休，待康复后召开党员大会选举' }, 201, () => campaignId, key)).body.id).toBe(asked.id);
    // The committee's task opens in the background; wait for it, so the refusal below is the only thing that could change the fingerprint.
    const committee = await auth(COMMITTEE);
    const inbox = await eventually(() => sys.http.get('/tasks').query({ kind: 'wujin_re_election_delay' }).set(committee), (r) => r.body.items.some((t: { title: string }) => t.title.includes(`申请延期至${until}`)));
    const task = inbox.body.items.find((t: { title: string }) => t.title.includes(`申请延期至${until}`));
    const before = await fingerprint();
    const again = await post(SECRETARY, { branchId: branch, until, reason: '再次申请延期换届' }, 409);
    expect(again.body).toMatchObject({ code: 'RE_ELECTION_DELAY_PENDING' });
    expect(again.body.message).toContain(until);
    expect(await fingerprint()).toBe(before);

    const page = (await sys.http.get(`/campaigns/${campaignId}/wujin/branches/${branch}`).set(await auth(SECRETARY)).expect(200)).body;
    expect(page.reElection).toMatchObject({ termEndsOn: today, delays: [{ id: asked.id, status: 'pending' }] });

    expect(task).toMatchObject({ kind: 'wujin_re_election_delay', kindLabel: '审批延期换届' });
    const detail = (await sys.http.get(`/tasks/${task.id}`).set(committee).expect(200)).body;
    expect(detail.availableActions.find((a: { type: string }) => a.type === 'decide').outcomes.map((o: { value: string }) => o.value)).toEqual(['approve', 'refuse']);
    await sys.http.post(`/tasks/${task.id}/decision`).set(committee).set('Idempotency-Key', randomUUID()).send({ decision: 'approve', opinion: '同意延期换届' }).expect(200);

    await eventually(occurrence, (o) => o.due === until);
    expect(await occurrence()).toEqual({ status: 'open', due: until, task: 'open' });
    expect(await q(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term FROM organisations WHERE id = $1`, [branch])).toEqual([{ term: until }]);
    const after = (await sys.http.get(`/campaigns/${campaignId}/wujin/branches/${branch}`).set(await auth(SECRETARY)).expect(200)).body;
    expect(after.reElection).toMatchObject({ termEndsOn: until, delays: [{ id: asked.id, status: 'approved', opinion: '同意延期换届', decidedBy: expect.any(String), occurrenceChange: 'moved' }] });
  });
});
