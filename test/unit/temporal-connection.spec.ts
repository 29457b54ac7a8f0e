import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKER_HEAP_MIB, heapNeededMiB, workerNodeArgs } from '../../apps/worker/src/sizing';
import { sizingOptions } from '../../apps/worker/src/worker';
import { ConfigError, WORKER_SIZING_DEFAULTS, loadApiConfig, loadWorkerConfig } from '../../libs/config/src';
import { temporalConnectionOptions } from '../../libs/temporal-client/src';
import { type TestPki, makeTestPki } from '../support/test-pki';

const KEY = 'A'.repeat(43);
const worker = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pennant', AUDIT_ROW_KEY: KEY, AUDIT_ANCHOR_INTERVAL_SECONDS: '0' };
const api = { DATABASE_URL: worker.DATABASE_URL, AUDIT_ROW_KEY: KEY, JWT_SECRET: 'x'.repeat(32) };

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-tls-config-'));
  pki = makeTestPki(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message of the ConfigError a load throws. */
function problems(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('the connection to Temporal', () => {
  it('is plain TCP unless asked for TLS, in the API and the worker alike', () => {
    for (const c of [loadApiConfig(api), loadWorkerConfig(worker)]) {
      expect(temporalConnectionOptions(c)).toEqual({ address: 'localhost:7233', tls: false });
    }
  });

  it('uses TLS with the system roots when TEMPORAL_TLS=on and nothing else is given', () => {
    const c = loadWorkerConfig({ ...worker, TEMPORAL_TLS: 'on', TEMPORAL_ADDRESS: 'temporal.internal:7233' });
    expect(temporalConnectionOptions(c)).toEqual({ address: 'temporal.internal:7233', tls: {} });
  });

  it('reads the server CA, the name to check and the client pair for mTLS into the options both SDK connections take', () => {
    const c = loadApiConfig({
      ...api,
      TEMPORAL_ADDRESS: '10.0.0.5:7233',
      TEMPORAL_TLS_CA_FILE: pki.ca.cert,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
      TEMPORAL_TLS_CERT_FILE: pki.client.cert,
      TEMPORAL_TLS_KEY_FILE: pki.client.key,
    });
    // TEMPORAL_TLS not set: on, because TLS settings are given.
    expect(temporalConnectionOptions(c)).toEqual({
      address: '10.0.0.5:7233',
      tls: {
        serverNameOverride: 'temporal.test',
        serverRootCACertificate: readFileSync(pki.ca.cert),
        clientCertPair: { crt: readFileSync(pki.client.cert), key: readFileSync(pki.client.key) },
      },
    });
  });

  it('takes a Temporal Cloud API key: TLS on, the key as bearer token, the namespace as routing header', () => {
    const c = loadWorkerConfig({ ...worker, TEMPORAL_ADDRESS: 'pennant.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'pennant.a1b2c', TEMPORAL_API_KEY: ' eyJ.key ' });
    expect(temporalConnectionOptions(c)).toEqual({ address: 'pennant.a1b2c.tmprl.cloud:7233', tls: {}, apiKey: 'eyJ.key', metadata: { 'temporal-namespace': 'pennant.a1b2c' } });
  });

  it('refuses contradictions and unusable files at start, every problem listed and named by its setting', () => {
    const notPem = path.join(dir, 'not-pem.txt');
    writeFileSync(notPem, 'hello\n');
    const message = problems(() =>
      loadWorkerConfig({
        ...worker,
        TEMPORAL_TLS: 'off',
        TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem'),
        TEMPORAL_TLS_CERT_FILE: notPem,
        TEMPORAL_API_KEY: 'k',
      }),
    );
    expect(message).toMatch(/TEMPORAL_TLS_CA_FILE: cannot read .*missing\.pem: ENOENT/);
    expect(message).toMatch(/TEMPORAL_TLS_CERT_FILE: .*not-pem\.txt holds no PEM certificate/);
    expect(message).toMatch(/TEMPORAL_TLS_KEY_FILE: is required when TEMPORAL_TLS_CERT_FILE is set/);
    expect(message).toMatch(/TEMPORAL_TLS: is off, but TEMPORAL_TLS_CA_FILE is set/);
    expect(message).toMatch(/TEMPORAL_TLS: is off, but TEMPORAL_API_KEY is set/);

    expect(problems(() => loadApiConfig({ ...api, TEMPORAL_TLS_KEY_FILE: pki.client.key }))).toMatch(/TEMPORAL_TLS_CERT_FILE: is required when TEMPORAL_TLS_KEY_FILE is set/);
    expect(problems(() => loadApiConfig({ ...api, TEMPORAL_TLS: 'yes' }))).toMatch(/TEMPORAL_TLS: /);
  });

  it('refuses a key file that holds a certificate, and a key that is not the certificate\'s', () => {
    expect(problems(() => loadApiConfig({ ...api, TEMPORAL_TLS_CERT_FILE: pki.client.cert, TEMPORAL_TLS_KEY_FILE: pki.client.cert }))).toMatch(
      /TEMPORAL_TLS_KEY_FILE: .*client\.pem holds no unencrypted PEM private key/,
    );
    expect(problems(() => loadApiConfig({ ...api, TEMPORAL_TLS_CERT_FILE: pki.client.cert, TEMPORAL_TLS_KEY_FILE: pki.strangerClient.key }))).toMatch(
      /TEMPORAL_TLS_KEY_FILE: is not the private key of the certificate in TEMPORAL_TLS_CERT_FILE/,
    );
    const garbled = path.join(dir, 'garbled.pem');
    writeFileSync(garbled, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    expect(problems(() => loadApiConfig({ ...api, TEMPORAL_TLS_CA_FILE: garbled }))).toMatch(/TEMPORAL_TLS_CA_FILE: .*garbled\.pem holds a PEM block that is not a valid X\.509 certificate/);
  });
});

describe("the worker's size", () => {
  it('has defaults of its own, not the heap-derived ones of the SDK, and hands them to the SDK under its names', () => {
    const c = loadWorkerConfig(worker);
    expect(c).toMatchObject(WORKER_SIZING_DEFAULTS);
    expect(sizingOptions(c)).toEqual({
      maxCachedWorkflows: WORKER_SIZING_DEFAULTS.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: WORKER_SIZING_DEFAULTS.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivityTaskExecutions: WORKER_SIZING_DEFAULTS.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentLocalActivityExecutions: WORKER_SIZING_DEFAULTS.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    });
    const sized = loadWorkerConfig({ ...worker, WORKER_MAX_CACHED_WORKFLOWS: '5000', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '80', WORKER_MAX_CONCURRENT_ACTIVITIES: '20', WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '30' });
    expect(sizingOptions(sized)).toEqual({ maxCachedWorkflows: 5000, maxConcurrentWorkflowTaskExecutions: 80, maxConcurrentActivityTaskExecutions: 20, maxConcurrentLocalActivityExecutions: 30 });
    // No cache at all: every workflow task replays its history; any number of them may run.
    expect(loadWorkerConfig({ ...worker, WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '60' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(0);
  });

  it('starts the worker with a heap its default cache fits in, unless NODE_OPTIONS already sets one', () => {
    expect(workerNodeArgs({})).toEqual([`--max-old-space-size=${WORKER_HEAP_MIB}`]);
    expect(workerNodeArgs({ NODE_OPTIONS: '--enable-source-maps --max-old-space-size=1536' })).toEqual([]);
    // V8's heap_size_limit for --max-old-space-size=448 is 640 MiB (the young generation on top), for 768 it is 960 MiB.
    expect(WORKER_HEAP_MIB).toBe(448);
    expect(heapNeededMiB(WORKER_SIZING_DEFAULTS.WORKER_MAX_CACHED_WORKFLOWS)).toBeLessThanOrEqual(640);
    // Measured: a cache of 1,000 ran the workflow thread out of a 768 MiB heap; the start-up warning must catch that.
    expect(heapNeededMiB(1000)).toBeGreaterThan(960);
  });

  it('refuses sizes the SDK would silently correct', () => {
    expect(problems(() => loadWorkerConfig({ ...worker, WORKER_MAX_CACHED_WORKFLOWS: '1', WORKER_MAX_CONCURRENT_ACTIVITIES: '0', WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: 'many' }))).toMatch(
      /WORKER_MAX_CACHED_WORKFLOWS: must be 0 \(no cache\) or at least 2[\s\S]*WORKER_MAX_CONCURRENT_ACTIVITIES: [\s\S]*WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: /,
    );
    expect(problems(() => loadWorkerConfig({ ...worker, WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '11' }))).toMatch(
      /WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must not exceed WORKER_MAX_CACHED_WORKFLOWS/,
    );
    expect(problems(() => loadWorkerConfig({ ...worker, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' }))).toMatch(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: /);
  });
});
