import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { createApiMetrics, serveApiMetrics } from '../../apps/api/src/metrics/api-metrics';
import { type AppConfig, createLogger, loadApiConfig } from '../../libs/config/src';
import { freePort } from '../../libs/local-infra/src';
import { metricsUrl } from '../../libs/metrics/src';
import { DEMO_PASSWORD, auditSigningKey, createDataSource } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from './database';
import { ResponseConformance } from './response-conformance';
import { readInfra } from './infra';
import { TcpProxy } from './tcp-proxy';
import { createDevServerEnv } from './temporal';

const ROOT = path.resolve(__dirname, '../..');
const WORKER_MAIN = path.join(ROOT, 'dist/apps/worker/src/main.js');
const BUNDLE = path.join(ROOT, 'dist/workflow-bundle.js');

/** The compiled worker as its own OS process, so a test can SIGKILL it. */
export class WorkerProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first (npm test does)`);
    this.output = '';
    const child = spawn(process.execPath, [WORKER_MAIN], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start:\n${this.output}`)), 60_000);
      const check = () => {
        if (this.output.includes('"worker started"')) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** True while its process runs. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Its Temporal identity (the SDK's default: pid@host), as histories record who completed each task. */
  get identity(): string | undefined {
    return this.child?.pid ? `${this.child.pid}@${os.hostname()}` : undefined;
  }

  /** What it has printed since it last started. */
  get log(): string {
    return this.output;
  }

  /** Kills the worker without a chance to clean up, as a crash would. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** Stops the worker the way an operator would: it drains, then exits. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

/** The whole system for end-to-end tests: HTTP API → Temporal dev server → worker → PostgreSQL. */
export interface TestSystem {
  http: ReturnType<typeof request>;
  /** Where the API listens, for clients other than supertest. */
  baseUrl: string;
  db: TestDatabase;
  temporal: TestWorkflowEnvironment;
  worker: WorkerProcess;
  /** Between the API and PostgreSQL when started with `databaseProxy`: cut it for an outage. */
  dbProxy?: TcpProxy;
  /** Where the worker anchors the audit chain's head (signed with db.auditKeys.anchorKey). */
  anchorFile: string;
  /** The API's and the worker's Prometheus endpoints, when started with `metrics`. */
  metrics?: { api: string; worker: string };
  login(username: string): Promise<string>;
  /** Stops everything; fails if any answer the API gave did not match its OpenAPI document. */
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** Route the API's database connections through a TcpProxy the test can cut. */
  databaseProxy?: boolean;
  /** Overrides of the API's settings for one test file (e.g. a lower login limit). */
  apiEnv?: Record<string, string>;
  /** Overrides of the worker's settings for one test file (e.g. where notifications are delivered). */
  workerEnv?: Record<string, string>;
  /**
   * Serve the API's and the worker's metrics, each on a free port. Without it neither does: no test
   * file's worker takes a fixed metrics port that another file's, or a running `npm start`, holds.
   */
  metrics?: boolean;
}

export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  // Everything started is stopped again, in reverse, also when a later step fails: no server outlives its test file.
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const [temporal, db] = await Promise.all([
      createDevServerEnv().then((t) => (cleanups.push(() => t.teardown()), t)),
      createTestDatabase().then((d) => (cleanups.push(() => d.drop()), d)),
    ]);
    const taskQueue = 'pennant-e2e';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-e2e-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const anchorFile = path.join(dir, 'audit-anchors.jsonl');
    const workerMetricsPort = options.metrics ? await freePort() : 0;
    // The API and the worker log in as the application role, as in production.
    const config: AppConfig = loadApiConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      AUDIT_ROW_KEY: db.auditKeys.rowKey,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      LOG_LEVEL: 'silent',
      PUBLIC_RATE_LIMIT: '12',
      ...options.apiEnv,
    });
    const worker = new WorkerProcess({
      ...process.env,
      DATABASE_URL: db.appUrl,
      AUDIT_ROW_KEY: db.auditKeys.rowKey,
      AUDIT_ANCHOR_FILE: anchorFile,
      AUDIT_ANCHOR_KEY: db.auditKeys.anchorKey,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: BUNDLE,
      LOG_LEVEL: 'info',
      METRICS_HOST: '127.0.0.1',
      WORKER_METRICS_PORT: String(workerMetricsPort),
      ...options.workerEnv,
    });
    cleanups.push(() => worker.stop());
    // The worker's process starts while the API boots here (neither waits for the other); both are up before a test runs.
    const workerStarting = worker.start();
    // Handled here so that an API that fails first is what is reported; a worker that fails throws at the await below.
    workerStarting.catch(() => undefined);
    // The API logs in as the application role, as in production.
    let dbProxy: TcpProxy | undefined;
    if (options.databaseProxy) {
      const u = new URL(db.url);
      dbProxy = new TcpProxy(u.hostname, Number(u.port));
      await dbProxy.start();
      cleanups.push(() => dbProxy!.stop());
    }
    const apiDataSource = createDataSource({ url: dbProxy ? dbProxy.urlFor(db.appUrl) : db.appUrl, poolSize: 5, auditSigningKey: auditSigningKey(db.auditKeys.rowKey) });
    await apiDataSource.initialize();
    cleanups.push(() => apiDataSource.destroy());
    // As apps/api/src/main.ts does it, on a free port instead of API_METRICS_PORT.
    const apiMetrics = options.metrics ? createApiMetrics(apiDataSource) : undefined;
    const app: INestApplication = await createApiApp({
      config,
      dataSource: apiDataSource,
      temporal: { client: temporal.client, connection: temporal.connection },
      logger: createLogger('api-e2e', 'silent'),
      metrics: apiMetrics,
    });
    cleanups.push(() => app.close());
    const apiMetricsServer = apiMetrics ? await serveApiMetrics(apiMetrics, { host: '127.0.0.1', port: 0 }) : undefined;
    if (apiMetricsServer) cleanups.push(() => apiMetricsServer.close());
    const conformance = new ResponseConformance();
    app.use(conformance.middleware());
    await app.listen(0, '127.0.0.1');
    const http = request(app.getHttpServer());
    // The run's document and validators when the build made them; else the document this API serves.
    const { openapi } = readInfra();
    if (openapi) conformance.usePrecompiled(openapi);
    else conformance.use((await http.get('/docs/openapi.json').expect(200)).body);
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    await workerStarting;
    const tokens = new Map<string, string>();
    return {
      http,
      baseUrl,
      db,
      temporal,
      worker,
      dbProxy,
      anchorFile,
      metrics: apiMetricsServer ? { api: apiMetricsServer.url, worker: metricsUrl('127.0.0.1', workerMetricsPort) } : undefined,
      async login(username) {
        const cached = tokens.get(username);
        if (cached) return cached;
        const res = await http.post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
        tokens.set(username, res.body.accessToken);
        return res.body.accessToken as string;
      },
      async stop() {
        await stopAll();
        if (conformance.violations.length) {
          throw new Error(`answers that do not match the OpenAPI document:\n${[...new Set(conformance.violations)].join('\n')}`);
        }
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * Starts the whole system once for a test file and stops it afterwards;
 * `auth(user)` gives the header of that demo user's login.
 */
export function useSystem(options: SystemOptions = {}): { sys: () => TestSystem; auth: (username: string) => Promise<{ authorization: string }> } {
  let sys: TestSystem | undefined;
  beforeAll(async () => {
    sys = await startSystem(options);
  });
  afterAll(async () => {
    await sys?.stop();
  });
  return {
    sys: () => sys!,
    auth: async (username) => ({ authorization: `Bearer ${await sys!.login(username)}` }),
  };
}
