import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { msToTs } from '@temporalio/common/lib/time';
import { NativeConnection } from '@temporalio/worker';
import { type Child, startChild, stopChild } from '../../apps/local/src/children';
import { loadApiConfig, loadWorkerConfig } from '../../libs/config/src';
import { ensureTemporalServer, freePort, waitFor } from '../../libs/local-infra/src';
import { type TemporalConnectionOptions, connectTemporal, temporalConnectionOptions } from '../../libs/temporal-client/src';
import { type TestPki, makeTestPki } from '../support/test-pki';

/**
 * Pennant's own connection code (libs/config → temporalConnectionOptions →
 * Connection.connect / NativeConnection.connect) against a real Temporal
 * server whose frontend speaks TLS and requires a client certificate:
 * it gets in with the right settings and is refused with the wrong ones.
 */
const NAMESPACE = 'pennant-tls';
const KEY = 'A'.repeat(43);
const apiBase = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pennant', AUDIT_ROW_KEY: KEY, JWT_SECRET: 'x'.repeat(32), TEMPORAL_NAMESPACE: NAMESPACE };

let dir: string;
let pki: TestPki;
let server: Child | undefined;
let address: string;

/** One server process, every service, in-memory SQLite; the frontend on TLS with client certificates required. */
function serverConfig(ports: Record<'frontend' | 'history' | 'matching' | 'worker' | 'http', number>, membership: number[]): string {
  const store = { sql: { pluginName: 'sqlite', databaseName: 'default', connectAddr: 'localhost', connectProtocol: 'tcp', connectAttributes: { mode: 'memory', cache: 'private' }, maxConns: 1, maxIdleConns: 1, maxConnLifetime: '1h' } };
  const clientOfFrontend = { serverName: 'temporal.test', rootCaFiles: [pki.ca.cert] };
  const rpc = (service: 'frontend' | 'history' | 'matching' | 'worker', i: number) => ({ rpc: { grpcPort: ports[service], membershipPort: membership[i], bindOnLocalHost: true, ...(service === 'frontend' ? { httpPort: ports.http } : {}) } });
  return JSON.stringify({
    log: { stdout: true, level: 'warn' },
    persistence: { defaultStore: 'default', visibilityStore: 'visibility', numHistoryShards: 1, datastores: { default: store, visibility: store } },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      tls: {
        frontend: {
          server: { certFile: pki.server.cert, keyFile: pki.server.key, clientCaFiles: [pki.ca.cert], requireClientAuth: true },
          client: clientOfFrontend,
        },
        // The server's own system worker is a client of the frontend too.
        systemWorker: { certFile: pki.server.cert, keyFile: pki.server.key, client: clientOfFrontend },
      },
    },
    services: { frontend: rpc('frontend', 0), history: rpc('history', 1), matching: rpc('matching', 2), worker: rpc('worker', 3) },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: `127.0.0.1:${ports.frontend}` },
    dynamicConfigClient: { filepath: path.join(dir, 'dynamic.yaml'), pollInterval: '10s' },
  });
}

/** What the API does at start: connect, then ask for the namespace. */
async function apiDescribes(options: TemporalConnectionOptions): Promise<string | undefined> {
  const handle = await connectTemporal({ connection: options, namespace: NAMESPACE, connectTimeoutMs: 5000 });
  try {
    const described = await handle.connection.withDeadline(Date.now() + 5000, () => handle.connection.workflowService.describeNamespace({ namespace: NAMESPACE }));
    return described.namespaceInfo?.name ?? undefined;
  } finally {
    await handle.connection.close();
  }
}

/** What the worker does at start: its native connection, then a call on it. */
async function workerDescribes(options: TemporalConnectionOptions): Promise<string | undefined> {
  const connection = await NativeConnection.connect(options);
  try {
    const described = await connection.workflowService.describeNamespace({ namespace: NAMESPACE });
    return described.namespaceInfo?.name ?? undefined;
  } finally {
    await connection.close();
  }
}

/**
 * The error a refused connection ends in: from the TLS layer or the transport
 * (gRPC UNAVAILABLE), never an answer of the server such as an unknown namespace.
 */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  const err = await attempt.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: number; cause?: unknown },
  );
  if (!err) throw new Error('the connection was accepted');
  const text = [err, err.cause].map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e ?? ''))).join(' / ');
  expect(text).not.toMatch(/namespace/i);
  return text;
}
const REFUSED = /certificate|handshake|tls|ssl|unavailable|transport|connect|deadline/i;
/**
 * The server ending the handshake over the client's certificate, as the worker's Rust core reports it: the
 * TLS alert when it reads it in time, else the connection closed under it (TLS 1.3 checks the client last),
 * or, when the client was already writing its first request, the pipe broken under that write.
 */
const SERVER_REFUSED = /CertificateRequired|BadCertificate|UnknownCA|connection closed|broken pipe/;

const mtls = () => ({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA_FILE: pki.ca.cert, TEMPORAL_TLS_SERVER_NAME: 'temporal.test', TEMPORAL_TLS_CERT_FILE: pki.client.cert, TEMPORAL_TLS_KEY_FILE: pki.client.key });

beforeAll(async () => {
  // The cluster's server binary (built once per machine into the cache, or TEMPORAL_SERVER_DIR).
  const binary = (await ensureTemporalServer()).server;
  dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-temporal-tls-'));
  pki = makeTestPki(path.join(dir, 'pki'));
  const ports = { frontend: await freePort(), history: await freePort(), matching: await freePort(), worker: await freePort(), http: await freePort() };
  const membership = [await freePort(), await freePort(), await freePort(), await freePort()];
  address = `127.0.0.1:${ports.frontend}`;
  writeFileSync(path.join(dir, 'dynamic.yaml'), 'limit.maxIDLength:\n  - value: 255\n');
  const configFile = path.join(dir, 'server.yaml');
  writeFileSync(configFile, serverConfig(ports, membership));
  server = startChild('temporal-server', binary, ['--config-file', configFile, '--allow-no-auth', 'start'], process.env, path.join(dir, 'server.log'));
  const options = temporalConnectionOptions(loadApiConfig({ ...apiBase, ...mtls() }));
  let registered = false;
  await waitFor(
    'the Temporal server, over mTLS, to register the namespace',
    async () => {
      const handle = await connectTemporal({ connection: options, namespace: NAMESPACE, connectTimeoutMs: 2000 }).catch(() => undefined);
      if (!handle) return false;
      try {
        if (!registered) {
          await handle.connection.workflowService.registerNamespace({ namespace: NAMESPACE, workflowExecutionRetentionPeriod: msToTs('1 day') });
          registered = true;
        }
        return true;
      } catch (err) {
        // Registered by an earlier attempt whose answer was lost.
        if ((err as { code?: number }).code === 6) return (registered = true);
        return false;
      } finally {
        await handle.connection.close();
      }
    },
    150_000,
    500,
  );
}, 20 * 60_000); // the first run on a machine builds the server (5–15 minutes)

afterAll(async () => {
  if (server) await stopChild(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the connection to a Temporal frontend on TLS that requires client certificates', () => {
  it('is made by the API and by the worker with the CA, the server name and the client pair, and describes the namespace', async () => {
    expect(await apiDescribes(temporalConnectionOptions(loadApiConfig({ ...apiBase, ...mtls() })))).toBe(NAMESPACE);
    expect(await workerDescribes(temporalConnectionOptions(loadWorkerConfig({ ...apiBase, AUDIT_ANCHOR_INTERVAL_SECONDS: '0', ...mtls() })))).toBe(NAMESPACE);
  });

  it('is refused without the client certificate', async () => {
    const { TEMPORAL_TLS_CERT_FILE: _c, TEMPORAL_TLS_KEY_FILE: _k, ...withoutPair } = mtls();
    const options = temporalConnectionOptions(loadApiConfig({ ...apiBase, ...withoutPair }));
    expect(options.tls).toMatchObject({ serverRootCACertificate: expect.any(Buffer) });
    expect(options.tls).not.toHaveProperty('clientCertPair');
    expect(await refusal(apiDescribes(options))).toMatch(REFUSED);
    expect(await refusal(workerDescribes(options))).toMatch(SERVER_REFUSED);
  });

  it('is refused with a client certificate of another CA', async () => {
    const options = temporalConnectionOptions(loadApiConfig({ ...apiBase, ...mtls(), TEMPORAL_TLS_CERT_FILE: pki.strangerClient.cert, TEMPORAL_TLS_KEY_FILE: pki.strangerClient.key }));
    expect(await refusal(apiDescribes(options))).toMatch(REFUSED);
    expect(await refusal(workerDescribes(options))).toMatch(SERVER_REFUSED);
  });

  it('refuses a server that the given CA did not sign, or whose certificate is for another name', async () => {
    const wrongCa = temporalConnectionOptions(loadApiConfig({ ...apiBase, ...mtls(), TEMPORAL_TLS_CA_FILE: pki.otherCa.cert }));
    expect(await refusal(apiDescribes(wrongCa))).toMatch(REFUSED);
    expect(await refusal(workerDescribes(wrongCa))).toMatch(/InvalidCertificate\(UnknownIssuer\)/);
    const wrongName = temporalConnectionOptions(loadApiConfig({ ...apiBase, ...mtls(), TEMPORAL_TLS_SERVER_NAME: 'somewhere-else.test' }));
    expect(await refusal(apiDescribes(wrongName))).toMatch(REFUSED);
    expect(await refusal(workerDescribes(wrongName))).toMatch(/NotValidForName/);
  });

  it('is refused in plain TCP (TLS off)', async () => {
    const plain = temporalConnectionOptions(loadApiConfig({ ...apiBase, TEMPORAL_ADDRESS: address }));
    expect(plain.tls).toBe(false);
    expect(await refusal(apiDescribes(plain))).toMatch(REFUSED);
    expect(await refusal(workerDescribes(plain))).toMatch(/transport/i);
  });
});
