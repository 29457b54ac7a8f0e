import { ConfigError, loadApiConfig, loadVerifyToolConfig, loadWorkerConfig } from '../../libs/config/src';

const KEY = 'A'.repeat(43);
const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pennant', AUDIT_ROW_KEY: KEY };
const anchoring = { AUDIT_ANCHOR_FILE: '/var/lib/pennant/audit-anchors.jsonl', AUDIT_ANCHOR_KEY: KEY };

describe('configuration', () => {
  it('fills in defaults', () => {
    const c = loadApiConfig({ ...base, JWT_SECRET: 'x'.repeat(32) });
    expect(c).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_TASK_QUEUE: 'pennant', LOG_LEVEL: 'info' });
  });

  it('fails fast, naming every bad setting', () => {
    expect(() => loadApiConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', JWT_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadApiConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', JWT_SECRET: 'short', AUDIT_ROW_KEY: 'not-a-key' });
    } catch (err) {
      expect((err as Error).message).toMatch(/DATABASE_URL/);
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/JWT_SECRET/);
      expect((err as Error).message).toMatch(/AUDIT_ROW_KEY: must be an Ed25519 key/);
    }
  });

  it('does not ask the worker for the API secret, but for where and with what it anchors the audit trail', () => {
    expect(loadWorkerConfig({ ...base, ...anchoring }).DATABASE_URL).toBe(base.DATABASE_URL);
    expect(loadWorkerConfig({ ...base, ...anchoring }).AUDIT_ANCHOR_INTERVAL_SECONDS).toBe(300);
    expect(() => loadWorkerConfig({})).toThrow(/DATABASE_URL/);
    expect(() => loadWorkerConfig(base)).toThrow(/AUDIT_ANCHOR_FILE: is required unless AUDIT_ANCHOR_INTERVAL_SECONDS=0[\s\S]*AUDIT_ANCHOR_KEY/);
    expect(loadWorkerConfig({ ...base, AUDIT_ANCHOR_INTERVAL_SECONDS: '0' }).AUDIT_ANCHOR_FILE).toBeUndefined();
  });

  it('reads where the worker delivers notifications, refusing a malformed channel setting or a webhook without its secret', () => {
    const w = loadWorkerConfig({ ...base, ...anchoring });
    expect([w.NOTIFY_POLL_MS, w.NOTIFY_MAX_ATTEMPTS, w.NOTIFY_BACKOFF_SECONDS, w.NOTIFY_LEASE_SECONDS, w.PUBLIC_BASE_URL]).toEqual([2000, 6, 30, 120, 'http://localhost:3000']);
    expect(w.SMTP_URL).toBeUndefined();
    const configured = loadWorkerConfig({ ...base, ...anchoring, SMTP_URL: 'smtp://u:p@mail.example.cn:587', DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=x', DINGTALK_SECRET: 'SECabc' });
    expect(configured.SMTP_URL).toBe('smtp://u:p@mail.example.cn:587');
    expect(() => loadWorkerConfig({ ...base, ...anchoring, SMTP_URL: 'mail.example.cn', NOTIFY_MAX_ATTEMPTS: '0', WECOM_WEBHOOK_URL: 'ftp://x' })).toThrow(
      /NOTIFY_MAX_ATTEMPTS: [\s\S]*SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL[\s\S]*WECOM_WEBHOOK_URL: must be an http/,
    );
    expect(() => loadWorkerConfig({ ...base, ...anchoring, WEBHOOK_URL: 'https://hooks.example.cn/pennant' })).toThrow(/WEBHOOK_SECRET: is required when WEBHOOK_URL is set/);
  });

  it('runs workflow activations without a time limit unless one is set, and refuses a negative one', () => {
    expect(loadWorkerConfig({ ...base, ...anchoring }).WORKFLOW_ACTIVATION_TIMEOUT_MS).toBe(0);
    expect(loadWorkerConfig({ ...base, ...anchoring, WORKFLOW_ACTIVATION_TIMEOUT_MS: '5000' }).WORKFLOW_ACTIVATION_TIMEOUT_MS).toBe(5000);
    expect(() => loadWorkerConfig({ ...base, ...anchoring, WORKFLOW_ACTIVATION_TIMEOUT_MS: '-1' })).toThrow(/WORKFLOW_ACTIVATION_TIMEOUT_MS/);
  });

  it('refuses the retired DATABASE_ROLE: the application logs in as its own role', () => {
    expect(() => loadApiConfig({ ...base, JWT_SECRET: 'x'.repeat(32), DATABASE_ROLE: 'pennant_app' })).toThrow(/DATABASE_ROLE: is no longer used/);
  });

  it('lets the verifier hold public keys only, several of them for rotated keys', () => {
    const c = loadVerifyToolConfig({ DATABASE_URL: base.DATABASE_URL, AUDIT_ANCHOR_FILE: 'a.jsonl', AUDIT_ROW_PUBLIC_KEY: `${KEY}, ${'B'.repeat(43)}`, AUDIT_ANCHOR_PUBLIC_KEY: KEY });
    expect(c.AUDIT_ROW_PUBLIC_KEY).toEqual([KEY, 'B'.repeat(43)]);
    expect(() => loadVerifyToolConfig({ DATABASE_URL: base.DATABASE_URL, AUDIT_ANCHOR_FILE: 'a.jsonl' })).toThrow(/AUDIT_ROW_PUBLIC_KEY[\s\S]*AUDIT_ANCHOR_PUBLIC_KEY/);
  });
});
