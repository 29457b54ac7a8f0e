import { ConfigError, loadApiConfig, loadWorkerConfig } from '../../libs/config/src';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pennant' };

describe('configuration', () => {
  it('fills in defaults', () => {
    const c = loadApiConfig({ ...base, JWT_SECRET: 'x'.repeat(32) });
    expect(c).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_TASK_QUEUE: 'pennant', LOG_LEVEL: 'info' });
  });

  it('fails fast, naming every bad setting', () => {
    expect(() => loadApiConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', JWT_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadApiConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', JWT_SECRET: 'short' });
    } catch (err) {
      expect((err as Error).message).toMatch(/DATABASE_URL/);
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/JWT_SECRET/);
    }
  });

  it('does not ask the worker for the API secret', () => {
    expect(loadWorkerConfig(base).DATABASE_URL).toBe(base.DATABASE_URL);
    expect(() => loadWorkerConfig({})).toThrow(/DATABASE_URL/);
  });
});
