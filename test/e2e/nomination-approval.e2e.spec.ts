import { randomUUID } from 'node:crypto';
import { NominationStepEntity, OrganisationEntity, verifyAuditChain } from '../../libs/persistence/src';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, startSystem } from '../support/system';

/**
 * A branch secretary's nomination reviewed by its grassroots committee, over
 * real HTTP, through the Temporal dev server and the compiled worker process,
 * into PostgreSQL.
 */
describe('nomination approval end to end', () => {
  let sys: TestSystem;
  let year = 2040;

  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const branchId = async (code: string) => (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code })).id;

  async function submit(code = 'tsq-cyjd-b01') {
    const token = await sys.login(`${code}.secretary`);
    const res = await sys.http
      .post('/nominations')
      .set(auth(token))
      .send({ branchId: await branchId(code), campaignYear: ++year, form: sampleForm() })
      .expect(201);
    expect(res.body.openTasks).toHaveLength(1);
    return { nomination: res.body, taskId: res.body.openTasks[0].id as string };
  }

  it('reports health of the API, the database and Temporal, and serves the OpenAPI document', async () => {
    const health = await sys.http.get('/health').expect(200);
    expect(health.body).toEqual({ status: 'up', message: '运行正常', checks: { api: 'up', database: 'up', temporal: 'up' } });
    const doc = await sys.http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/nominations', '/nominations/{id}', '/nominations/{id}/resubmission', '/tasks', '/tasks/{id}/decision', '/health']),
    );
    await sys.http.get('/docs').expect(200).expect('content-type', /html/);
  });

  it('goes from submission to the grassroots approval, with the opinion on the form', async () => {
    const { nomination, taskId } = await submit();
    expect(nomination).toMatchObject({ status: 'under_review', statusLabel: '审核中', branch: { name: expect.any(String) } });
    expect(nomination.grassrootsCommittee.name).toContain('财源街道');

    const reviewer = await sys.login('tsq-cyjd.reviewer');
    const inbox = await sys.http.get('/tasks').set(auth(reviewer)).expect(200);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(taskId);

    const decided = await sys.http
      .post(`/tasks/${taskId}/decision`)
      .set(auth(reviewer))
      .send({ decision: 'approve', opinion: '经党委集体研究，同意推荐。' })
      .expect(200);
    expect(decided.body.status).toBe('approved');

    const shown = await sys.http.get(`/nominations/${nomination.id}`).set(auth(await sys.login('tsq-cyjd-b01.secretary'))).expect(200);
    expect(shown.body.status).toBe('approved');
    expect(shown.body.steps.map((s: { action: string; opinion: string }) => [s.action, s.opinion])).toEqual([
      ['submitted', ''],
      ['approve', '经党委集体研究，同意推荐。'],
    ]);
    expect(shown.body.openTasks).toEqual([]);
    const after = await sys.http.get('/tasks').set(auth(reviewer)).expect(200);
    expect(after.body.items.map((t: { id: string }) => t.id)).not.toContain(taskId);

    // Every action is in the audit trail, with who, role, organisation, opinion, before and after.
    const audit = await sys.db.dataSource.query(
      `SELECT action, actor_role, opinion, before, after FROM audit_log WHERE subject_id = $1 ORDER BY seq`,
      [nomination.id],
    );
    expect(audit).toEqual([
      expect.objectContaining({ action: 'nomination.submitted', actor_role: 'submitter' }),
      expect.objectContaining({ action: 'nomination.review.approve', actor_role: 'reviewer', opinion: '经党委集体研究，同意推荐。', before: expect.objectContaining({ status: 'under_review' }), after: { status: 'approved' } }),
    ]);
    expect((await verifyAuditChain(sys.db.dataSource)).firstBroken).toBeUndefined();
  });

  it('keeps another committee out: its reviewer neither sees nor decides the task, and nothing changes', async () => {
    const { nomination, taskId } = await submit();
    const outsider = await sys.login('dyq-zdjd.reviewer');
    const inbox = await sys.http.get('/tasks').set(auth(outsider)).expect(200);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).not.toContain(taskId);
    const read = await sys.http.get(`/tasks/${taskId}`).set(auth(outsider)).expect(404);
    expect(read.body.message).toMatch(/不存在/);
    await sys.http.get(`/nominations/${nomination.id}`).set(auth(outsider)).expect(404);
    const act = await sys.http.post(`/tasks/${taskId}/decision`).set(auth(outsider)).send({ decision: 'approve', opinion: '' }).expect(404);
    expect(act.body.message).toMatch(/[\u4e00-\u9fa5]/);
    // A committee member of the right committee may see the task but is not its assignee.
    const member = await sys.login('tsq-cyjd.member');
    const denied = await sys.http.post(`/tasks/${taskId}/decision`).set(auth(member)).send({ decision: 'approve', opinion: '' }).expect(403);
    expect(denied.body.message).toBe('您不是该任务的办理人');

    const steps = await sys.db.dataSource.getRepository(NominationStepEntity).findBy({ nominationId: nomination.id });
    expect(steps.map((s) => s.action)).toEqual(['submitted']);
    // The city's department head reads the whole city; another district's head does not.
    await sys.http.get(`/nominations/${nomination.id}`).set(auth(await sys.login('head'))).expect(200);
    await sys.http.get(`/nominations/${nomination.id}`).set(auth(await sys.login('dyq.head'))).expect(404);
  });

  it('returns for revision; the secretary resubmits; the committee approves the revised form', async () => {
    const { nomination, taskId } = await submit();
    const reviewer = await sys.login('tsq-cyjd.reviewer');
    await sys.http.post(`/tasks/${taskId}/decision`).set(auth(reviewer)).send({ decision: 'return', opinion: '请补充近三年的具体数据' }).expect(200);
    const secretary = await sys.login('tsq-cyjd-b01.secretary');
    const resubmitted = await sys.http
      .post(`/nominations/${nomination.id}/resubmission`)
      .set(auth(secretary))
      .send({ form: sampleForm({ mainDeeds: '三年来村集体收入由20万元增至45万元。' }) })
      .expect(201);
    expect(resubmitted.body.status).toBe('under_review');
    expect(resubmitted.body.form.mainDeeds).toBe('三年来村集体收入由20万元增至45万元。');
    const secondTask = resubmitted.body.openTasks[0].id;
    expect(secondTask).not.toBe(taskId);
    await sys.http.post(`/tasks/${secondTask}/decision`).set(auth(reviewer)).send({ decision: 'approve', opinion: '同意' }).expect(200);
    const shown = await sys.http.get(`/nominations/${nomination.id}`).set(auth(secretary)).expect(200);
    expect(shown.body.steps.map((s: { action: string }) => s.action)).toEqual(['submitted', 'return', 'resubmitted', 'approve']);
  });

  it('gives a retried submission with the same Idempotency-Key the same nomination', async () => {
    const token = await sys.login('tsq-cyjd-b02.secretary');
    const key = `retry-${randomUUID()}`;
    const body = { branchId: await branchId('tsq-cyjd-b02'), campaignYear: ++year, form: sampleForm() };
    const first = await sys.http.post('/nominations').set(auth(token)).set('Idempotency-Key', key).send(body).expect(201);
    const second = await sys.http.post('/nominations').set(auth(token)).set('Idempotency-Key', key).send(body).expect(201);
    expect(second.body.id).toBe(first.body.id);
    const third = await sys.http.post('/nominations').set(auth(token)).send(body).expect(409);
    expect(third.body.message).toMatch(/已有推荐申报/);

    // Retried again after the review has finished: the first answer, no second review.
    const reviewer = await sys.login('tsq-cyjd.reviewer');
    await sys.http.post(`/tasks/${first.body.openTasks[0].id}/decision`).set(auth(reviewer)).send({ decision: 'approve', opinion: '同意' }).expect(200);
    const late = await sys.http.post('/nominations').set(auth(token)).set('Idempotency-Key', key).send(body).expect(201);
    expect(late.body).toEqual(first.body);
    // Once the kept answer has expired, the same key still finds the same nomination, as it is now.
    await sys.db.dataSource.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const expired = await sys.http.post('/nominations').set(auth(token)).set('Idempotency-Key', key).send(body).expect(201);
    expect(expired.body).toMatchObject({ id: first.body.id, status: 'approved', openTasks: [] });
    const tasks = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE subject_id = $1`, [first.body.id]);
    expect(tasks[0].n).toBe(1);
  });

  it('lets exactly one of two simultaneous approvals through', async () => {
    const { nomination, taskId } = await submit();
    const reviewer = await sys.login('tsq-cyjd.reviewer');
    const decide = () => sys.http.post(`/tasks/${taskId}/decision`).set(auth(reviewer)).send({ decision: 'approve', opinion: '同意' });
    const statuses = (await Promise.all([decide(), decide()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const approvals = await sys.db.dataSource.getRepository(NominationStepEntity).findBy({ nominationId: nomination.id, action: 'approve' });
    expect(approvals).toHaveLength(1);
  });

  it('survives a worker killed between submission and approval: one approval recorded', async () => {
    const { nomination, taskId } = await submit();
    await sys.worker.kill();
    await sys.worker.start();
    const reviewer = await sys.login('tsq-cyjd.reviewer');
    await sys.http.post(`/tasks/${taskId}/decision`).set(auth(reviewer)).send({ decision: 'approve', opinion: '同意推荐' }).expect(200);
    const handle = sys.temporal.client.workflow.getHandle(`nomination-${nomination.id}`);
    await expect(handle.result()).resolves.toMatchObject({ status: 'approved' });
    const approvals = await sys.db.dataSource.getRepository(NominationStepEntity).findBy({ nominationId: nomination.id, action: 'approve' });
    expect(approvals).toHaveLength(1);
  });
});
