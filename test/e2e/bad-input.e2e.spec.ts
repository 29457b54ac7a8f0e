import { JwtService } from '@nestjs/jwt';
import { OrganisationEntity } from '../../libs/persistence/src';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, startSystem } from '../support/system';

type Method = 'get' | 'post';
interface Case {
  name: string;
  method: Method;
  path: () => string;
  as?: string | null; // username; null = no token
  token?: () => Promise<string>;
  body?: () => unknown;
  raw?: { type: string; data: string };
  status: number;
}

const CHINESE = /[\u4e00-\u9fa5]/;

/**
 * Bad input to every endpoint of the foundation: each gets a 4xx with a Chinese
 * message, and the database is exactly as it was before.
 */
describe('bad input end to end', () => {
  let sys: TestSystem;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sys = await startSystem();
    const orgs = sys.db.dataSource.getRepository(OrganisationEntity);
    ids.branch = (await orgs.findOneByOrFail({ code: 'tsq-cyjd-b03' })).id;
    ids.foreignBranch = (await orgs.findOneByOrFail({ code: 'dyq-zdjd-b21' })).id;
    ids.committee = (await orgs.findOneByOrFail({ code: 'tsq-cyjd' })).id;
    const token = await sys.login('tsq-cyjd-b03.secretary');
    const created = await sys.http.post('/nominations').set('authorization', `Bearer ${token}`).send({ branchId: ids.branch, campaignYear: 2050, form: sampleForm() }).expect(201);
    ids.nomination = created.body.id;
    ids.task = created.body.openTasks[0].id;
    // Another district's open task, for cross-subtree attempts.
    const foreign = await sys.http
      .post('/nominations')
      .set('authorization', `Bearer ${await sys.login('dyq-zdjd-b21.secretary')}`)
      .send({ branchId: ids.foreignBranch, campaignYear: 2050, form: sampleForm() })
      .expect(201);
    ids.foreignNomination = foreign.body.id;
    ids.foreignTask = foreign.body.openTasks[0].id;
  });
  afterAll(async () => {
    await sys?.stop();
  });

  async function snapshot(): Promise<unknown> {
    const [row] = await sys.db.dataSource.query(`
      SELECT (SELECT count(*) FROM nominations) AS nominations,
             (SELECT count(*) FROM nomination_steps) AS steps,
             (SELECT string_agg(id::text || status, ',' ORDER BY id) FROM tasks) AS tasks,
             (SELECT string_agg(id::text || status || updated_at::text || main_deeds, ',' ORDER BY id) FROM nominations) AS forms,
             (SELECT count(*) FROM users) AS users`);
    return row;
  }

  const forged = async () => new JwtService({ secret: 'not-the-secret-not-the-secret-0000' }).signAsync({ sub: '00000000-0000-4000-8000-000000000000' });
  const expired = async () => {
    const user = await sys.db.dataSource.query(`SELECT id FROM users WHERE username = 'tsq-cyjd.reviewer'`);
    return new JwtService({ secret: 'e2e-secret-e2e-secret-e2e-secret-e2e' }).signAsync({ sub: user[0].id, exp: Math.floor(Date.now() / 1000) - 60 });
  };
  const huge = 'x'.repeat(1024 * 1024);
  const secretary = 'tsq-cyjd-b03.secretary';
  const reviewer = 'tsq-cyjd.reviewer';
  const form = () => sampleForm();

  const protectedRoutes: Array<[Method, () => string]> = [
    ['get', () => '/auth/me'],
    ['get', () => '/organisations'],
    ['get', () => `/organisations/${ids.branch}`],
    ['post', () => '/nominations'],
    ['get', () => '/nominations'],
    ['get', () => `/nominations/${ids.nomination}`],
    ['post', () => `/nominations/${ids.nomination}/resubmission`],
    ['get', () => '/tasks'],
    ['get', () => `/tasks/${ids.task}`],
    ['post', () => `/tasks/${ids.task}/decision`],
  ];

  const cases: Case[] = [
    ...protectedRoutes.flatMap(([method, path]): Case[] => [
      { name: `${method.toUpperCase()} ${path.toString().slice(12, 50)} without a token`, method, path, as: null, body: () => ({}), status: 401 },
      { name: `${method.toUpperCase()} ${path.toString().slice(12, 50)} with a forged token`, method, path, token: forged, body: () => ({}), status: 401 },
      { name: `${method.toUpperCase()} ${path.toString().slice(12, 50)} with an expired token`, method, path, token: expired, body: () => ({}), status: 401 },
      { name: `${method.toUpperCase()} ${path.toString().slice(12, 50)} with a garbage token`, method, path, token: async () => 'not.a.jwt', body: () => ({}), status: 401 },
    ]),
    // login
    { name: 'login with missing fields', method: 'post', path: () => '/auth/login', as: null, body: () => ({}), status: 400 },
    { name: 'login with wrong types', method: 'post', path: () => '/auth/login', as: null, body: () => ({ username: 1, password: [] }), status: 400 },
    { name: 'login with unknown fields', method: 'post', path: () => '/auth/login', as: null, body: () => ({ username: 'admin', password: 'x', role: 'admin' }), status: 400 },
    { name: 'login with a wrong password', method: 'post', path: () => '/auth/login', as: null, body: () => ({ username: 'admin', password: 'wrong' }), status: 401 },
    { name: 'login with a 1 MB password', method: 'post', path: () => '/auth/login', as: null, body: () => ({ username: 'admin', password: huge }), status: 413 },
    // organisations
    { name: 'organisation id that is not a uuid', method: 'get', path: () => '/organisations/abc', as: secretary, status: 400 },
    { name: 'organisation of another subtree', method: 'get', path: () => `/organisations/${ids.foreignBranch}`, as: secretary, status: 404 },
    { name: 'organisations with an unknown query field', method: 'get', path: () => '/organisations?x=1', as: secretary, status: 400 },
    { name: 'organisations with an invalid level', method: 'get', path: () => '/organisations?level=galaxy', as: secretary, status: 400 },
    // nominations: submit
    { name: 'nomination with missing fields', method: 'post', path: () => '/nominations', as: secretary, body: () => ({}), status: 400 },
    { name: 'nomination with missing form fields', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, form: { secretaryName: '张三' } }), status: 400 },
    { name: 'nomination with wrong types', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: 42, form: { ...form(), honours: 'many' } }), status: 400 },
    { name: 'nomination with a bad phone number', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, form: { ...form(), secretaryPhone: 'call me' } }), status: 400 },
    { name: 'nomination with unknown fields', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, status: 'approved', form: form() }), status: 400 },
    { name: 'nomination with an unknown form field', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, form: { ...form(), score: 100 } }), status: 400 },
    { name: 'nomination with a 1 MB string', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, form: { ...form(), mainDeeds: huge } }), status: 413 },
    { name: 'nomination with text past its length limit', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, form: { ...form(), mainDeeds: '事'.repeat(20001) } }), status: 400 },
    { name: 'nomination for another subtree\'s branch', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.foreignBranch, campaignYear: 2051, form: form() }), status: 404 },
    { name: 'nomination for a committee, not a branch', method: 'post', path: () => '/nominations', as: 'tsq-cyjd.reviewer', body: () => ({ branchId: ids.committee, campaignYear: 2051, form: form() }), status: 422 },
    { name: 'nomination by a reviewer, who may not submit', method: 'post', path: () => '/nominations', as: reviewer, body: () => ({ branchId: ids.branch, campaignYear: 2051, form: form() }), status: 403 },
    { name: 'second nomination of a branch in one year', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, campaignYear: 2050, form: form() }), status: 409 },
    { name: 'nomination with malformed JSON', method: 'post', path: () => '/nominations', as: secretary, raw: { type: 'application/json', data: '{"branchId": ' }, status: 400 },
    { name: 'nomination sent as plain text', method: 'post', path: () => '/nominations', as: secretary, raw: { type: 'text/plain', data: 'branchId=1' }, status: 400 },
    { name: 'nomination with a malformed Idempotency-Key', method: 'post', path: () => '/nominations', as: secretary, body: () => ({ branchId: ids.branch, campaignYear: 2052, form: form(), }), status: 400 },
    // nominations: read and resubmit
    { name: 'nominations with an unknown status', method: 'get', path: () => '/nominations?status=done', as: secretary, status: 400 },
    { name: 'nominations with a negative offset', method: 'get', path: () => '/nominations?offset=-1', as: secretary, status: 400 },
    { name: 'nomination id that is not a uuid', method: 'get', path: () => '/nominations/123', as: secretary, status: 400 },
    { name: 'nomination of another subtree', method: 'get', path: () => `/nominations/${ids.foreignNomination}`, as: secretary, status: 404 },
    { name: 'resubmission with missing fields', method: 'post', path: () => `/nominations/${ids.nomination}/resubmission`, as: secretary, body: () => ({}), status: 400 },
    { name: 'resubmission of a nomination under review', method: 'post', path: () => `/nominations/${ids.nomination}/resubmission`, as: secretary, body: () => ({ form: form() }), status: 409 },
    { name: 'resubmission by a reviewer', method: 'post', path: () => `/nominations/${ids.nomination}/resubmission`, as: reviewer, body: () => ({ form: form() }), status: 403 },
    { name: 'resubmission of another subtree\'s nomination', method: 'post', path: () => `/nominations/${ids.foreignNomination}/resubmission`, as: secretary, body: () => ({ form: form() }), status: 404 },
    // tasks
    { name: 'inbox with an unknown status', method: 'get', path: () => '/tasks?status=everything', as: reviewer, status: 400 },
    { name: 'inbox with a limit too large', method: 'get', path: () => '/tasks?limit=100000', as: reviewer, status: 400 },
    { name: 'task id that is not a uuid', method: 'get', path: () => '/tasks/zzz', as: reviewer, status: 400 },
    { name: 'task of another subtree', method: 'get', path: () => `/tasks/${ids.foreignTask}`, as: reviewer, status: 404 },
    { name: 'decision with missing fields', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({}), status: 400 },
    { name: 'decision with wrong types', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({ decision: true, opinion: 5 }), status: 400 },
    { name: 'decision with an unknown decision', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({ decision: 'maybe' }), status: 422 },
    { name: 'decision with unknown fields', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({ decision: 'approve', opinion: '', actor: 'admin' }), status: 400 },
    { name: 'decision with a 1 MB opinion', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({ decision: 'approve', opinion: huge }), status: 413 },
    { name: 'decision with an opinion past its limit', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({ decision: 'approve', opinion: '意'.repeat(2001) }), status: 400 },
    { name: 'return without an opinion', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: reviewer, body: () => ({ decision: 'return', opinion: '' }), status: 422 },
    { name: 'decision on another subtree\'s task', method: 'post', path: () => `/tasks/${ids.foreignTask}/decision`, as: reviewer, body: () => ({ decision: 'approve', opinion: '' }), status: 404 },
    { name: 'decision by the submitter, who cannot see the committee\'s task', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: secretary, body: () => ({ decision: 'approve', opinion: '' }), status: 404 },
    { name: 'decision by the city head, who reads but does not review', method: 'post', path: () => `/tasks/${ids.task}/decision`, as: 'head', body: () => ({ decision: 'approve', opinion: '' }), status: 403 },
    { name: 'unknown route', method: 'get', path: () => '/nope', as: reviewer, status: 404 },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s: 4xx with a Chinese message, nothing written', async (_name, c) => {
    const before = await snapshot();
    let req = sys.http[c.method](c.path());
    const token = c.token ? await c.token() : c.as ? await sys.login(c.as) : undefined;
    if (token) req = req.set('authorization', `Bearer ${token}`);
    if (c.name.includes('Idempotency-Key')) req = req.set('Idempotency-Key', 'bad key!');
    const res = c.raw ? await req.set('content-type', c.raw.type).send(c.raw.data) : c.body ? await req.send(c.body() as object) : await req;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: c.status, body: { statusCode: c.status, message: expect.stringMatching(CHINESE) } });
    expect(await snapshot()).toEqual(before);
  });
});
