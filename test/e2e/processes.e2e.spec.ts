import { ensureCalendarYear } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';

/** The registry over HTTP: every process a client may set up, and campaigns that name a process, not a hard-wired one. */
describe('processes and campaigns by definition', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  it('lists each registered process with its stages, its parameters as JSON Schema and its subject statuses', async () => {
    const res = await sys.http.get('/processes').set(await auth('tsq-cyjd-b01.secretary')).expect(200);
    const taian = res.body.find((p: { id: string }) => p.id === 'taian');
    expect(taian).toMatchObject({ name: '“泰山先锋”红旗党支部评选', takesNominations: true, subjectStatuses: { named: '命名为“泰山先锋”红旗党支部' } });
    expect(taian.dashboardSections.map((s: { id: string }) => s.id)).toEqual(['candidates', 'vetoes', 'consultationGaps', 'objections', 'ledger']);
    expect(taian.documents.map((d: { path: string }) => d.path)).toContain('/campaigns/{campaignId}/ledger.xlsx');
    expect(taian.stages.map((s: { id: string }) => s.id)).toEqual(['application', 'grassroots_recommendation', 'city_managed_selection', 'city_review', 'naming', 'cultivation_plan', 'mentoring_plan']);
    expect(taian.parameters).toMatchObject({ type: 'object', properties: { quota: { type: 'integer', minimum: 1 } } });
    expect(taian.parametersInForce.required).toEqual(expect.arrayContaining(['year', 'quota', 'deadlines']));
    await sys.http.get('/processes').expect(401);
  });

  it('previews a plan with changed parameters without storing anything, and refuses a broken rule in Chinese', async () => {
    const admin = await auth('admin');
    await ensureCalendarYear(sys.db.dataSource, 2034);
    const campaigns = async () => (await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM campaigns`))[0].n;
    const before = await campaigns();
    const defaults = (await sys.http.get('/campaigns/defaults?process=taian&year=2034').set(admin).expect(200)).body;
    const moved = (await sys.http.post('/campaigns/defaults/preview').set(admin).send({ process: 'taian', year: 2034, parameters: { deadlines: { application: '03-20' } } }).expect(200)).body;
    const dueOf = (plan: Array<{ stage: string; dueOn: string }>) => plan.find((s) => s.stage === 'application')!.dueOn;
    expect(dueOf(defaults.plan)).not.toBe(dueOf(moved.plan));
    expect(dueOf(moved.plan) >= '2034-03-20').toBe(true);
    expect(moved.parameters.deadlines.application).toBe('03-20');
    const broken = await sys.http.post('/campaigns/defaults/preview').set(admin).send({ process: 'taian', year: 2034, parameters: { deadlines: { application: '12-30' } } }).expect(422);
    expect(broken.body.code).toBe('PLAN_INVALID');
    expect(broken.body.message).toContain('截止日期须晚于');
    await sys.http.post('/campaigns/defaults/preview').set(admin).send({ process: 'taian', year: 2034, parameters: { quota: 0 } }).expect(400);
    expect(await campaigns()).toBe(before);
  });

  it('refuses a process nobody registered and a stage the process does not have, in Chinese, changing nothing', async () => {
    const admin = await auth('admin');
    const unknown = await sys.http.post('/campaigns').set(admin).send({ process: 'nowhere', year: 2033 }).expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect((await sys.http.get('/campaigns/defaults?process=nowhere&year=2026').set(admin).expect(400)).body.details.join()).toContain('taian');

    await ensureCalendarYear(sys.db.dataSource, 2033);
    const created = await sys.http.post('/campaigns').set(admin).send({ process: 'taian', year: 2033, reason: '按市委部署开展年度评选', parameters: { quota: 3 } }).expect(201);
    await sys.http.post(`/campaigns/${created.body.id}/start`).set(admin).send({ reason: '各级已做好准备' }).expect(200);
    await sys.http.post(`/campaigns/${created.body.id}/start`).set(admin).expect(200);
    // The reasons given for setting up and starting are on the record, once each.
    const reasons = await sys.db.dataSource.query(`SELECT action, opinion FROM audit_log WHERE subject_id = $1 AND action IN ('campaign.created', 'campaign.start') ORDER BY seq`, [created.body.id]);
    expect(reasons).toEqual([
      { action: 'campaign.created', opinion: '按市委部署开展年度评选' },
      { action: 'campaign.start', opinion: '各级已做好准备' },
    ]);
    const [before] = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1`, [created.body.id]);
    const res = await sys.http
      .post(`/campaigns/${created.body.id}/control`)
      .set(admin)
      .send({ action: 'extend', reason: '测试', stage: 'harvest', dueAt: '2033-12-01T00:00:00Z' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'STAGE_UNKNOWN' });
    expect(res.body.message).toContain('没有“harvest”阶段');
    const [after] = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1`, [created.body.id]);
    expect(after.n).toBe(before.n);
    await sys.http.post(`/campaigns/${created.body.id}/control`).set(admin).send({ action: 'cancel', reason: '测试结束' }).expect(200);
  });
});
