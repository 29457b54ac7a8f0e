import { METRICS_DEFAULTS, loadApiConfig, loadWorkerConfig } from '../../libs/config/src';

const KEY = 'A'.repeat(43);
const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pennant', AUDIT_ROW_KEY: KEY };
const api = { ...base, JWT_SECRET: 'x'.repeat(32) };
const worker = { ...base, AUDIT_ANCHOR_INTERVAL_SECONDS: '0' };

describe('the metrics settings', () => {
  it('serve metrics by default on ports of their own, on loopback', () => {
    expect(METRICS_DEFAULTS).toEqual({ API_METRICS_PORT: 9464, WORKER_METRICS_PORT: 9465, METRICS_HOST: '127.0.0.1' });
    expect(loadApiConfig(api)).toMatchObject({ API_METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
    expect(loadWorkerConfig(worker)).toMatchObject({ WORKER_METRICS_PORT: 9465, METRICS_HOST: '127.0.0.1' });
  });

  it('take 0 for no metrics, another port, and a bind address for containers', () => {
    expect(loadApiConfig({ ...api, API_METRICS_PORT: '0' }).API_METRICS_PORT).toBe(0);
    expect(loadWorkerConfig({ ...worker, WORKER_METRICS_PORT: '0' }).WORKER_METRICS_PORT).toBe(0);
    expect(loadApiConfig({ ...api, API_METRICS_PORT: '19464', METRICS_HOST: '0.0.0.0' })).toMatchObject({ API_METRICS_PORT: 19464, METRICS_HOST: '0.0.0.0' });
    expect(loadWorkerConfig({ ...worker, METRICS_HOST: '::' }).METRICS_HOST).toBe('::');
    expect(loadWorkerConfig({ ...worker, METRICS_HOST: 'worker-1.pennant.internal' }).METRICS_HOST).toBe('worker-1.pennant.internal');
  });

  it.each(['-1', '65536', '1.5', 'ninety'])('refuse the port %s, naming the setting', (bad) => {
    expect(() => loadApiConfig({ ...api, API_METRICS_PORT: bad })).toThrow(/API_METRICS_PORT: /);
    expect(() => loadWorkerConfig({ ...worker, WORKER_METRICS_PORT: bad })).toThrow(/WORKER_METRICS_PORT: /);
  });

  it('refuse a bind address that is neither an IP address nor a host name', () => {
    expect(() => loadApiConfig({ ...api, METRICS_HOST: 'http://0.0.0.0' })).toThrow(/METRICS_HOST: must be an IP address/);
    expect(() => loadWorkerConfig({ ...worker, METRICS_HOST: ' ' })).toThrow(/METRICS_HOST/);
  });

  it("refuse the API's own port: metrics never go through the public API's port", () => {
    expect(() => loadApiConfig({ ...api, PORT: '8080', API_METRICS_PORT: '8080' })).toThrow(/API_METRICS_PORT: must not be PORT/);
    expect(() => loadApiConfig({ ...api, API_METRICS_PORT: '3000' })).toThrow(/API_METRICS_PORT: must not be PORT/);
    expect(loadApiConfig({ ...api, PORT: '8080', API_METRICS_PORT: '0' }).API_METRICS_PORT).toBe(0);
  });
});
