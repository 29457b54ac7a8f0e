import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { METRICS_DEFAULTS } from '../../../libs/config/src';
import { metricsUrl } from '../../../libs/metrics/src';
import { databaseLoginsFromEnv } from '../../../libs/persistence/src';
import {
  type RunningPostgres,
  devServerArgs,
  ensureTemporalCli,
  maskPassword,
  portInUse,
  startEmbeddedPostgres,
  stderrProgress as say,
  waitFor,
} from '../../../libs/local-infra/src';
import { workerNodeArgs } from '../../worker/src/sizing';
import { type Child, startChild, stopChild } from './children';
import { apiMain, demoLogins, pennantEnv, preparePennantDatabase, workerMain } from './pennant-setup';

/**
 * `npm start`: the whole system on one machine. PostgreSQL (embedded unless
 * DATABASE_OWNER_URL or DATABASE_URL), a Temporal dev server (unless
 * TEMPORAL_ADDRESS), migrations and demo data as the database's owner, the
 * application's login, then the worker and the API logging in with it.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const DATA_DIR = path.resolve(process.env.PENNANT_DATA_DIR ?? path.join(ROOT, '.pennant'));
const PORT = Number(process.env.PORT ?? 3000);
const PG_PORT = Number(process.env.PENNANT_PG_PORT ?? 54329);
const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
/** Where the API and the worker serve their metrics (0: not at all); the processes validate them. */
const METRICS = {
  API_METRICS_PORT: process.env.API_METRICS_PORT ?? String(METRICS_DEFAULTS.API_METRICS_PORT),
  WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? String(METRICS_DEFAULTS.WORKER_METRICS_PORT),
  METRICS_HOST: process.env.METRICS_HOST ?? METRICS_DEFAULTS.METRICS_HOST,
};

const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => say(`while stopping: ${String(err)}`));
    say('stopped');
  }
  process.exit(code);
}

/** The owner's URL: migrations and seeds. */
async function postgres(): Promise<string> {
  const { ownerUrl } = databaseLoginsFromEnv(process.env);
  if (ownerUrl) {
    say(`using the PostgreSQL at ${process.env.DATABASE_OWNER_URL ? 'DATABASE_OWNER_URL' : 'DATABASE_URL (as its owner)'}`);
    return ownerUrl;
  }
  const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'postgres'), port: PG_PORT });
  cleanups.push(() => pg.stop());
  await pg.ensureDatabase('pennant');
  say(`embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data in ${pg.dataDir})`);
  return pg.url('pennant');
}

async function temporal(): Promise<{ address: string; ui: string | null }> {
  if (process.env.TEMPORAL_ADDRESS) {
    say(`using the Temporal server at ${process.env.TEMPORAL_ADDRESS}`);
    return { address: process.env.TEMPORAL_ADDRESS, ui: null };
  }
  const cli = await ensureTemporalCli();
  if (!cli) throw new Error('No Temporal CLI: install Go (for `go install`), put `temporal` on PATH, set TEMPORAL_CLI_PATH, or point TEMPORAL_ADDRESS at a server');
  if (await portInUse(TEMPORAL_PORT)) throw new Error(`port ${TEMPORAL_PORT} is taken: stop what uses it, or set TEMPORAL_PORT / TEMPORAL_ADDRESS`);
  const server = startChild(
    'temporal',
    cli,
    devServerArgs({ port: TEMPORAL_PORT, uiPort: TEMPORAL_UI_PORT, dbFile: path.join(DATA_DIR, 'temporal.sqlite') }),
    process.env,
    path.join(DATA_DIR, 'logs', 'temporal.log'),
  );
  cleanups.push(() => stopChild(server));
  watch(server);
  const address = `127.0.0.1:${TEMPORAL_PORT}`;
  await waitFor('the Temporal dev server', () => portInUse(TEMPORAL_PORT), 60_000);
  say(`Temporal dev server on ${address} (history in ${path.join(DATA_DIR, 'temporal.sqlite')})`);
  return { address, ui: `http://127.0.0.1:${TEMPORAL_UI_PORT}` };
}

/** A process that dies on its own takes the whole system down, loudly. */
function watch(child: Child): void {
  void child.exited.then((code) => {
    if (stopping) return;
    say(`${child.name} exited unexpectedly (code ${code}); see ${path.join(DATA_DIR, 'logs', `${child.name}.log`)}`);
    void shutdown(1);
  });
}

async function main(): Promise<void> {
  process.once('SIGHUP', () => void shutdown(0));
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  mkdirSync(path.join(DATA_DIR, 'logs'), { recursive: true });
  if (await portInUse(PORT)) throw new Error(`port ${PORT} is taken: stop what uses it or set PORT`);
  for (const setting of ['API_METRICS_PORT', 'WORKER_METRICS_PORT'] as const) {
    const port = Number(METRICS[setting]);
    if (port > 0 && (await portInUse(port))) throw new Error(`port ${port} is taken: stop what uses it, or set ${setting} (0: no metrics)`);
  }

  const ownerUrl = await postgres();
  const appUrl = await preparePennantDatabase(ownerUrl, DATA_DIR);
  const t = await temporal();
  const { env: shared, auditEnvFile, auditAnchorFile } = pennantEnv(DATA_DIR, appUrl, t.address);
  const env: NodeJS.ProcessEnv = { ...shared, PORT: String(PORT), ...METRICS };
  const worker = startChild('worker', process.execPath, [...workerNodeArgs(), workerMain], env, path.join(DATA_DIR, 'logs', 'worker.log'));
  cleanups.push(() => stopChild(worker));
  watch(worker);
  const api = startChild('api', process.execPath, [apiMain], env, path.join(DATA_DIR, 'logs', 'api.log'));
  cleanups.push(() => stopChild(api));
  watch(api);

  const base = `http://127.0.0.1:${PORT}`;
  await waitFor('the API to report healthy', async () => (await fetch(`${base}/health`)).ok, 120_000, 300);

  console.log(`
Pennant is running.  Ctrl-C stops everything; data stays in ${DATA_DIR}.

  Web app      ${base}/app/
  API          ${base}
  API docs     ${base}/docs
  Health       ${base}/health
  Metrics      ${metricsLine('API_METRICS_PORT')}  (API: requests by route, database pool, Node)
               ${metricsLine('WORKER_METRICS_PORT')}  (worker: Temporal SDK, database pool, Node)
  Temporal UI  ${t.ui ?? '(external server)'}
  Database     ${maskPassword(appUrl)}${databaseLoginsFromEnv(process.env).appUrl ? '' : `  (password in ${path.join(DATA_DIR, 'db-app-password')})`}
  Logs         ${path.join(DATA_DIR, 'logs')}/{api,worker,temporal}.log
  Audit        anchors in ${auditAnchorFile}
               check: (set -a; . ${auditEnvFile}; npm run audit:verify)

${demoLogins(base)}`);
}

/** A metrics endpoint as `npm start` prints it. */
function metricsLine(setting: 'API_METRICS_PORT' | 'WORKER_METRICS_PORT'): string {
  const port = Number(METRICS[setting]);
  return port > 0 ? metricsUrl(METRICS.METRICS_HOST, port) : `off (${setting}=0)`;
}

main().catch(async (err) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
