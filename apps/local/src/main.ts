import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, createDataSource, runMigrations, seedCalendarFromLibrary, seedDemo, seedRubrics } from '../../../libs/persistence/src';
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
import { type Child, startChild, stopChild } from './children';

/**
 * `npm start`: the whole system on one machine. PostgreSQL (embedded unless
 * DATABASE_URL), a Temporal dev server (unless TEMPORAL_ADDRESS), migrations,
 * demo data on an empty database, then the worker and the API.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const DIST = path.join(ROOT, 'dist');
const DATA_DIR = path.resolve(process.env.PENNANT_DATA_DIR ?? path.join(ROOT, '.pennant'));
const PORT = Number(process.env.PORT ?? 3000);
const PG_PORT = Number(process.env.PENNANT_PG_PORT ?? 54329);
const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

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

function jwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(DATA_DIR, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function postgres(): Promise<string> {
  if (process.env.DATABASE_URL) {
    say('using the PostgreSQL at DATABASE_URL');
    return process.env.DATABASE_URL;
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

  const databaseUrl = await postgres();
  const applied = await runMigrations(databaseUrl);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  const ds = createDataSource({ url: databaseUrl, poolSize: 1 });
  await ds.initialize();
  const calendarYears = await seedCalendarFromLibrary(ds);
  if (calendarYears.length) say(`working-day calendar loaded for ${calendarYears[0]}–${calendarYears.at(-1)}`);
  await seedRubrics(ds);
  const seed = await seedDemo(ds).finally(() => ds.destroy());
  say(seed.seeded ? `demo data seeded: ${seed.organisations} organisations, ${seed.users} users` : `existing data kept: ${seed.organisations} organisations, ${seed.users} users`);

  const t = await temporal();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: t.address,
    JWT_SECRET: jwtSecret(),
    PORT: String(PORT),
    WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
  };
  const worker = startChild('worker', process.execPath, [path.join(DIST, 'apps/worker/src/main.js')], env, path.join(DATA_DIR, 'logs', 'worker.log'));
  cleanups.push(() => stopChild(worker));
  watch(worker);
  const api = startChild('api', process.execPath, [path.join(DIST, 'apps/api/src/main.js')], env, path.join(DATA_DIR, 'logs', 'api.log'));
  cleanups.push(() => stopChild(api));
  watch(api);

  const base = `http://127.0.0.1:${PORT}`;
  await waitFor('the API to report healthy', async () => (await fetch(`${base}/health`)).ok, 120_000, 300);

  console.log(`
Pennant is running.  Ctrl-C stops everything; data stays in ${DATA_DIR}.

  API          ${base}
  API docs     ${base}/docs
  Health       ${base}/health
  Temporal UI  ${t.ui ?? '(external server)'}
  Database     ${process.env.DATABASE_URL ? maskPassword(databaseUrl) : databaseUrl}
  Logs         ${path.join(DATA_DIR, 'logs')}/{api,worker,temporal}.log

Demo logins (password for all: ${DEMO_PASSWORD}):
  admin                          组织部管理员 (administrator)
  head                           组织部部长 (department_head, whole city)
  zzb.reviewer                   组织部审核人 (reviewer)
  tsq.reviewer, tsq.head         泰山区委 审核人 / 组织部部长
  tsq-cyjd.reviewer              财源街道党工委 审核人 (grassroots reviewer)
  tsq-cyjd-b01.secretary         东关村党支部书记 (submitter)
  taian-agency-court.contact     法院联络人 (agency_consultee)

Try it:
  curl -s -X POST ${base}/auth/login -H 'content-type: application/json' \\
       -d '{"username":"tsq-cyjd-b01.secretary","password":"${DEMO_PASSWORD}"}'
`);
}

main().catch(async (err) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
