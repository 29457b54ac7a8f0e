import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { type Child, startChild, stopChild } from '../../apps/local/src/children';
import { workerNodeArgs } from '../../apps/worker/src/sizing';
import { type RunningPostgres, devServerArgs, ensureTemporalCli, freePort, repoRoot, startEmbeddedPostgres, waitFor } from '../../libs/local-infra/src';
import { createDataSource, generateAuditKeyPair, provisionAppLogin, publicKeyText, runMigrations, seedCalendarFromLibrary, seedDemo } from '../../libs/persistence/src';

/** The compiled worker and API, whether this runs from dist/ (npm run chaos) or from source (the test). */
const DIST = path.join(repoRoot(), 'dist');

/**
 * The system as `npm start` runs it, each part its own process, with the
 * faults a chaos run injects: the worker killed without warning, PostgreSQL
 * stopped and started again on the same data and port.
 */
export class ChaosStack {
  apiBase = '';
  /** The owner's login: the run seeds and reads with it; the worker and the API log in as pennant_app. */
  databaseUrl = '';
  private dir = '';
  private pgPort = 0;
  private pg?: RunningPostgres;
  private temporal?: Child;
  private worker?: Child;
  private api?: Child;
  private env: NodeJS.ProcessEnv = {};
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  constructor(private readonly say: (m: string) => void) {}

  async start(): Promise<void> {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-chaos-'));
    mkdirSync(path.join(this.dir, 'logs'));
    this.cleanups.push(async () => rmSync(this.dir, { recursive: true, force: true }));
    this.pgPort = await freePort();
    await this.startPostgres();
    this.cleanups.push(async () => rmSync(this.pg!.dataDir, { recursive: true, force: true }));
    this.cleanups.push(() => this.pg!.stop());
    await this.pg!.ensureDatabase('chaos');
    this.databaseUrl = this.pg!.url('chaos');
    await runMigrations(this.databaseUrl);
    const appUrl = await provisionAppLogin(this.databaseUrl, randomBytes(24).toString('base64url'));
    const ds = createDataSource({ url: this.databaseUrl, poolSize: 1 });
    await ds.initialize();
    try {
      await seedCalendarFromLibrary(ds);
      await seedDemo(ds);
    } finally {
      await ds.destroy();
    }

    const cli = await ensureTemporalCli(this.say);
    if (!cli) throw new Error('No Temporal CLI: put `temporal` on PATH, set TEMPORAL_CLI_PATH, or install Go for `go install`');
    const temporalPort = await freePort();
    this.temporal = startChild('temporal', cli, devServerArgs({ port: temporalPort, dbFile: path.join(this.dir, 'temporal.sqlite'), logLevel: 'error' }), process.env, this.log('temporal'));
    this.cleanups.push(() => stopChild(this.temporal!));
    const temporalAddress = `127.0.0.1:${temporalPort}`;
    await waitFor('the Temporal dev server', async () => {
      const c = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
      await c.workflowService.getSystemInfo({}).finally(() => c.close());
      return true;
    }, 60_000, 250);

    const apiPort = await freePort();
    this.env = {
      ...process.env,
      DATABASE_URL: appUrl,
      AUDIT_ROW_KEY: generateAuditKeyPair().privateKey,
      AUDIT_ANCHOR_KEY: generateAuditKeyPair().privateKey,
      AUDIT_ANCHOR_FILE: path.join(this.dir, 'audit-anchors.jsonl'),
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: 'pennant-chaos',
      WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
      JWT_SECRET: `chaos-${Date.now()}-secret-secret-secret-secret`,
      PORT: String(apiPort),
      LOG_LEVEL: 'info',
      // Beside a running `npm start` or another test's system: no fixed metrics ports.
      API_METRICS_PORT: '0',
      WORKER_METRICS_PORT: '0',
    };
    this.cleanups.push(async () => {
      if (this.api) await stopChild(this.api);
      if (this.worker) await stopChild(this.worker);
    });
    await this.startWorker();
    this.api = startChild('api', process.execPath, [path.join(DIST, 'apps/api/src/main.js')], this.env, this.log('api'));
    this.apiBase = `http://127.0.0.1:${apiPort}`;
    await waitFor('the API to report healthy', async () => (await fetch(`${this.apiBase}/health`)).ok, 120_000, 250);
  }

  /** SIGKILL: no draining, no goodbye, as a crash or an OOM kill. */
  async killWorker(): Promise<void> {
    const w = this.worker!;
    w.process.kill('SIGKILL');
    await w.exited;
  }

  async startWorker(): Promise<void> {
    const child = startChild('worker', process.execPath, [...workerNodeArgs(), path.join(DIST, 'apps/worker/src/main.js')], this.env, this.log('worker'));
    this.worker = child;
    let output = '';
    child.process.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor('the worker to start', async () => {
      if (child.process.exitCode !== null) throw new Error(`the worker exited with ${child.process.exitCode}; see ${this.log('worker')}`);
      return output.includes('"worker started"');
    }, 60_000, 100);
  }

  /** PostgreSQL's fast shutdown (every session is cut), then a start on the same data. */
  async restartPostgres(downMs: number, onDown: () => void = () => undefined): Promise<void> {
    await this.pg!.stop();
    onDown();
    await new Promise((r) => setTimeout(r, downMs)); // the outage itself, as long as asked
    await this.startPostgres();
  }

  async stop(): Promise<void> {
    for (const c of this.cleanups.reverse()) await c().catch((err) => this.say(`while stopping: ${String(err)}`));
    this.cleanups.length = 0;
  }

  /**
   * `npm run audit:anchor`, then `npm run audit:verify` as an operator runs
   * them against this system: the signatures, the chain and the anchors.
   */
  async verifyAudit(): Promise<{ ok: boolean; output: string }> {
    const env = {
      ...process.env,
      DATABASE_URL: this.env.DATABASE_URL,
      AUDIT_ANCHOR_FILE: this.env.AUDIT_ANCHOR_FILE,
      AUDIT_ANCHOR_KEY: this.env.AUDIT_ANCHOR_KEY,
      AUDIT_ROW_PUBLIC_KEY: publicKeyText(this.env.AUDIT_ROW_KEY!),
      AUDIT_ANCHOR_PUBLIC_KEY: publicKeyText(this.env.AUDIT_ANCHOR_KEY!),
    };
    const run = (script: string) =>
      new Promise<{ code: number; output: string }>((resolve) =>
        execFile(process.execPath, [path.join(DIST, script)], { env }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}`.trim() }),
        ),
      );
    const anchored = await run('tools/anchor-audit.js');
    if (anchored.code !== 0) return { ok: false, output: anchored.output };
    const verified = await run('tools/verify-audit.js');
    return { ok: verified.code === 0, output: verified.output };
  }

  logsDir(): string {
    return path.join(this.dir, 'logs');
  }

  private async startPostgres(): Promise<void> {
    this.pg = await startEmbeddedPostgres({ dataDir: path.join(this.dir, 'postgres'), port: this.pgPort, progress: () => undefined });
  }

  private log(name: string): string {
    return path.join(this.dir, 'logs', `${name}.log`);
  }
}
