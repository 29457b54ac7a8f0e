import { OrganisationEntity } from '../../libs/persistence/src';
import { ensureCalendarYear, sampleForm } from '../support/fixtures';
import { type TestSystem, startSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

/**
 * A nomination's path preview (GET /nominations/{id}/progress): the campaign's stages with the dates that hold for
 * the branch, who holds it now and by when, the stages ahead, and what changes when it is returned.
 */
describe('nomination progress (path preview)', () => {
  let sys: TestSystem;
  const year = 2031;
  let campaignId: string;

  beforeAll(async () => {
    sys = await startSystem();
    await ensureCalendarYear(sys.db.dataSource, year);
    const created = await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year, parameters: { quota: 3 } }).expect(201);
    campaignId = created.body.id;
    // This campaign takes applications from now on, rather than from its planned opening day years ahead.
    await sys.db.dataSource.query(`UPDATE campaigns SET params = params - 'applicationOpens' WHERE id = $1`, [campaignId]);
    await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth('admin')).expect(200);
    await eventually(
      () => sys.db.dataSource.query(`SELECT count(*)::int AS n FROM campaign_stages WHERE campaign_id = $1`, [campaignId]),
      (rows: Array<{ n: number }>) => rows[0]!.n > 0,
    );
  });
  afterAll(async () => {
    await sys?.stop();
  });

  async function auth(username: string) {
    return { authorization: `Bearer ${await sys.login(username)}` };
  }
  const branchId = async (code: string) => (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code })).id;

  it('shows the grassroots committee holding it until the application stage ends, the stages ahead, and the branch holding it once returned', async () => {
    const secretary = await auth('tsq-cyjd-b01.secretary');
    const submitted = await sys.http.post('/nominations').set(secretary).send({ branchId: await branchId('tsq-cyjd-b01'), campaignYear: year, form: sampleForm() }).expect(201);
    const id = submitted.body.id as string;

    const progress = (await sys.http.get(`/nominations/${id}/progress`).set(secretary).expect(200)).body;
    const stages = await sys.db.dataSource.query(`SELECT stage, due_at, due_on::text AS due_on FROM campaign_stages WHERE campaign_id = $1 ORDER BY seq`, [campaignId]);
    expect(progress.campaign).toMatchObject({ id: campaignId, year, process: 'taian' });
    expect(progress.stages.map((s: { stage: string }) => s.stage)).toEqual(stages.map((s: { stage: string }) => s.stage));
    expect(progress.stages[0]).toMatchObject({ stage: 'application', label: '党支部推荐申报', position: 'current', dueAt: stages[0].due_at.toISOString(), dueOn: stages[0].due_on, extended: false });
    expect(progress.stages.slice(1).every((s: { position: string }) => s.position === 'ahead')).toBe(true);
    expect(progress.holders).toEqual([
      expect.objectContaining({ taskId: submitted.body.openTasks[0].id, organisationName: expect.stringContaining('财源街道'), role: 'reviewer', roleLabel: '审核人', dueAt: stages[0].due_at.toISOString() }),
    ]);
    expect(progress.outcome).toBeNull();

    // Returned: the branch holds it, by the same day.
    await sys.http
      .post(`/tasks/${submitted.body.openTasks[0].id}/decision`)
      .set(await auth('tsq-cyjd.reviewer'))
      .send({ decision: 'return', opinion: '请补充近三年党建工作材料' })
      .expect(200);
    const returned = await eventually(
      () => sys.http.get(`/nominations/${id}/progress`).set(secretary),
      (r) => r.body.holders?.[0]?.role === 'submitter',
    );
    expect(returned.body.holders).toEqual([expect.objectContaining({ taskId: null, organisationId: await branchId('tsq-cyjd-b01'), dueAt: stages[0].due_at.toISOString() })]);

    // An extension for the branch's county moves its dates; another county's does not.
    const tsq = await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq' });
    const dyq = await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'dyq' });
    const control = async (organisationId: string, dueAt: string) =>
      sys.http
        .post(`/campaigns/${campaignId}/control`)
        .set(await auth('admin'))
        .send({ action: 'extend', reason: '因防汛延后申报', stage: 'application', dueAt, organisationId })
        .expect(200);
    await control(dyq.id, `${year}-03-28T16:00:00.000Z`);
    await control(tsq.id, `${year}-03-25T16:00:00.000Z`);
    const extended = (await sys.http.get(`/nominations/${id}/progress`).set(secretary).expect(200)).body;
    expect(extended.stages[0]).toMatchObject({ dueAt: `${year}-03-25T16:00:00.000Z`, dueOn: `${year}-03-25`, extended: true });
    expect(extended.holders[0].dueAt).toBe(`${year}-03-25T16:00:00.000Z`);

    // Outside the subtree it does not exist.
    await sys.http.get(`/nominations/${id}/progress`).set(await auth('tsq-dmjd.reviewer')).expect(404);
  });

  it('tells a form what an attachment may be, with the size limit (ATTACHMENT_MAX_BYTES, by default 10MB)', async () => {
    const rules = (await sys.http.get('/nominations/attachment-rules').set(await auth('tsq-cyjd-b01.secretary')).expect(200)).body;
    expect(rules).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxCount: 10 });
    expect(rules.kinds.map((k: { extensions: string[] }) => k.extensions).flat()).toEqual(expect.arrayContaining(['pdf', 'jpg', 'png', 'docx', 'xlsx']));
    await sys.http.get('/nominations/attachment-rules').expect(401);
  });

  it('a nomination outside any campaign has no stages, and its outcome once decided', async () => {
    const secretary = await auth('tsq-cyjd-b02.secretary');
    const submitted = await sys.http.post('/nominations').set(secretary).send({ branchId: await branchId('tsq-cyjd-b02'), campaignYear: 2045, form: sampleForm() }).expect(201);
    const id = submitted.body.id as string;
    const before = (await sys.http.get(`/nominations/${id}/progress`).set(secretary).expect(200)).body;
    expect(before).toMatchObject({ campaign: null, stages: [], outcome: null, holders: [expect.objectContaining({ role: 'reviewer', dueAt: null })] });
    await sys.http
      .post(`/tasks/${submitted.body.openTasks[0].id}/decision`)
      .set(await auth('tsq-cyjd.reviewer'))
      .send({ decision: 'approve', opinion: '同意推荐' })
      .expect(200);
    const after = await eventually(
      () => sys.http.get(`/nominations/${id}/progress`).set(secretary),
      (r) => r.body.outcome !== null,
    );
    expect(after.body).toMatchObject({ holders: [], outcome: { status: 'approved', label: '基层党委已同意推荐' } });
  });
});
