import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../libs/persistence/src';
import { type OsProcess, TemporalCluster, postgresEndpoint, ensureTemporalServer, freePort, startOsProcess, waitFor } from '../../libs/local-infra/src';
import { type TestDatabase, createTestDatabase } from './database';
import { readInfra } from './infra';
import { WorkerProcess } from './system';

const ROOT = path.resolve(__dirname, '../..');
const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
const BUNDLE = path.join(ROOT, 'dist/workflow-bundle.js');
export const CLUSTER_NAMESPACE = 'pennant-cluster';
const TASK_QUEUE = 'pennant-cluster';

/** One API replica as its own OS process (the compiled API, as deployed). */
export class ApiProcess {
  private proc?: OsProcess;
  readonly baseUrl: string;

  constructor(
    readonly name: string,
    private readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  get http(): ReturnType<typeof request> {
    return request(this.baseUrl);
  }

  async start(): Promise<void> {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first (npm test does)`);
    this.proc = startOsProcess(this.name, process.execPath, [API_MAIN], { env: { ...this.env, PORT: String(this.port) }, logFile: this.logFile });
    await waitFor(`${this.name} to answer /health`, async () => {
      if (this.proc!.exitCode !== null) throw new Error(`${this.name} exited with ${this.proc!.exitCode}; see ${this.logFile}`);
      return (await fetch(`${this.baseUrl}/health`)).ok;
    }, 60_000, 200);
  }

  get running(): boolean {
    return !!this.proc && this.proc.exitCode === null;
  }

  stop(): Promise<void> {
    return this.proc?.stop() ?? Promise.resolve();
  }
}

/**
 * Pennant on a Temporal cluster of separate processes (frontend, matching,
 * worker, two history nodes) on the tests' PostgreSQL, with two workers and two
 * API replicas, each its own OS process.
 */
export interface ClusterSystem {
  temporal: TemporalCluster;
  db: TestDatabase;
  workers: WorkerProcess[];
  apis: ApiProcess[];
  /** Environment of a worker of this system (for one started with other settings). */
  workerEnv: NodeJS.ProcessEnv;
  login(username: string, replica?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startClusterSystem(): Promise<ClusterSystem> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const { adminUrl, workflowBundle } = readInfra();
    const pg = postgresEndpoint(adminUrl);
    const suffix = randomBytes(5).toString('hex');
    const databases = { default: `temporal_test_${suffix}`, visibility: `temporal_test_vis_${suffix}` };
    cleanups.push(async () => {
      const c = new Client({ ...pg, database: 'postgres' });
      await c.connect();
      try {
        for (const name of Object.values(databases)) if (name.startsWith('temporal_test_')) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-cluster-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));

    const [binaries, db] = await Promise.all([ensureTemporalServer(), createTestDatabase()]);
    cleanups.push(() => db.drop());
    const temporal = await TemporalCluster.prepare({ binaries, dir, postgres: pg, databases, historyNodes: 2, numHistoryShards: 8, maxConnections: { default: 6, visibility: 2 }, progress: () => undefined });
    cleanups.push(() => temporal.stop());
    await temporal.start();
    await temporal.ensureNamespace(CLUSTER_NAMESPACE, 1);

    const common = {
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      AUDIT_ROW_KEY: db.auditKeys.rowKey,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: CLUSTER_NAMESPACE,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    };
    const workerEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...common,
      AUDIT_ANCHOR_INTERVAL_SECONDS: '0',
      WORKFLOW_BUNDLE_PATH: existsSync(workflowBundle) ? workflowBundle : BUNDLE,
      LOG_LEVEL: 'info',
      // Two workers and two APIs on one machine: none takes the fixed default metrics ports.
      WORKER_METRICS_PORT: '0',
    };
    const workers = [new WorkerProcess(workerEnv), new WorkerProcess(workerEnv)];
    // Whoever holds a slot when the system stops: a test may replace a worker (a rolling update), and the replacement,
    // left running, outlived the run (two orphaned workers after every CI run, still polling a cluster that was gone).
    cleanups.push(() => Promise.all(workers.map((w) => w.stop())));
    await Promise.all(workers.map((w) => w.start()));

    const apiEnv: NodeJS.ProcessEnv = { ...process.env, ...common, JWT_SECRET: 'cluster-secret-cluster-secret-cluster-secret', LOG_LEVEL: 'warn', HOST: '127.0.0.1', API_METRICS_PORT: '0' };
    const apis = [new ApiProcess('api-1', await freePort(), apiEnv, path.join(dir, 'api-1.log')), new ApiProcess('api-2', await freePort(), apiEnv, path.join(dir, 'api-2.log'))];
    for (const a of apis) cleanups.push(() => a.stop());
    await Promise.all(apis.map((a) => a.start()));

    const tokens = new Map<string, string>();
    return {
      temporal,
      db,
      workers,
      apis,
      workerEnv,
      async login(username, replica = 0) {
        const key = `${replica}:${username}`;
        if (!tokens.has(key)) {
          const res = await apis[replica]!.http.post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
          tokens.set(key, res.body.accessToken);
        }
        return tokens.get(key)!;
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
