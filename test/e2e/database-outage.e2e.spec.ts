import { OrganisationEntity } from '../../libs/persistence/src';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

/**
 * PostgreSQL out of the API's reach (the connection between them cut, as a
 * restart or a network fault looks to it): every request is answered 503 with
 * Retry-After and a Chinese message, /health says the database is down, and a
 * client retrying with its Idempotency-Key gets its request done exactly once
 * when the database is back.
 */
describe('the database is down', () => {
  const system = useSystem({ databaseProxy: true });
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });
  afterEach(() => sys.dbProxy!.restore());

  it('answers 503 with Retry-After while it is down, and the retried request happens once when it is back', async () => {
    const secretary = await auth('tsq-cyjd-b01.secretary');
    const reviewer = await auth('tsq-cyjd.reviewer');
    const branchId = (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd-b01' })).id;
    const submission = { branchId, campaignYear: 2080, form: sampleForm() };

    sys.dbProxy!.cut();
    for (const res of [
      await sys.http.get('/tasks').set(reviewer),
      await sys.http.post('/nominations').set(secretary).set('Idempotency-Key', 'outage-retry-1').send(submission),
      await sys.http.post('/auth/login').send({ username: 'admin', password: 'whatever' }),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(res.body.message).toContain('数据库暂时不可用');
    }
    const health = await sys.http.get('/health').expect(503);
    expect(health.body.checks).toMatchObject({ api: 'up', database: 'down', temporal: 'up' });

    sys.dbProxy!.restore();
    await eventually(() => sys.http.get('/health'), (r) => r.status === 200);
    const done = await sys.http.post('/nominations').set(secretary).set('Idempotency-Key', 'outage-retry-1').send(submission).expect(201);
    const again = await sys.http.post('/nominations').set(secretary).set('Idempotency-Key', 'outage-retry-1').send(submission).expect(201);
    expect(again.body.id).toBe(done.body.id);
    const [{ n }] = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM nominations WHERE branch_id = $1 AND campaign_year = 2080`, [branchId]);
    expect(n).toBe(1);
  });
});
