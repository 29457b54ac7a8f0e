import { beijingTime, chineseDuration, retryAt } from '../../apps/api/src/auth/retry-later';
import { loadApiConfig } from '../../libs/config/src';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pennant', JWT_SECRET: 'x'.repeat(32), AUDIT_ROW_KEY: 'A'.repeat(43) };

describe('login throttling settings and messages', () => {
  it('trusts no proxy unless told, and takes a hop count or a list of proxies', () => {
    expect(loadApiConfig(base).TRUST_PROXY).toBe(false);
    expect(loadApiConfig({ ...base, TRUST_PROXY: ' ' }).TRUST_PROXY).toBe(false);
    expect(loadApiConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadApiConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
  });

  it('has defaults that lock an account before an address, and rejects nonsense', () => {
    const c = loadApiConfig(base);
    expect(c).toMatchObject({ LOGIN_ACCOUNT_MAX_FAILURES: 5, LOGIN_ADDRESS_MAX_FAILURES: 50, LOGIN_LOCKOUT_SECONDS: 300, LOGIN_LOCKOUT_MAX_SECONDS: 3600, LOGIN_HASH_CONCURRENCY: 2 });
    expect(() => loadApiConfig({ ...base, LOGIN_HASH_CONCURRENCY: '0' })).toThrow(/LOGIN_HASH_CONCURRENCY/);
  });

  it('says in Chinese, in Beijing time, when to try again', () => {
    expect(beijingTime(new Date('2026-03-02T16:05:07Z'))).toBe('3月3日 00:05:07');
    expect([1, 59, 60, 61, 3599, 3600, 5400].map(chineseDuration)).toEqual(['1秒', '59秒', '1分钟', '2分钟', '1小时', '1小时', '1小时30分钟']);
    expect(retryAt(new Date('2026-03-02T08:05:00Z'), 300)).toBe('请于北京时间 3月2日 16:05:00（约5分钟后）再试');
  });
});
