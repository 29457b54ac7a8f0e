import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { metricsUrl } from '../../../libs/metrics/src';
import { databaseLoginsFromEnv } from '../../../libs/persistence/src';
import {
  type PostgresEndpoint,
  TemporalCluster,
  ensureTemporalServer,
  maskPassword,
  pidRuns,
  postgresEndpoint,
  portInUse,
  startEmbeddedPostgres,
  startOsProcess,
  stderrProgress as say,
  stopPid,
  waitFor,
} from '../../../libs/local-infra/src';
import { workerNodeArgs } from '../../worker/src/sizing';
import { apiMain, demoLogins, pennantEnv, preparePennantDatabase, workerMain } from './pennant-setup';

/**
 * `npm run cluster [up|down|status]`: the production topology on one machine.
 * PostgreSQL (embedded unless DATABASE_OWNER_URL / DATABASE_URL), a Temporal
 * cluster of separate processes (frontend, matching, worker, two history nodes
 * sharing the shards) on it, two Pennant workers and two API replicas. `up`
 * leaves them running and records them in state.json; `down` stops them.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const DIR = path.resolve(process.env.PENNANT_CLUSTER_DIR ?? path.join(ROOT, '.pennant', 'cluster'));
const STATE = path.join(DIR, 'state.json');
const PG_PORT = Number(process.env.CLUSTER_PG_PORT ?? 54339);
/** Temporal's ports, consecutive from here (4 per frontend, 3 per other node). */
const TEMPORAL_PORT_BASE = Number(process.env.CLUSTER_TEMPORAL_PORT_BASE ?? 7300);
/** The API replicas listen on this port and the next. */
const API_PORT = Number(process.env.CLUSTER_API_PORT ?? 3101);
const REPLICAS = 2;
/** Metrics ports, consecutive from here: the API replicas', then the workers' (README, "Metrics"). */
const METRICS_PORT_BASE = Number(process.env.CLUSTER_METRICS_PORT ?? 9470);
const apiMetricsPort = (i: number) => METRICS_PORT_BASE + i;
const workerMetricsPort = (i: number) => METRICS_PORT_BASE + REPLICAS + i;
const NAMESPACE = process.env.TEMPORAL_NAMESPACE ?? 'default';
const SHARDS = Number(process.env.CLUSTER_HISTORY_SHARDS ?? 16);

interface RecordedProcess {
  name: string;
  pid: number;
  /** What its command line contains, so that a recycled pid is never signalled. */
  program: string;
  /** How it is stopped: PostgreSQL's fast shutdown is SIGINT. */
  signal?: NodeJS.Signals;
}

interface ClusterState {
  startedAt: string;
  processes: RecordedProcess[];
  addresses: Record<string, string>;
  /** For `status`: Temporal's membership table. */
  temporalDatabase: PostgresEndpoint & { database: string };
}

const readState = (): ClusterState | undefined => (existsSync(STATE) ? (JSON.parse(readFileSync(STATE, 'utf8')) as ClusterState) : undefined);
const running = (s: ClusterState) => s.processes.filter((p) => pidRuns(p.pid, p.program));

/** Stops, newest first, whatever a state file records (also after a failed `up`). */
async function down(): Promise<void> {
  const state = readState();
  if (!state) {
    say(`no cluster recorded in ${STATE}: nothing to stop`);
    return;
  }
  for (const p of [...state.processes].reverse()) {
    if (!pidRuns(p.pid, p.program)) continue;
    say(`stopping ${p.name} (pid ${p.pid})…`);
    await stopPid(p.pid, p.program, p.signal ?? 'SIGTERM');
  }
  rmSync(STATE);
  say(`stopped; data stays in ${DIR}`);
}

async function up(): Promise<void> {
  const existing = readState();
  if (existing && running(existing).length) {
    say(`the cluster is already running (${running(existing).length} of ${existing.processes.length} processes); \`npm run cluster -- down\` stops it`);
    await status();
    return;
  }
  mkdirSync(path.join(DIR, 'logs'), { recursive: true });
  const state: ClusterState = { startedAt: new Date().toISOString(), processes: [], addresses: {}, temporalDatabase: { host: '', port: 0, user: '', password: '', database: 'temporal' } };
  const record = (p: RecordedProcess) => {
    state.processes.push(p);
    writeFileSync(STATE, JSON.stringify(state, null, 2), { mode: 0o600 });
  };
  for (const port of [API_PORT, API_PORT + 1, TEMPORAL_PORT_BASE]) {
    if (await portInUse(port)) throw new Error(`port ${port} is taken: stop what uses it, or set CLUSTER_API_PORT / CLUSTER_TEMPORAL_PORT_BASE`);
  }
  for (let i = 0; i < 2 * REPLICAS; i++) {
    if (await portInUse(METRICS_PORT_BASE + i)) throw new Error(`port ${METRICS_PORT_BASE + i} is taken: stop what uses it, or set CLUSTER_METRICS_PORT`);
  }

  // PostgreSQL: Pennant's database and Temporal's two, on the same server here (separate servers in production).
  let ownerUrl = databaseLoginsFromEnv(process.env).ownerUrl;
  if (ownerUrl) {
    say(`using the PostgreSQL at ${process.env.DATABASE_OWNER_URL ? 'DATABASE_OWNER_URL' : 'DATABASE_URL (as its owner)'} for Pennant and Temporal`);
  } else {
    // Five Temporal processes (pools of up to 25 each), two workers and two APIs: more than PostgreSQL's default 100.
    const pg = await startEmbeddedPostgres({ dataDir: path.join(DIR, 'postgres'), port: PG_PORT, logFile: path.join(DIR, 'logs', 'postgres.log'), settings: { max_connections: '300' } });
    record({ name: 'postgres', pid: pg.pid, program: 'postgres', signal: 'SIGINT' });
    await pg.ensureDatabase('pennant');
    ownerUrl = pg.url('pennant');
    say(`embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data in ${pg.dataDir})`);
  }
  const pgEndpoint = postgresEndpoint(ownerUrl);
  state.temporalDatabase = { ...pgEndpoint, database: 'temporal' };

  const binaries = await ensureTemporalServer();
  const cluster = await TemporalCluster.prepare({
    binaries,
    dir: path.join(DIR, 'temporal'),
    postgres: pgEndpoint,
    databases: { default: 'temporal', visibility: 'temporal_visibility' },
    historyNodes: 2,
    numHistoryShards: SHARDS,
    portBase: TEMPORAL_PORT_BASE,
    detached: true,
  });
  say('starting the Temporal cluster (frontend, matching, worker, 2 history nodes)…');
  try {
    await cluster.start();
  } finally {
    // Recorded whether or not the cluster came up: `down` (also after a failed `up`) stops what did start.
    for (const node of cluster.nodes) {
      const pid = cluster.pid(node.name);
      if (pid) record({ name: `temporal ${node.name}`, pid, program: binaries.server });
    }
  }
  await cluster.ensureNamespace(NAMESPACE);
  for (const node of cluster.nodes) state.addresses[`Temporal ${node.name}`] = `127.0.0.1:${node.ports.grpc} (metrics http://127.0.0.1:${node.ports.metrics}/metrics)`;

  const appUrl = await preparePennantDatabase(ownerUrl, DIR);
  const { env, auditEnvFile } = pennantEnv(DIR, appUrl, cluster.address);
  for (let i = 1; i <= REPLICAS; i++) {
    // Each worker anchors the audit chain into its own file, as each pod would on its own volume.
    const worker = startOsProcess(`worker-${i}`, process.execPath, [...workerNodeArgs(), workerMain], {
      env: {
        ...env,
        TEMPORAL_NAMESPACE: NAMESPACE,
        AUDIT_ANCHOR_FILE: path.join(DIR, `audit-anchors-worker-${i}.jsonl`),
        METRICS_HOST: '127.0.0.1',
        WORKER_METRICS_PORT: String(workerMetricsPort(i - 1)),
      },
      logFile: path.join(DIR, 'logs', `worker-${i}.log`),
      detached: true,
    });
    record({ name: `worker-${i}`, pid: worker.pid, program: workerMain });
  }
  for (let i = 0; i < REPLICAS; i++) {
    const port = API_PORT + i;
    const api = startOsProcess(`api-${i + 1}`, process.execPath, [apiMain], {
      env: { ...env, TEMPORAL_NAMESPACE: NAMESPACE, PORT: String(port), METRICS_HOST: '127.0.0.1', API_METRICS_PORT: String(apiMetricsPort(i)) },
      logFile: path.join(DIR, 'logs', `api-${i + 1}.log`),
      detached: true,
    });
    record({ name: `api-${i + 1}`, pid: api.pid, program: apiMain });
    state.addresses[`API replica ${i + 1}`] = `http://127.0.0.1:${port}`;
  }
  // Named so that `status` (which asks each "API …" address for /health) leaves them alone.
  for (let i = 0; i < REPLICAS; i++) state.addresses[`Metrics api-${i + 1}`] = metricsUrl('127.0.0.1', apiMetricsPort(i));
  for (let i = 0; i < REPLICAS; i++) state.addresses[`Metrics worker-${i + 1}`] = metricsUrl('127.0.0.1', workerMetricsPort(i));
  for (let i = 0; i < REPLICAS; i++) {
    const base = `http://127.0.0.1:${API_PORT + i}`;
    await waitFor(`API replica ${i + 1} to report healthy`, async () => (await fetch(`${base}/health`)).ok, 120_000, 300);
  }
  writeFileSync(STATE, JSON.stringify(state, null, 2), { mode: 0o600 });
  const base = `http://127.0.0.1:${API_PORT}`;
  console.log(`
The Pennant cluster is running.  \`npm run cluster -- down\` stops it; \`-- status\` shows it. Data stays in ${DIR}.

${Object.entries(state.addresses)
  .map(([k, v]) => `  ${k.padEnd(22)} ${v}`)
  .join('\n')}
  Web app                ${base}/app/  (and http://127.0.0.1:${API_PORT + 1}/app/)
  Temporal namespace     ${NAMESPACE} (${SHARDS} history shards); the CLI works against it:
                         temporal workflow list --address ${cluster.address} --namespace ${NAMESPACE}
  Temporal UI            not started: the CLI's UI serves only its own dev server
  Database               ${maskPassword(appUrl)}
  Logs                   ${path.join(DIR, 'logs')}/, ${path.join(DIR, 'temporal', 'logs')}/
  Audit check            (set -a; . ${auditEnvFile}; npm run audit:verify)

${demoLogins(base)}
  (either replica answers: the same login works on http://127.0.0.1:${API_PORT + 1})
`);
}

async function status(): Promise<void> {
  const state = readState();
  if (!state) {
    console.log(`no cluster recorded in ${STATE}`);
    process.exitCode = 3;
    return;
  }
  console.log(`cluster started ${state.startedAt} (${DIR})`);
  for (const p of state.processes) console.log(`  ${p.name.padEnd(22)} pid ${String(p.pid).padEnd(8)} ${pidRuns(p.pid, p.program) ? 'running' : 'STOPPED'}`);
  for (const [name, address] of Object.entries(state.addresses)) {
    if (!name.startsWith('API')) continue;
    const health = await fetch(`${address}/health`).then((r) => `${r.status} ${r.ok ? 'healthy' : 'unhealthy'}`, () => 'unreachable');
    console.log(`  ${name.padEnd(22)} ${address}/health → ${health}`);
  }
  try {
    const { Client } = await import('pg');
    const c = new Client({ ...state.temporalDatabase });
    await c.connect();
    const { rows } = await c.query<{ role: number; n: string }>(`SELECT role, count(*) AS n FROM cluster_membership WHERE record_expiry > now() AND last_heartbeat > now() - interval '20 seconds' GROUP BY role ORDER BY role`);
    await c.end();
    const roles = ['', 'frontend', 'history', 'matching', 'worker'];
    console.log(`  Temporal members       ${rows.map((r) => `${roles[r.role] ?? r.role} ${r.n}`).join(', ') || 'none'}`);
  } catch (err) {
    console.log(`  Temporal members       unknown (${err instanceof Error ? err.message : String(err)})`);
  }
  if (running(state).length < state.processes.length) process.exitCode = 1;
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'up';
  if (command === 'up') {
    try {
      await up();
    } catch (err) {
      say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
      say('stopping what was started…');
      await down();
      process.exitCode = 1;
    }
  } else if (command === 'down') await down();
  else if (command === 'status') await status();
  else {
    console.error('usage: npm run cluster [-- up|down|status]');
    process.exitCode = 2;
  }
}

void main();
