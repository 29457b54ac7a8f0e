import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { createLogger, loadApiConfig } from '../../../libs/config/src';
import { type SeedResult, auditSigningKey, createDataSource, generateAuditKeyPair, seedCalendarFromLibrary, seedRubrics } from '../../../libs/persistence/src';
import { createApiApp } from '../../api/src/app.factory';
import { createPennantWorker } from '../../worker/src/worker';
import { startTimeSkippingEnvironment } from './time-skipping';

/** Where a simulation runs, whatever its process. */
export interface StackOptions {
  /** An empty, migrated database, as its owner (the simulation seeds the tree and reads its figures with it). */
  databaseUrl: string;
  /** The same database as the application role, which the worker and the API log in as. */
  appDatabaseUrl: string;
  /** The private key the worker and the API sign audit rows with (a fresh one when absent). */
  auditRowKey?: string;
  /** workflows/ already bundled (the tests bundle once per run); otherwise the build's bundle, or workflows/ bundled at start. */
  workflowBundlePath?: string;
  /** The launcher of Temporal's time-skipping test server. */
  timeSkippingServer: string;
  seed: number;
  progress?: (message: string) => void;
}

/** What the simulation reads from the API's answers. */
export interface ApiBody {
  code?: string;
  id?: string;
  objectionId?: string;
  plan?: Array<{ stage: string; dueOn: string; dueAt: string }>;
  [key: string]: unknown;
}

export interface Http {
  call(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: ApiBody | null }>;
  /** A download: the status, its content type and the bytes. */
  download(path: string, token: string): Promise<{ status: number; type: string; bytes: Buffer }>;
}

/** How often a change the engine has not answered in time (503 WORKFLOW_BUSY) is sent again, with the same key (409 while the first is still running). */
const BUSY_RETRIES = 5;
const BUSY_BACKOFF_MS = 1_000;

function http(base: string): Http {
  return {
    async call(method, path, token, body) {
      // As the API asks of a client: a change carries an Idempotency-Key, and one the engine was too busy to answer is sent again with it.
      const key = method === 'GET' ? undefined : randomUUID();
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { 'idempotency-key': key } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        const answer = { status: res.status, body: text ? (JSON.parse(text) as ApiBody) : null };
        const busy = answer.body?.code === 'WORKFLOW_BUSY' || answer.body?.code === 'IDEMPOTENCY_KEY_IN_USE';
        if (!busy || !key || attempt >= BUSY_RETRIES) return answer;
        await new Promise((resolve) => setTimeout(resolve, BUSY_BACKOFF_MS * 2 ** attempt));
      }
    },
    async download(path, token) {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
    },
  };
}

/**
 * The whole system as a simulation drives it: a seeded tree in a real
 * PostgreSQL, Temporal's time-skipping server with the real worker, and the
 * real API over HTTP, with tokens for any role at any organisation.
 */
export interface SimulationStack {
  env: TestWorkflowEnvironment;
  client: Client;
  /** The owner's connection: seeding and reading figures back. */
  owner: DataSource;
  api: Http;
  tokenFor(organisationId: string, role: string): Promise<string>;
  orgId(code: string): Promise<string>;
  /** The answer's body when its status is one of `ok`, else the run stops with what came back. */
  expect(what: string, res: { status: number; body: ApiBody | null }, ...ok: number[]): ApiBody;
  stop(): Promise<void>;
}

/** Seeds the simulated organisation tree and its users as the database's owner. */
export type TreeSeeder = (owner: DataSource) => Promise<SeedResult>;

export async function startSimulationStack(o: StackOptions, seedTree: TreeSeeder): Promise<SimulationStack> {
  const progress = o.progress ?? (() => undefined);
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const owner = createDataSource({ url: o.databaseUrl, poolSize: 4, applicationName: 'pennant-simulation' });
    await owner.initialize();
    cleanups.push(() => owner.destroy());
    await seedCalendarFromLibrary(owner);
    await seedRubrics(owner);
    const seeded = await seedTree(owner);
    progress(`organisation tree: ${seeded.organisations} organisations, ${seeded.users} users`);

    const env = await startTimeSkippingEnvironment(o.timeSkippingServer);
    cleanups.push(() => env.teardown());
    const taskQueue = 'pennant-simulation';
    const rowKey = o.auditRowKey ?? generateAuditKeyPair().privateKey;
    const signing = auditSigningKey(rowKey);
    const workerDs = createDataSource({ url: o.appDatabaseUrl, poolSize: 10, auditSigningKey: signing, applicationName: 'pennant-simulation-worker' });
    await workerDs.initialize();
    cleanups.push(() => workerDs.destroy());
    const worker = await createPennantWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, dataSource: workerDs, workflowBundlePath: o.workflowBundlePath });
    const running = worker.run();
    cleanups.push(async () => {
      worker.shutdown();
      await running;
    });

    const apiDs = createDataSource({ url: o.appDatabaseUrl, poolSize: 10, auditSigningKey: signing, applicationName: 'pennant-simulation-api' });
    await apiDs.initialize();
    cleanups.push(() => apiDs.destroy());
    const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    const app: INestApplication = await createApiApp({
      config: loadApiConfig({
        NODE_ENV: 'test',
        DATABASE_URL: o.appDatabaseUrl,
        AUDIT_ROW_KEY: rowKey,
        TEMPORAL_TASK_QUEUE: taskQueue,
        JWT_SECRET: `simulation-${o.seed}-secret-secret-secret-secret`,
        LOG_LEVEL: 'silent',
        PUBLIC_RATE_LIMIT: '100000',
      }),
      dataSource: apiDs,
      temporal: { client, connection: env.connection },
      logger: createLogger('simulation-api', 'silent'),
    });
    cleanups.push(() => app.close());
    await app.listen(0, '127.0.0.1');
    const api = http((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    const jwt = app.get(JwtService);
    const tokens = new Map<string, string>();
    const users = new Map<string, string>(
      ((await owner.query(`SELECT u.id, r.organisation_id AS org, r.role FROM users u JOIN role_assignments r ON r.user_id = u.id`)) as Array<{ id: string; org: string; role: string }>).map((u) => [
        `${u.org}:${u.role}`,
        u.id,
      ]),
    );
    return {
      env,
      client,
      owner,
      api,
      async tokenFor(organisationId, role) {
        const userId = users.get(`${organisationId}:${role}`);
        if (!userId) throw new Error(`no ${role} at ${organisationId}`);
        if (!tokens.has(userId)) tokens.set(userId, await jwt.signAsync({ sub: userId }));
        return tokens.get(userId)!;
      },
      async orgId(code) {
        return ((await owner.query(`SELECT id FROM organisations WHERE code = $1`, [code])) as Array<{ id: string }>)[0]!.id;
      },
      expect(what, res, ...ok) {
        if (!ok.includes(res.status) || !res.body) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
