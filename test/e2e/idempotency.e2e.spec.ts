import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { OrganisationEntity } from '../../libs/persistence/src';
import { startApprovalTask } from '../support/approval-task';
import { actorAt, ensureCalendarYear, sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

/**
 * One Idempotency-Key mechanism for every POST and PUT: a replay with the
 * same key and body gets the first answer (status and body) whatever the state
 * now says; the same key with another body is refused (422) and changes nothing.
 */
describe('Idempotency-Key on every endpoint family', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let year = 2060;
  beforeAll(() => {
    sys = system.sys();
  });

  const orgId = async (code: string) => (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code })).id;
  const count = async (sql: string, params: unknown[] = []) => Number((await sys.db.dataSource.query(sql, params))[0].n);
  const key = () => `k-${randomUUID()}`;

  /** The replay answers exactly as the first did, and says it is a replay. */
  function expectReplay(first: Response, replay: Response) {
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    if (first.headers.location) expect(replay.headers.location).toBe(first.headers.location);
  }

  function expectKeyReused(res: Response, k: string) {
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(res.body.message).toContain(k);
    expect(res.body.message).toContain('内容不同');
  }

  async function submit(code = 'tsq-cyjd-b01', k = key()) {
    const body = { branchId: await orgId(code), campaignYear: ++year, form: sampleForm() };
    const res = await sys.http.post('/nominations').set(await auth(`${code}.secretary`)).set('Idempotency-Key', k).send(body);
    expect(res.status).toBe(201);
    return { res, body, k, taskId: res.body.openTasks[0].id as string };
  }

  it('nominations: a replay answers 201 with the same nomination; the key with another body is refused', async () => {
    const { res, body, k } = await submit();
    const replay = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b01.secretary')).set('Idempotency-Key', k).send(body);
    expectReplay(res, replay);
    expect(await count(`SELECT count(*) AS n FROM nominations WHERE campaign_year = $1`, [body.campaignYear])).toBe(1);
    const other = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b01.secretary')).set('Idempotency-Key', k).send({ ...body, campaignYear: body.campaignYear + 100 });
    expectKeyReused(other, k);
    expect(await count(`SELECT count(*) AS n FROM nominations WHERE campaign_year = $1`, [body.campaignYear + 100])).toBe(0);
  });

  it('keys belong to their caller: another user with the same key runs their own request', async () => {
    const k = key();
    const mine = await submit('tsq-cyjd-b01', k);
    const theirs = await submit('tsq-cyjd-b02', k);
    expect(theirs.res.body.id).not.toBe(mine.res.body.id);
    expect(theirs.res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('decisions: a replay after the task is closed answers the first 200, not 409', async () => {
    const { taskId } = await submit();
    const reviewer = await auth('tsq-cyjd.reviewer');
    const k = key();
    const first = await sys.http.post(`/tasks/${taskId}/decision`).set(reviewer).set('Idempotency-Key', k).send({ decision: 'approve', opinion: '同意推荐' });
    expect(first.status).toBe(200);
    const replay = await sys.http.post(`/tasks/${taskId}/decision`).set(reviewer).set('Idempotency-Key', k).send({ decision: 'approve', opinion: '同意推荐' });
    expectReplay(first, replay);
    expectKeyReused(await sys.http.post(`/tasks/${taskId}/decision`).set(reviewer).set('Idempotency-Key', k).send({ decision: 'reject', opinion: '不同意' }), k);
    // Without the key, the state speaks.
    expect((await sys.http.post(`/tasks/${taskId}/decision`).set(reviewer).send({ decision: 'approve', opinion: '同意推荐' })).status).toBe(409);
    // The first answer lost on its way (the API died before keeping it): the retry still gets the decision's outcome, not 409.
    await sys.db.dataSource.query(`DELETE FROM idempotency_keys WHERE key = $1`, [k]);
    const afterLoss = await sys.http.post(`/tasks/${taskId}/decision`).set(reviewer).set('Idempotency-Key', k).send({ decision: 'approve', opinion: '同意推荐' });
    expect(afterLoss.status).toBe(200);
    expect(afterLoss.body).toMatchObject({ status: 'approved' });
    expect(await count(`SELECT count(*) AS n FROM nomination_steps WHERE task_id = $1`, [taskId])).toBe(1);
  });

  it('decisions: two simultaneous requests with one key decide once; the other waits its turn or replays', async () => {
    const { taskId } = await submit();
    const reviewer = await auth('tsq-cyjd.reviewer');
    const k = key();
    const send = () => sys.http.post(`/tasks/${taskId}/decision`).set(reviewer).set('Idempotency-Key', k).send({ decision: 'approve', opinion: '同意' });
    const answers = await Promise.all([send(), send()]);
    for (const a of answers) {
      if (a.status === 409) {
        expect(a.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
        expect(a.headers['retry-after']).toBe('1');
      } else expect(a.status).toBe(200);
    }
    expect(answers.some((a) => a.status === 200)).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM nomination_steps WHERE task_id = $1`, [taskId])).toBe(1);
  });

  it('resubmission: a replay answers the first 200, not NOT_RESUBMITTABLE', async () => {
    const { res, taskId } = await submit();
    await sys.http.post(`/tasks/${taskId}/decision`).set(await auth('tsq-cyjd.reviewer')).send({ decision: 'return', opinion: '请补充数据' }).expect(200);
    const secretary = await auth('tsq-cyjd-b01.secretary');
    const k = key();
    const body = { form: sampleForm({ mainDeeds: '补充：集体收入三年翻番。' }) };
    const first = await sys.http.post(`/nominations/${res.body.id}/resubmission`).set(secretary).set('Idempotency-Key', k).send(body);
    expect(first.status).toBe(201);
    expectReplay(first, await sys.http.post(`/nominations/${res.body.id}/resubmission`).set(secretary).set('Idempotency-Key', k).send(body));
    expectKeyReused(await sys.http.post(`/nominations/${res.body.id}/resubmission`).set(secretary).set('Idempotency-Key', k).send({ form: sampleForm() }), k);
    await sys.db.dataSource.query(`DELETE FROM idempotency_keys WHERE key = $1`, [k]);
    const afterLoss = await sys.http.post(`/nominations/${res.body.id}/resubmission`).set(secretary).set('Idempotency-Key', k).send(body);
    expect(afterLoss.status).toBe(201);
    expect(afterLoss.body.status).toBe('under_review');
    expect(await count(`SELECT count(*) AS n FROM nomination_steps WHERE nomination_id = $1 AND action = 'resubmitted'`, [res.body.id])).toBe(1);
  });

  it('task actions: a replayed decision on a human task answers the first 200', async () => {
    const actor = await actorAt(sys.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
    const reviewer = await auth('tsq-cyjd.reviewer');
    const row = await startApprovalTask(sys, { organisationId: actor.organisationId, title: `幂等测试 ${randomUUID()}`, inboxAuth: reviewer });
    const k = key();
    const first = await sys.http.post(`/tasks/${row.id}/actions`).set(reviewer).set('Idempotency-Key', k).send({ type: 'decide', decision: 'approve', opinion: '同意' });
    expect(first.status).toBe(200);
    expectReplay(first, await sys.http.post(`/tasks/${row.id}/actions`).set(reviewer).set('Idempotency-Key', k).send({ type: 'decide', decision: 'approve', opinion: '同意' }));
    expectKeyReused(await sys.http.post(`/tasks/${row.id}/actions`).set(reviewer).set('Idempotency-Key', k).send({ type: 'urge' }), k);
    await sys.db.dataSource.query(`DELETE FROM idempotency_keys WHERE key = $1`, [k]);
    const afterLoss = await sys.http.post(`/tasks/${row.id}/actions`).set(reviewer).set('Idempotency-Key', k).send({ type: 'decide', decision: 'approve', opinion: '同意' });
    expect(afterLoss.status).toBe(200);
    expect(afterLoss.body).toMatchObject({ status: 'completed', outcome: 'approve' });
  });

  it('notices and objections: one notice and one objection per key; a replay answers as the first time', async () => {
    const reviewer = await auth('tsq.reviewer');
    const k = key();
    const body = { title: `幂等公示 ${k}`, organisationIds: [await orgId('tsq-cyjd-b01'), await orgId('tsq-cyjd-b02')], duration: { amount: 3, unit: 'working_days' } };
    const first = await sys.http.post('/notices').set(reviewer).set('Idempotency-Key', k).send(body);
    expect(first.status).toBe(201);
    expectReplay(first, await sys.http.post('/notices').set(reviewer).set('Idempotency-Key', k).send(body));
    expectKeyReused(await sys.http.post('/notices').set(reviewer).set('Idempotency-Key', k).send({ ...body, title: '另一份公示' }), k);
    const view = await eventually(() => sys.http.get(`/public/notices/${first.body.id}`), (r) => r.status === 200);
    expect(await count(`SELECT count(*) AS n FROM public_notices WHERE title = $1`, [body.title])).toBe(1);
    const objection = { itemId: view.body.items[0].id, anonymous: true, content: '该支部台账不实，请核查' };
    const ok = key();
    const lodged = await sys.http.post(`/public/notices/${first.body.id}/objections`).set('Idempotency-Key', ok).send(objection);
    expect(lodged.status).toBe(201);
    expectReplay(lodged, await sys.http.post(`/public/notices/${first.body.id}/objections`).set('Idempotency-Key', ok).send(objection));
    expectKeyReused(await sys.http.post(`/public/notices/${first.body.id}/objections`).set('Idempotency-Key', ok).send({ ...objection, content: '另一条不同的异议内容' }), ok);
  });

  it('campaigns: creating, starting and controlling replay their first answers', async () => {
    await ensureCalendarYear(sys.db.dataSource, 2031);
    const admin = await auth('admin');
    const k = key();
    const body = { process: 'taian', year: 2031, parameters: { quota: 3 } };
    const created = await sys.http.post('/campaigns').set(admin).set('Idempotency-Key', k).send(body);
    expect(created.status).toBe(201);
    expectReplay(created, await sys.http.post('/campaigns').set(admin).set('Idempotency-Key', k).send(body));
    expect(await count(`SELECT count(*) AS n FROM campaigns WHERE year = 2031`)).toBe(1);
    expectKeyReused(await sys.http.post('/campaigns').set(admin).set('Idempotency-Key', k).send({ ...body, parameters: { quota: 4 } }), k);

    const sk = key();
    const started = await sys.http.post(`/campaigns/${created.body.id}/start`).set(admin).set('Idempotency-Key', sk).send();
    expect(started.status).toBe(200);
    expectReplay(started, await sys.http.post(`/campaigns/${created.body.id}/start`).set(admin).set('Idempotency-Key', sk).send());

    const ck = key();
    const pause = { action: 'pause', reason: '等待通知' };
    const paused = await sys.http.post(`/campaigns/${created.body.id}/control`).set(admin).set('Idempotency-Key', ck).send(pause);
    expect(paused.status).toBe(200);
    expectReplay(paused, await sys.http.post(`/campaigns/${created.body.id}/control`).set(admin).set('Idempotency-Key', ck).send(pause));
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE subject_id = $1 AND action = 'campaign.pause'`, [created.body.id])).toBe(1);
    await sys.http.post(`/campaigns/${created.body.id}/control`).set(admin).send({ action: 'cancel', reason: '测试结束' }).expect(200);
  });

  it('ledger: a replayed change answers the first entry and is audited once', async () => {
    const branch = await orgId('tsq-cyjd-b05');
    const reviewer = await auth('tsq-cyjd.reviewer');
    const k = key();
    const first = await sys.http.put(`/ledger/${branch}`).set(reviewer).set('Idempotency-Key', k).send({ evaluation: '幂等测试评价' });
    expect(first.status).toBe(200);
    // Someone else changes the entry in between: the replay still answers what the first request got.
    await sys.http.put(`/ledger/${branch}`).set(await auth('tsq.reviewer')).send({ evaluation: '区委复核评价' }).expect(200);
    expectReplay(first, await sys.http.put(`/ledger/${branch}`).set(reviewer).set('Idempotency-Key', k).send({ evaluation: '幂等测试评价' }));
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE subject_id = $1 AND after->>'evaluation' = '幂等测试评价'`, [branch])).toBe(1);
    expectKeyReused(await sys.http.put(`/ledger/${branch}`).set(reviewer).set('Idempotency-Key', k).send({ evaluation: '另一种评价' }), k);
  });

  it('attachments: one file per key; the same key with other bytes is refused', async () => {
    const { res } = await submit();
    const secretary = await auth('tsq-cyjd-b01.secretary');
    const k = key();
    const upload = (bytes: Buffer) => sys.http.post(`/nominations/${res.body.id}/attachments`).set(secretary).set('Idempotency-Key', k).attach('file', bytes, '事迹材料.pdf');
    const first = await upload(PDF);
    expect(first.status).toBe(201);
    expectReplay(first, await upload(PDF));
    expectKeyReused(await upload(Buffer.concat([PDF, Buffer.from('%% changed\n')])), k);
    expect(await count(`SELECT count(*) AS n FROM attachments WHERE nomination_id = $1`, [res.body.id])).toBe(1);
  });

  it('refuses a malformed key in Chinese and keeps no answer for a request that failed validation', async () => {
    const bad = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b01.secretary')).set('Idempotency-Key', 'short').send({});
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    // A 400 is not final: the corrected request with the same key runs.
    const k = key();
    await sys.http.post('/nominations').set(await auth('tsq-cyjd-b01.secretary')).set('Idempotency-Key', k).send({ branchId: 'x' }).expect(400);
    await submit('tsq-cyjd-b01', k);
  });
});
