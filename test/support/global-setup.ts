import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client } from 'pg';
import { createDataSource, generateAuditKeyPair, provisionAppLogin, runMigrations, seedCalendarFromLibrary, seedDemo, seedRubrics } from '../../libs/persistence/src';
import { ensureTemporalCli, ensureTimeSkippingServer, freePort, startEmbeddedPostgres } from '../../libs/local-infra/src';
import { TEMPLATE_DATABASE, TEST_APP_PASSWORD, type TestInfra, withDatabase, writeInfra } from './infra';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Once per `npm test`: a PostgreSQL (PENNANT_TEST_DATABASE_URL's server, or an
 * embedded one in a temporary directory), a template database with every
 * migration and the demo tree, and the Temporal binaries the suites need.
 */
export default async function globalSetup(): Promise<void> {
  const [timeSkippingServer, temporalCli, workflowBundle, openapi] = await Promise.all([ensureTimeSkippingServer(), ensureTemporalCli(), bundleWorkflows(), compileOpenApi()]);
  const tools = { timeSkippingServer, temporalCli: temporalCli ?? null, workflowBundle, openapi };
  const external = process.env.PENNANT_TEST_DATABASE_URL;
  if (external) return prepareTemplate(external, tools);

  const server = await startTestPostgres();
  (globalThis as { __pennantPg?: unknown }).__pennantPg = server;
  // Jest skips the teardown when the setup fails: the server would outlive the run.
  try {
    await prepareTemplate(server.url, tools);
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** An embedded PostgreSQL in a temporary directory, which stopping removes (a run's cluster is ~70 MB; runs used to leave theirs). */
async function startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pennant-test-pg-'));
  // Two test files at once, and one of them may be a Temporal cluster (five server processes with pools of their own).
  // A throwaway cluster: nothing in it must outlive a power cut, so commits skip the disk flush (a crash of PostgreSQL
  // itself still loses nothing committed: the WAL reaches the kernel before a commit returns).
  const settings = { max_connections: '300', fsync: 'off', full_page_writes: 'off' };
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), progress: () => undefined, settings });
  return {
    url: pg.url('postgres'),
    stop: async () => {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The template database every test database copies, and what the suites read of this run's infrastructure. */
async function prepareTemplate(adminUrl: string, tools: Omit<TestInfra, 'adminUrl' | 'auditKeys'>): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
  await runMigrations(templateUrl);
  // The application's login, as an operator provisions it: the API and the worker of the tests log in with it.
  await provisionAppLogin(templateUrl, TEST_APP_PASSWORD);
  const ds = createDataSource({ url: templateUrl, poolSize: 1 });
  await ds.initialize();
  await seedCalendarFromLibrary(ds);
  await seedRubrics(ds);
  await seedDemo(ds);
  await ds.destroy();

  const row = generateAuditKeyPair();
  const anchor = generateAuditKeyPair();
  const infra: TestInfra = {
    adminUrl,
    ...tools,
    auditKeys: { rowKey: row.privateKey, rowPublicKey: row.publicKey, anchorKey: anchor.privateKey, anchorPublicKey: anchor.publicKey },
  };
  writeInfra(infra);
}

/** The workflows of this checkout, bundled once into a temporary file (removed at teardown with its directory). */
async function bundleWorkflows(): Promise<string> {
  const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const { code } = await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../../workflows/index.ts'), logger: silent });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pennant-test-bundle-')), 'workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}

/**
 * The API's OpenAPI document, printed by the built tools/openapi.ts, and a validator for each answer it
 * describes, compiled in processes of their own while the rest of the setup runs. Without a build, null.
 */
async function compileOpenApi(): Promise<TestInfra['openapi']> {
  const printer = path.join(ROOT, 'dist/tools/openapi.js');
  if (!existsSync(printer)) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-test-openapi-'));
  const document = path.join(dir, 'openapi.json');
  const run = promisify(execFile);
  const { stdout } = await run(process.execPath, [printer], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(document, stdout);
  await run(process.execPath, [path.join(__dirname, 'response-validators.cjs'), document, dir], { cwd: ROOT });
  return { document, validators: path.join(dir, 'validators.js'), keys: path.join(dir, 'keys.json') };
}


