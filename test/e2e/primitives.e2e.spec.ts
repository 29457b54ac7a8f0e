import { randomUUID } from 'node:crypto';
import { OrganisationEntity } from '../../libs/persistence/src';
import { startApprovalTask } from '../support/approval-task';
import { actorAt } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

/** The engine's primitives over HTTP: a public notice anyone can read and object to, and human-task actions. */
describe('primitives end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });
  const branches = async (...codes: string[]) => Promise.all(codes.map(async (code) => (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code })).id));

  async function publish(publishedAt?: string, amount = 3) {
    const res = await sys.http
      .post('/notices')
      .set(await auth('tsq.reviewer'))
      .send({ title: '泰山区红旗党支部推荐对象公示', organisationIds: await branches('tsq-cyjd-b01', 'tsq-cyjd-b02', 'tsq-dmjd-b11'), duration: { amount, unit: 'working_days' }, ...(publishedAt ? { publishedAt } : {}) })
      .expect(201);
    const id = res.body.id as string;
    await eventually(() => sys.http.get(`/public/notices/${id}`), (r) => r.status === 200);
    return id;
  }

  it('publicNotice: anyone reads it and objects without logging in; the committee investigates; an upheld objection removes the branch', async () => {
    const id = await publish();
    const view = await sys.http.get(`/public/notices/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'open', acceptingObjections: true, items: expect.arrayContaining([expect.objectContaining({ name: '东关村党支部', status: 'listed' })]) });
    const item = view.body.items.find((i: { name: string }) => i.name === '东关村党支部').id;

    const key = `obj-${randomUUID()}`;
    const lodged = await sys.http.post(`/public/notices/${id}/objections`).set('Idempotency-Key', key).send({ itemId: item, anonymous: true, content: '该支部书记存在违纪问题，请核查' }).expect(201);
    const again = await sys.http.post(`/public/notices/${id}/objections`).set('Idempotency-Key', key).send({ itemId: item, anonymous: true, content: '该支部书记存在违纪问题，请核查' }).expect(201);
    expect(again.body.objectionId).toBe(lodged.body.objectionId);
    expect((await sys.http.post(`/public/notices/${id}/objections`).send({ itemId: item, anonymous: false, content: '我实名反映' }).expect(400)).body.details).toEqual([expect.stringContaining('填写姓名')]);
    expect((await sys.http.post(`/public/notices/${id}/objections`).send({ itemId: item, anonymous: true, content: '短' }).expect(400)).body.message).toMatch(/校验/);
    await sys.http.post(`/public/notices/${id}/objections`).send({ itemId: 'nobody', anonymous: true, content: '没有这个对象吧' }).expect(404);
    expect((await sys.http.get(`/public/notices/${id}`).expect(200)).body.objections).toMatchObject({ lodged: 1, investigating: 1 });

    // The committee's reviewer finds the investigation in the inbox and upholds it.
    const reviewer = await auth('tsq.reviewer');
    const inbox = await eventually(() => sys.http.get('/tasks').set(reviewer), (r) => r.body.items.some((t: { kind: string }) => t.kind === 'objection_investigation'));
    const task = inbox.body.items.find((t: { kind: string; subjectId: string }) => t.kind === 'objection_investigation' && t.subjectId === lodged.body.objectionId);
    await sys.http.post(`/tasks/${task.id}/actions`).set(await auth('dyq.reviewer')).send({ type: 'decide', decision: 'upheld', opinion: '越权' }).expect(404);
    await sys.http.post(`/tasks/${task.id}/actions`).set(reviewer).send({ type: 'decide', decision: 'maybe', opinion: '' }).expect(422);
    await sys.http.post(`/tasks/${task.id}/actions`).set(reviewer).send({ type: 'decide', decision: 'upheld', opinion: '经核实，该支部书记受到党内警告处分' }).expect(200);

    const detail = await eventually(() => sys.http.get(`/notices/${id}`).set(reviewer), (r) => r.body.objectionDetails?.[0]?.status === 'upheld');
    expect(detail.body.items.find((i: { id: string }) => i.id === item).status).toBe('removed');
    expect(detail.body.objectionDetails[0]).toMatchObject({ anonymous: true, name: null, resolution: '经核实，该支部书记受到党内警告处分' });
    // Another district cannot see the committee's view.
    await sys.http.get(`/notices/${id}`).set(await auth('dyq.reviewer')).expect(404);
  });

  it('publicNotice: an objection after the notice has closed is refused with a clear message', async () => {
    const id = await publish(new Date(Date.now() - 20 * 86_400_000).toISOString(), 1);
    const view = await eventually(() => sys.http.get(`/public/notices/${id}`), (r) => r.body.status === 'closed');
    const res = await sys.http.post(`/public/notices/${id}/objections`).send({ itemId: view.body.items[0].id, anonymous: true, content: '公示期已过还能提吗' }).expect(409);
    expect(res.body.message).toMatch(/公示期已于.+结束，不再受理异议/);
  });

  it('publicNotice: only a committee publishes, over its own branches, and the calendar must cover the period', async () => {
    const mine = await branches('tsq-cyjd-b01');
    const foreign = await branches('dyq-zdjd-b21');
    await sys.http.post('/notices').set(await auth('tsq-cyjd-b01.secretary')).send({ title: 't', organisationIds: mine, duration: { amount: 3, unit: 'working_days' } }).expect(403);
    await sys.http.post('/notices').set(await auth('tsq.reviewer')).send({ title: 't', organisationIds: foreign, duration: { amount: 3, unit: 'working_days' } }).expect(404);
    const late = await sys.http
      .post('/notices')
      .set(await auth('tsq.reviewer'))
      .send({ title: 't', organisationIds: mine, duration: { amount: 3, unit: 'working_days' }, publishedAt: '2099-06-01T00:00:00.000Z' })
      .expect(422);
    expect(late.body.message).toContain('2099年的节假日安排尚未录入');
  });

  it('publicNotice: lodging is rate-limited per address, in Chinese', async () => {
    const id = await publish();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await sys.http.post(`/public/notices/${id}/objections`).send({ itemId: 'nobody', anonymous: true, content: '反复提交测试限频' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.message).toBe('请求过于频繁，请稍后再试');
    }
    expect(statuses).toContain(429);
  });

  it('humanTask: transfer and decide through the API; the inbox follows the task', async () => {
    const first = await actorAt(sys.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
    const second = await actorAt(sys.db.dataSource, 'tsq-dmjd.reviewer', 'reviewer');
    const a = await auth('tsq-cyjd.reviewer');
    const row = await startApprovalTask(sys, { organisationId: first.organisationId, title: '审核整改报告', inboxAuth: a });
    await sys.http.post(`/tasks/${row.id}/actions`).set(a).send({ type: 'transfer', to: { organisationId: second.organisationId, role: 'reviewer' }, opinion: '属岱庙街道' }).expect(200);
    await sys.http.post(`/tasks/${row.id}/actions`).set(a).send({ type: 'decide', decision: 'approve' }).expect(409);
    const b = await auth('tsq-dmjd.reviewer');
    const theirs = await eventually(() => sys.http.get('/tasks').set(b), (r) => r.body.items.some((t: { title: string }) => t.title === '审核整改报告'));
    const moved = theirs.body.items.find((t: { title: string }) => t.title === '审核整改报告');
    const done = await sys.http.post(`/tasks/${moved.id}/decision`).set(b).send({ decision: 'approve', opinion: '同意' }).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'approve' });
    await sys.http.post(`/tasks/${moved.id}/actions`).set(b).send({ type: 'frobnicate' }).expect(400);
  });
});
