import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { type Progress, cacheDir, findOnPath, runWatched, stderrProgress } from './cache';
import { cachedInstall } from './cached-install';
import { goInstallLine } from './temporal-cli';

/**
 * The Temporal server for a cluster, one service per process. v1.31.3–1.31.5
 * need a module the Go proxy does not serve; v1.32 needs a newer Go.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.31.2';

export interface TemporalServerBinaries {
  /** `server --config-file … start --service …` */
  server: string;
  /** `sql`: creates and upgrades Temporal's databases, with the schemas built in. */
  sql: string;
}

/**
 * Finds (TEMPORAL_SERVER_DIR) or builds, once per machine, the server and its
 * sql tool with `go install`, into the same cache as the CLI.
 */
export async function ensureTemporalServer(progress: Progress = stderrProgress): Promise<TemporalServerBinaries> {
  const given = process.env.TEMPORAL_SERVER_DIR;
  const dir = given ?? path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const binaries = { server: path.join(dir, 'server'), sql: path.join(dir, 'sql') };
  if (given) {
    if (!existsSync(binaries.server) || !existsSync(binaries.sql)) throw new Error(`TEMPORAL_SERVER_DIR (${given}) must hold the Temporal server's \`server\` and \`sql\` binaries`);
    return binaries;
  }
  if (existsSync(binaries.server) && existsSync(binaries.sql)) return binaries;
  const go = findOnPath('go');
  if (!go) throw new Error(`The Temporal cluster needs the server ${TEMPORAL_SERVER_VERSION}: install Go (for \`go install\`) or set TEMPORAL_SERVER_DIR to a folder with its \`server\` and \`sql\` binaries`);
  await cachedInstall({
    dir,
    marker: 'sql',
    name: `the Temporal server ${TEMPORAL_SERVER_VERSION}`,
    progress,
    build: async (staging) => {
      progress(`building the Temporal server ${TEMPORAL_SERVER_VERSION} and its sql tool with go install, once per machine: 5–15 minutes…`);
      await runWatched(go, ['install', '-v', `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`, `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`], {
        label: 'building the Temporal server',
        env: { ...process.env, GOBIN: staging },
        progress,
        classify: goInstallLine,
      });
    },
  });
  return binaries;
}

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The host, port and login of a postgres:// URL, as Temporal's configuration and its sql tool take them. */
export function postgresEndpoint(url: string): PostgresEndpoint {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

export interface TemporalDatabases {
  /** Workflow histories, shards, task queues. */
  default: string;
  visibility: string;
}

const run = promisify(execFile);

/**
 * Creates Temporal's two databases if missing and brings their schemas to the
 * version this server needs; safe to repeat (an up-to-date schema is left alone).
 */
export async function setupTemporalDatabases(sqlTool: string, pg: PostgresEndpoint, dbs: TemporalDatabases, progress: Progress = stderrProgress): Promise<void> {
  const env = { ...process.env, SQL_PASSWORD: pg.password };
  const base = ['--plugin', 'postgres12', '--endpoint', pg.host, '--port', String(pg.port), '--user', pg.user];
  for (const [db, schema] of [
    [dbs.default, 'postgresql/v12/temporal'],
    [dbs.visibility, 'postgresql/v12/visibility'],
  ] as const) {
    const state = await schemaState(pg, db);
    if (state === 'missing') await run(sqlTool, [...base, '--database', db, 'create-database'], { env });
    if (state !== 'versioned') await run(sqlTool, [...base, '--database', db, 'setup-schema', '--version', '0.0'], { env });
    await run(sqlTool, [...base, '--database', db, 'update-schema', '--schema-name', schema], { env });
    progress(`Temporal database ${db}: ${state === 'versioned' ? 'schema brought to this server\'s version (if it was older)' : 'created with this server\'s schema'}`);
  }
}

async function schemaState(pg: PostgresEndpoint, db: string): Promise<'missing' | 'empty' | 'versioned'> {
  const admin = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres' });
  await admin.connect();
  try {
    if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount) return 'missing';
  } finally {
    await admin.end();
  }
  const c = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: db });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT to_regclass('public.schema_version') IS NOT NULL AS versioned`);
    return rows[0].versioned ? 'versioned' : 'empty';
  } finally {
    await c.end();
  }
}

export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';

export interface TemporalNodePorts {
  grpc: number;
  membership: number;
  /** Prometheus metrics of this process. */
  metrics: number;
  /** The frontend's HTTP API. */
  http?: number;
}

export interface TemporalNodeConfigOptions {
  service: TemporalService;
  ports: TemporalNodePorts;
  /** A node of each service: every process must name all four services (its membership monitor tracks each), its own with its own ports. */
  servicePorts: Record<TemporalService, TemporalNodePorts>;
  postgres: PostgresEndpoint;
  databases: TemporalDatabases;
  /** Fixed when the cluster is created: every process must say the same, for ever. */
  numHistoryShards: number;
  frontendAddress: string;
  dynamicConfigFile: string;
  /** Connections each process may open to the history store and to visibility (Temporal's sample: 20 / 2). */
  maxConnections?: { default: number; visibility: number };
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * The configuration of one server process (one service). JSON is YAML, so no
 * YAML writer is needed. Nodes find each other through the membership table
 * in the database; a process binds only its own service's ports.
 */
export function temporalNodeConfig(o: TemporalNodeConfigOptions): string {
  const store = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${o.postgres.host}:${o.postgres.port}`,
      connectProtocol: 'tcp',
      user: o.postgres.user,
      password: o.postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const config = {
    log: { stdout: true, level: o.logLevel ?? 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: o.numHistoryShards,
      datastores: { default: store(o.databases.default, o.maxConnections?.default ?? 20), visibility: store(o.databases.visibility, o.maxConnections?.visibility ?? 5) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${o.ports.metrics}` } },
    },
    services: Object.fromEntries(
      (Object.keys(o.servicePorts) as TemporalService[]).map((service) => {
        const p = service === o.service ? o.ports : o.servicePorts[service];
        return [service, { rpc: { grpcPort: p.grpc, membershipPort: p.membership, bindOnLocalHost: true, ...(p.http ? { httpPort: p.http } : {}) } }];
      }),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: o.frontendAddress } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: o.frontendAddress },
    dynamicConfigClient: { filepath: o.dynamicConfigFile, pollInterval: '10s' },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Dynamic configuration shared by every process (the server refuses to start without a file). */
export const TEMPORAL_DYNAMIC_CONFIG = `# Pennant's cluster: Temporal's defaults, except listing workflows (CLI, dashboards of operators) as the dev server allows it.
frontend.namespaceRPS.visibility:
  - value: 100
`;

/** `server --config-file … start --service …` */
export function temporalNodeArgs(configFile: string, service: TemporalService): string[] {
  return ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service];
}
