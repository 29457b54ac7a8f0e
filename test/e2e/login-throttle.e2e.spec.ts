import type { Response } from 'supertest';
import { DEMO_PASSWORD } from '../../libs/persistence/src';
import { type TestSystem, useSystem } from '../support/system';

/**
 * Password guessing over real HTTP against the API and PostgreSQL: accounts
 * (existing or not) and addresses lock after a few failures with 429, a
 * Retry-After header and a Chinese message saying when; a lockout is audited;
 * time is moved by shifting the stored lockout, never by waiting. Clients are
 * told apart by X-Forwarded-For, which the API trusts from loopback here.
 */
describe('login throttling end to end', () => {
  const system = useSystem({
    apiEnv: {
      TRUST_PROXY: 'loopback',
      LOGIN_ACCOUNT_MAX_FAILURES: '3',
      LOGIN_ADDRESS_MAX_FAILURES: '6',
      LOGIN_LOCKOUT_SECONDS: '600',
      LOGIN_LOCKOUT_MAX_SECONDS: '3600',
      LOGIN_HASH_CONCURRENCY: '1',
      LOGIN_HASH_QUEUE: '4',
      LOGIN_ADDRESS_CONCURRENCY: '2',
      // Long enough that a real user's turn always comes; the bound itself is covered by the unit tests.
      LOGIN_HASH_WAIT_MS: '60000',
    },
  });
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  const login = (username: string, password: string, address: string) =>
    sys.http.post('/auth/login').set('x-forwarded-for', address).send({ username, password });
  const wrong = (username: string, address: string) => login(username, 'not-the-password', address);

  const row = async (scope: 'account' | 'address', key: string) =>
    (await sys.db.dataSource.query(`SELECT failures, lockouts, locked_until FROM login_throttle WHERE scope = $1 AND key = $2`, [scope, key]))[0] as
      | { failures: number; lockouts: number; locked_until: Date | null }
      | undefined;
  /** Moves time past the lockout, as if it had run out. */
  const expireLock = (scope: 'account' | 'address', key: string) =>
    sys.db.dataSource.query(`UPDATE login_throttle SET locked_until = clock_timestamp() - interval '1 second' WHERE scope = $1 AND key = $2`, [scope, key]);

  function expectRetryLater(res: Response, status: number, code: string): number {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    return Number(res.headers['retry-after']);
  }

  it('locks an account after repeated failures: 429 with Retry-After and when to retry in Chinese, the right password refused until the lockout ends', async () => {
    const address = '198.51.100.10';
    for (let i = 0; i < 2; i++) {
      const res = await wrong('tsq.head', address);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'LOGIN_FAILED', message: '用户名或密码错误' });
    }
    const locked = await wrong('tsq.head', address);
    const seconds = expectRetryLater(locked, 429, 'LOGIN_LOCKED');
    expect(seconds).toBeLessThanOrEqual(600);
    expect(locked.body.message).toMatch(/^登录失败次数过多，该账号已暂时锁定，请于北京时间 \d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}（约\d+分钟后）再试$/);

    // The right password, from this address or another, is refused while locked, and spends no hash: the count does not move.
    const before = await row('account', 'tsq.head');
    expectRetryLater(await login('tsq.head', DEMO_PASSWORD, address), 429, 'LOGIN_LOCKED');
    expectRetryLater(await login('tsq.head', DEMO_PASSWORD, '198.51.100.11'), 429, 'LOGIN_LOCKED');
    expectRetryLater(await wrong('tsq.head', '198.51.100.12'), 429, 'LOGIN_LOCKED');
    expect(await row('account', 'tsq.head')).toEqual(before);

    await expireLock('account', 'tsq.head');
    const ok = await login('tsq.head', DEMO_PASSWORD, address);
    expect(ok.status).toBe(200);
    expect(ok.body.user.username).toBe('tsq.head');
    // A successful login starts the account's count over.
    expect(await row('account', 'tsq.head')).toBeUndefined();
  });

  it('doubles the lockout when an account is locked again soon after', async () => {
    const address = '198.51.100.20';
    for (let i = 0; i < 2; i++) expect((await wrong('tsq.reviewer', address)).status).toBe(401);
    const first = expectRetryLater(await wrong('tsq.reviewer', address), 429, 'LOGIN_LOCKED');
    await expireLock('account', 'tsq.reviewer');

    for (let i = 0; i < 2; i++) expect((await wrong('tsq.reviewer', address)).status).toBe(401);
    const second = expectRetryLater(await wrong('tsq.reviewer', address), 429, 'LOGIN_LOCKED');
    expect(first).toBeLessThanOrEqual(600);
    expect(second).toBeGreaterThan(600);
    expect(second).toBeLessThanOrEqual(1200);
    expect(await row('account', 'tsq.reviewer')).toMatchObject({ lockouts: 2 });
  });

  it('records a lockout in the audit trail: by the system, on the user, with until, failures and address', async () => {
    const address = '198.51.100.30';
    const [user] = await sys.db.dataSource.query(`SELECT id FROM users WHERE username = 'zzb.reviewer'`);
    for (let i = 0; i < 3; i++) await wrong('zzb.reviewer', address);
    const rows = await sys.db.dataSource.query(
      `SELECT actor_id, actor_name, actor_role, action, subject_type, subject_id, opinion, after FROM audit_log WHERE action = 'user.locked' AND subject_id = $1`,
      [user.id],
    );
    const lockedUntil = (await row('account', 'zzb.reviewer'))!.locked_until!;
    expect(rows).toEqual([
      {
        actor_id: null,
        actor_name: 'system',
        actor_role: 'system',
        action: 'user.locked',
        subject_type: 'user',
        subject_id: user.id,
        opinion: expect.stringMatching(/锁定/),
        after: { until: lockedUntil.toISOString(), failures: 3, address },
      },
    ]);
  });

  it('throttles an unknown username exactly like a real one, without revealing which it is', async () => {
    const address = '198.51.100.40';
    const real: Response[] = [];
    const unknown: Response[] = [];
    for (let i = 0; i < 3; i++) {
      real.push(await wrong('tsq-cyjd.reviewer', address));
      unknown.push(await wrong('no-such-user', address));
    }
    expect(unknown.map((r) => r.status)).toEqual(real.map((r) => r.status));
    expect(unknown.slice(0, 2).map((r) => r.body)).toEqual(real.slice(0, 2).map((r) => r.body));
    expectRetryLater(unknown[2]!, 429, 'LOGIN_LOCKED');
    expect(unknown[2]!.body.message.replace(/请于.*$/, '')).toBe(real[2]!.body.message.replace(/请于.*$/, ''));
    expectRetryLater(await login('no-such-user', DEMO_PASSWORD, '198.51.100.41'), 429, 'LOGIN_LOCKED');
    // Only the real user's lockout is audited: there is nobody to record the other on.
    const audited = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.locked' AND after->>'address' = $1`, [address]);
    expect(audited[0].n).toBe(1);
  });

  it('locks an address that fails across many usernames, for every account, while other addresses still log in', async () => {
    const address = '192.0.2.50';
    const users = ['tsq-cyjd-b01.secretary', 'tsq-cyjd-b02.secretary', 'tsq-cyjd-b03.secretary'];
    // Two failures per username: no account reaches its limit of three, the address reaches its six.
    const statuses: number[] = [];
    for (const u of users) for (let i = 0; i < 2; i++) statuses.push((await wrong(u, address)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    const refused = await login('tsq-cyjd-b04.secretary', DEMO_PASSWORD, address);
    expectRetryLater(refused, 429, 'LOGIN_ADDRESS_LOCKED');
    expect(refused.body.message).toMatch(/^此网络地址登录失败次数过多，已暂时限制登录，请于北京时间 .+再试$/);
    expect((await login('tsq-cyjd-b04.secretary', DEMO_PASSWORD, '192.0.2.51')).status).toBe(200);
    // The accounts themselves are not locked: from elsewhere the right password works.
    expect((await login(users[0]!, DEMO_PASSWORD, '192.0.2.52')).status).toBe(200);

    // A good login from the locked address does not clear its count; after the lockout it may try again.
    await expireLock('address', address);
    expect((await login('tsq-cyjd-b04.secretary', DEMO_PASSWORD, address)).status).toBe(200);
    expect(await row('address', address)).toMatchObject({ lockouts: 1 });
  });

  it('rations password hashing: a flood of wrong logins is refused early, and a real user from elsewhere is still served', async () => {
    // Ten addresses that have failed once (suspects), then four simultaneous wrong logins from each.
    const flooders = Array.from({ length: 10 }, (_, i) => `203.0.113.${i + 1}`);
    for (const a of flooders) expect((await wrong(`probe-${a}`, a)).status).toBe(401);
    const flood = flooders.flatMap((a) => Array.from({ length: 4 }, (_, i) => wrong(`guess-${a}-${i}`, a)));
    const [served, ...answers] = await Promise.all([login('tsq-cyjd-b05.secretary', DEMO_PASSWORD, '192.0.2.99'), ...flood]);

    expect(served.status).toBe(200);
    const codes = answers.map((r) => {
      if (r.status === 429) expectRetryLater(r, 429, 'LOGIN_CONCURRENCY_LIMITED');
      else if (r.status === 503) expectRetryLater(r, 503, 'LOGIN_BUSY');
      else expect(r.status).toBe(401);
      return r.body.code as string;
    });
    // Only five suspects fit (one hashing, four waiting): the rest were refused at once, without a hash.
    expect(codes).toContain('LOGIN_BUSY');
    expect(codes.filter((c) => c === 'LOGIN_FAILED').length).toBeLessThan(codes.length);
  });

  it('lets one address hash only a few passwords at once, refusing the rest with 429 at once', async () => {
    const address = '203.0.113.100';
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => wrong(`burst-${i}`, address)));
    const codes = burst.map((r) => {
      if (r.status === 429) expectRetryLater(r, 429, 'LOGIN_CONCURRENCY_LIMITED');
      else expect(r.status).toBe(401);
      return r.body.code as string;
    });
    expect(codes).toContain('LOGIN_CONCURRENCY_LIMITED');
    expect(codes.filter((c) => c === 'LOGIN_FAILED').length).toBeGreaterThanOrEqual(1);
  });
});
