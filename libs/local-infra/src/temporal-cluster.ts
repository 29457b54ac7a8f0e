import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client } from 'pg';
import { type Progress, stderrProgress } from './cache';
import { freePortIn, waitFor } from './ports';
import { type OsProcess, startOsProcess } from './os-process';
import {
  type PostgresEndpoint,
  TEMPORAL_DYNAMIC_CONFIG,
  type TemporalDatabases,
  type TemporalNodePorts,
  type TemporalServerBinaries,
  type TemporalService,
  setupTemporalDatabases,
  temporalNodeArgs,
  temporalNodeConfig,
} from './temporal-server';

export interface TemporalNode {
  /** frontend, matching, worker, history-1, history-2… */
  name: string;
  service: TemporalService;
  ports: TemporalNodePorts;
  configFile: string;
  logFile: string;
}

export interface TemporalClusterOptions {
  binaries: TemporalServerBinaries;
  /** Config files and logs. */
  dir: string;
  postgres: PostgresEndpoint;
  databases: TemporalDatabases;
  historyNodes?: number;
  numHistoryShards?: number;
  /** Fixed ports, consecutive from here (the `npm run cluster` layout); otherwise free ones. */
  portBase?: number;
  /** Processes outlive this one (`npm run cluster`); otherwise they are children. */
  detached?: boolean;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  progress?: Progress;
  /** Per process: to the history store and to visibility (default 20 / 5; tests sharing one PostgreSQL use fewer). */
  maxConnections?: { default: number; visibility: number };
}

/** The last error lines of a node's JSON log, for the message of a node that died. */
function lastErrors(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    const errors = lines.filter((l) => /"level":"(error|fatal)"|^[A-Z][a-z]+ /.test(l)).slice(-3);
    return (errors.length ? errors : lines.slice(-3)).map((l) => l.replace(/,"(stacktrace|errorVerbose|stack)":".*?"(?=[,}])/g, '').slice(0, 600)).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Roles in Temporal's membership table. */
const ROLES: Record<TemporalService, number> = { frontend: 1, history: 2, matching: 3, worker: 4 };

/**
 * A Temporal cluster of separate processes on PostgreSQL: one frontend, one
 * matching, one worker service and N history nodes sharing the shards. A node
 * can be killed and started again, as in a real failure.
 */
export class TemporalCluster {
  readonly nodes: TemporalNode[];
  private readonly running = new Map<string, OsProcess>();
  private readonly startedAt = new Map<string, number>();

  private constructor(
    private readonly o: TemporalClusterOptions,
    nodes: TemporalNode[],
  ) {
    this.nodes = nodes;
  }

  /** Writes every node's configuration and creates or upgrades the databases; starts nothing. */
  static async prepare(o: TemporalClusterOptions): Promise<TemporalCluster> {
    const progress = o.progress ?? stderrProgress;
    mkdirSync(path.join(o.dir, 'logs'), { recursive: true });
    const dynamicConfigFile = path.join(o.dir, 'dynamic-config.yaml');
    writeFileSync(dynamicConfigFile, TEMPORAL_DYNAMIC_CONFIG);
    let next = o.portBase;
    // Temporal keeps membership ports in a smallint column: below 32768, out of the kernel's ephemeral range.
    const taken = new Set<number>();
    const port = async (): Promise<number> => {
      if (next !== undefined) return next++;
      for (;;) {
        const p = await freePortIn(20_000, 32_000);
        if (!taken.has(p)) return taken.add(p), p;
      }
    };
    const portsFor = async (service: TemporalService): Promise<TemporalNodePorts> => ({
      grpc: await port(),
      membership: await port(),
      metrics: await port(),
      ...(service === 'frontend' ? { http: await port() } : {}),
    });
    const layout: Array<[string, TemporalService]> = [
      ['frontend', 'frontend'],
      ['matching', 'matching'],
      ['worker', 'worker'],
      ...Array.from({ length: o.historyNodes ?? 2 }, (_, i): [string, TemporalService] => [`history-${i + 1}`, 'history']),
    ];
    const nodes: TemporalNode[] = [];
    for (const [name, service] of layout) nodes.push({ name, service, ports: await portsFor(service), configFile: path.join(o.dir, `${name}.yaml`), logFile: path.join(o.dir, 'logs', `${name}.log`) });
    const frontendAddress = `127.0.0.1:${nodes[0]!.ports.grpc}`;
    const first = (service: TemporalService) => nodes.find((n) => n.service === service)!.ports;
    const servicePorts = { frontend: first('frontend'), matching: first('matching'), worker: first('worker'), history: first('history') };
    for (const node of nodes) {
      writeFileSync(
        node.configFile,
        temporalNodeConfig({
          service: node.service,
          ports: node.ports,
          servicePorts,
          postgres: o.postgres,
          databases: o.databases,
          numHistoryShards: o.numHistoryShards ?? 16,
          frontendAddress,
          dynamicConfigFile,
          logLevel: o.logLevel,
          maxConnections: o.maxConnections,
        }),
        { mode: 0o600 },
      );
    }
    await setupTemporalDatabases(o.binaries.sql, o.postgres, o.databases, progress);
    return new TemporalCluster(o, nodes);
  }

  get address(): string {
    return `127.0.0.1:${this.node('frontend').ports.grpc}`;
  }

  node(name: string): TemporalNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no Temporal node named ${name}`);
    return node;
  }

  pid(name: string): number | undefined {
    const proc = this.running.get(name);
    return proc && proc.exitCode === null ? proc.pid : undefined;
  }

  /** Starts every node not running, then waits until each service has its members and the frontend answers. */
  async start(timeoutMs = 120_000): Promise<void> {
    // One node first: every process writes the cluster's metadata when it starts, and on a new database
    // simultaneous first writes collide ("failed to initialize current cluster metadata") and that node exits.
    const [first, ...rest] = this.nodes.filter((n) => !this.running.has(n.name));
    if (!first) return this.waitHealthy(timeoutMs);
    this.startNode(first.name);
    await this.waitHealthy(timeoutMs, false);
    for (const node of rest) this.startNode(node.name);
    await this.waitHealthy(timeoutMs);
  }

  startNode(name: string): void {
    const node = this.node(name);
    const proc = startOsProcess(`temporal-${name}`, this.o.binaries.server, temporalNodeArgs(node.configFile, node.service), { env: process.env, logFile: node.logFile, detached: this.o.detached });
    // Kept until stopNode: a node that dies on its own is still expected, and waitHealthy says so.
    this.running.set(name, proc);
    this.startedAt.set(name, Date.now());
  }

  /** Kills a node as a crash would (SIGKILL), or stops it (SIGTERM). */
  async stopNode(name: string, signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const proc = this.running.get(name);
    this.running.delete(name);
    await proc?.stop(signal);
  }

  async stop(): Promise<void> {
    // Frontend first, so that clients see the cluster gone rather than half there.
    for (const node of this.nodes) await this.stopNode(node.name);
  }

  /** Live members per service, from the membership table every node heartbeats into. */
  async members(): Promise<Record<TemporalService, number>> {
    const c = new Client({ ...this.o.postgres, database: this.o.databases.default });
    await c.connect();
    try {
      const { rows } = await c.query<{ role: number; n: string }>(`SELECT role, count(DISTINCT rpc_address || ':' || rpc_port) AS n FROM cluster_membership WHERE record_expiry > now() AND last_heartbeat > now() - interval '20 seconds' GROUP BY role`);
      const count = (service: TemporalService) => Number(rows.find((r) => r.role === ROLES[service])?.n ?? 0);
      return { frontend: count('frontend'), history: count('history'), matching: count('matching'), worker: count('worker') };
    } finally {
      await c.end();
    }
  }

  /**
   * Waits until every running node has joined the membership ring in its
   * current session and the frontend answers; a node that dies meanwhile fails
   * the wait at once, naming its log.
   */
  async waitHealthy(timeoutMs = 120_000, frontend = true): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const poll = async (what: string, check: () => Promise<boolean>) => {
      for (;;) {
        for (const [name, proc] of this.running) if (proc.exitCode !== null) throw new Error(`Temporal ${name} exited with ${proc.exitCode}; see ${this.node(name).logFile}:\n${lastErrors(this.node(name).logFile)}`);
        if (await check().catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    await poll(`the Temporal cluster's nodes (${[...this.running.keys()].join(', ')}) to join`, () => this.allJoined());
    if (frontend) await poll('the Temporal frontend to answer', () => this.frontendAnswers());
  }

  private async allJoined(): Promise<boolean> {
    const c = new Client({ ...this.o.postgres, database: this.o.databases.default });
    await c.connect();
    try {
      const { rows } = await c.query<{ role: number; rpc_port: number; started: string }>(
        `SELECT role, rpc_port, extract(epoch FROM session_start) * 1000 AS started FROM cluster_membership WHERE last_heartbeat > now() - interval '20 seconds'`,
      );
      // A row of the node's previous life (same port, older session) does not count; 2 s allow for clock rounding.
      return [...this.running.keys()].every((name) => {
        const node = this.node(name);
        return rows.some((r) => r.role === ROLES[node.service] && r.rpc_port === node.ports.membership && Number(r.started) >= this.startedAt.get(name)! - 2000);
      });
    } finally {
      await c.end();
    }
  }

  private async frontendAnswers(): Promise<boolean> {
    const connection = await Connection.connect({ address: this.address, connectTimeout: 2000 });
    try {
      await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
      return true;
    } finally {
      await connection.close();
    }
  }

  /** Registers the namespace if it does not exist, and waits until the frontend serves it. */
  async ensureNamespace(namespace: string, retentionDays = 30): Promise<void> {
    const connection = await Connection.connect({ address: this.address });
    try {
      const exists = async () => {
        try {
          await connection.workflowService.describeNamespace({ namespace });
          return true;
        } catch (err) {
          if ((err as { code?: number }).code === 5) return false; // NOT_FOUND
          throw err;
        }
      };
      if (!(await exists())) {
        try {
          await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000) });
        } catch (err) {
          if ((err as { code?: number }).code !== 6) throw err; // ALREADY_EXISTS: another start registered it
        }
      }
      await waitFor(`namespace ${namespace} on the frontend`, exists, 60_000, 500);
    } finally {
      await connection.close();
    }
  }
}
