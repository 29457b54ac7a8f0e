import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { type Child, startChild, stopChild } from '../../apps/local/src/children';
import { WORKER_HEAP_MIB, workerNodeArgs } from '../../apps/worker/src/sizing';
import { type WorkerConfig, loadWorkerConfig } from '../../libs/config/src';
import { TemporalCluster, devServerArgs, ensureTemporalCli, ensureTemporalServer, freePort, postgresEndpoint, startEmbeddedPostgres, waitFor } from '../../libs/local-infra/src';
import { metricsUrl } from '../../libs/metrics/src';
import { appLoginUrl, generateAuditKeyPair, provisionAppLogin, runMigrations } from '../../libs/persistence/src';

/** Where the compiled code is: dist/bench/harness → dist. */
export const DIST = path.resolve(__dirname, '../..');
export const ENGINE_TASK_QUEUE = 'pennant-bench';
export const BASELINE_TASK_QUEUE = 'bench-baseline';

/**
 * Everything a run measures, as separate processes on this machine: an
 * embedded PostgreSQL, the Temporal CLI's dev server (SQLite file), the
 * engine's worker and API, and a bare Temporal worker for the baseline.
 */
export interface Stack {
  dir: string;
  /** The owner's login: the bench seeds and reads with it; the worker and the API log in as pennant_app. */
  databaseUrl: string;
  temporalAddress: string;
  temporalDb: string;
  apiBase: string;
  jwtSecret: string;
  connection: Connection;
  children: Map<string, Child>;
  /** What the engine's worker holds: its cache and concurrency as it reads them (libs/config), and its heap limit. */
  worker: { sizing: Pick<WorkerConfig, 'WORKER_MAX_CACHED_WORKFLOWS' | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS' | 'WORKER_MAX_CONCURRENT_ACTIVITIES' | 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES'>; heapMiB: number };
  /** Each engine process's Prometheus endpoint (README, "Metrics"), by process name; the run itself does not scrape them. */
  metrics: Record<string, string>;
  /** Every process the run started (children and Temporal cluster nodes), for the resource readings. */
  pids(): Map<string, number>;
  /** An empty, migrated database on the same PostgreSQL: its owner's URL and the application's. */
  newDatabase(name: string): Promise<{ url: string; appUrl: string }>;
  /** Bytes of the dev server's SQLite files (database and write-ahead log). */
  temporalBytes(): number;
  stop(): Promise<void>;
}

export interface StackOptions {
  sqliteDefaults?: boolean;
  /** Temporal as the CLI's dev server (one process, SQLite) or as a cluster of processes on the same PostgreSQL. */
  temporal?: 'dev' | 'cluster';
  /** Engine workers (and as many bare baseline workers). */
  workers?: number;
  /** Given the stack's stop before anything starts, so an interrupted start still stops what it had started. */
  onStop?: (stop: () => Promise<void>) => void;
}

export async function startStack(say: (m: string) => void, opts: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-bench-'));
  mkdirSync(path.join(dir, 'logs'));
  const cleanups: Array<() => Promise<unknown>> = [async () => rmSync(dir, { recursive: true, force: true })];
  const children = new Map<string, Child>();
  const log = (name: string) => path.join(dir, 'logs', `${name}.log`);
  let stopping = false;
  let stopped: Promise<void> | undefined;
  // Once, however many callers (a signal during a failing start, then the start's own clean-up).
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      for (const c of cleanups.reverse()) await c().catch((err) => say(`while stopping: ${String(err)}`));
      cleanups.length = 0;
    })());
  opts.onStop?.(stop);
  try {
    // A Temporal cluster's five processes keep pools of their own on this server too.
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), progress: say, ...(opts.temporal === 'cluster' ? { settings: { max_connections: '300' } } : {}) });
    cleanups.push(async () => rmSync(pg.dataDir, { recursive: true, force: true }));
    cleanups.push(() => pg.stop());
    await pg.ensureDatabase('bench');
    const databaseUrl = pg.url('bench');
    await runMigrations(databaseUrl);
    const appPassword = randomBytes(24).toString('base64url');
    const appDatabaseUrl = await provisionAppLogin(databaseUrl, appPassword);

    let temporalAddress: string;
    let cluster: TemporalCluster | undefined;
    const temporalDb = path.join(dir, 'temporal.sqlite');
    if (opts.temporal === 'cluster') {
      // Temporal's own databases on the same PostgreSQL as the engine's, as `npm run cluster` runs it.
      cluster = await TemporalCluster.prepare({
        binaries: await ensureTemporalServer(say),
        dir: path.join(dir, 'temporal'),
        postgres: postgresEndpoint(databaseUrl),
        databases: { default: 'temporal', visibility: 'temporal_visibility' },
        historyNodes: 2,
        numHistoryShards: 16,
        progress: say,
      });
      cleanups.push(() => cluster!.stop());
      await cluster.start();
      await cluster.ensureNamespace('default');
      temporalAddress = cluster.address;
    } else {
      const cli = await ensureTemporalCli(say);
      if (!cli) throw new Error('No Temporal CLI: put `temporal` on PATH, set TEMPORAL_CLI_PATH, or install Go for `go install`');
      const port = await freePort();
      const server = startChild(
        'temporal',
        cli,
        devServerArgs({ port, dbFile: temporalDb, logLevel: 'error', sqliteDefaults: opts.sqliteDefaults }),
        process.env,
        log('temporal'),
      );
      children.set('temporal', server);
      cleanups.push(() => stopChild(server));
      temporalAddress = `127.0.0.1:${port}`;
    }
    let connection: Connection | undefined;
    await waitFor('the Temporal frontend', async () => {
      connection = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      return true;
    }, 60_000, 250);
    cleanups.push(() => connection!.close());

    const jwtSecret = `bench-${Date.now()}-secret-secret-secret-secret`;
    const apiPort = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: appDatabaseUrl,
      AUDIT_ROW_KEY: generateAuditKeyPair().privateKey,
      AUDIT_ANCHOR_KEY: generateAuditKeyPair().privateKey,
      AUDIT_ANCHOR_FILE: path.join(dir, 'audit-anchors.jsonl'),
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: ENGINE_TASK_QUEUE,
      WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
      JWT_SECRET: jwtSecret,
      PORT: String(apiPort),
      NODE_ENV: 'production',
      // The production default: one JSON line per request, as an operator would run it.
      LOG_LEVEL: 'info',
      PUBLIC_RATE_LIMIT: '1000000',
      METRICS_HOST: '127.0.0.1',
    };
    const spawn = (name: string, script: string, nodeArgs: readonly string[] = [], own: NodeJS.ProcessEnv = {}) => {
      const child = startChild(name, process.execPath, [...nodeArgs, path.join(DIST, script)], { ...env, ...own }, log(name));
      children.set(name, child);
      // A process that dies mid-run makes every later figure meaningless: say so loudly.
      void child.exited.then((code) => {
        if (children.get(name) === child && !stopping) say(`${name} exited unexpectedly (code ${code}); see ${log(name)}`);
      });
      return child;
    };
    // As production starts it: the same heap limit, and the WORKER_* defaults of libs/config (none is overridden here).
    const workerConfig = loadWorkerConfig(env);
    const workers = Array.from({ length: opts.workers ?? 1 }, (_, i) => (i === 0 ? '' : `-${i + 1}`));
    // Metrics on, as in production, each process on a port of its own.
    const metrics: Record<string, string> = {};
    const metricsPort = async (name: string) => {
      const port = await freePort();
      metrics[name] = metricsUrl('127.0.0.1', port);
      return String(port);
    };
    for (const n of workers) spawn(`worker${n}`, 'apps/worker/src/main.js', workerNodeArgs(env), { WORKER_METRICS_PORT: await metricsPort(`worker${n}`) });
    for (const n of workers) spawn(`baseline-worker${n}`, 'bench/baseline/worker-main.js');
    spawn('api', 'apps/api/src/main.js', [], { API_METRICS_PORT: await metricsPort('api') });
    cleanups.push(async () => {
      for (const name of ['api', ...workers.flatMap((n) => [`worker${n}`, `baseline-worker${n}`])]) if (children.has(name)) await stopChild(children.get(name)!);
    });
    const apiBase = `http://127.0.0.1:${apiPort}`;
    await waitFor('the API to report healthy', async () => (await fetch(`${apiBase}/health`)).ok, 120_000, 250);
    say(`metrics: ${Object.entries(metrics).map(([name, url]) => `${name} ${url}`).join(', ')}`);

    return {
      dir,
      databaseUrl,
      temporalAddress,
      temporalDb,
      apiBase,
      jwtSecret,
      metrics,
      connection: connection!,
      children,
      worker: {
        sizing: {
          WORKER_MAX_CACHED_WORKFLOWS: workerConfig.WORKER_MAX_CACHED_WORKFLOWS,
          WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: workerConfig.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
          WORKER_MAX_CONCURRENT_ACTIVITIES: workerConfig.WORKER_MAX_CONCURRENT_ACTIVITIES,
          WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: workerConfig.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
        },
        heapMiB: workerNodeArgs(env).length ? WORKER_HEAP_MIB : Number(/--max-old-space-size=(\d+)/.exec(process.env.NODE_OPTIONS ?? '')?.[1]),
      },
      pids() {
        const pids = new Map([...children].map(([n, c]) => [n, c.process.pid!] as [string, number]));
        for (const node of cluster?.nodes ?? []) {
          const pid = cluster!.pid(node.name);
          if (pid) pids.set(`temporal-${node.name}`, pid);
        }
        return pids;
      },
      async newDatabase(name) {
        await pg.ensureDatabase(name);
        await runMigrations(pg.url(name));
        return { url: pg.url(name), appUrl: appLoginUrl(pg.url(name), appPassword) };
      },
      temporalBytes() {
        return ['', '-wal'].reduce((sum, suffix) => {
          try {
            return sum + statSync(temporalDb + suffix).size;
          } catch {
            return sum;
          }
        }, 0);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
