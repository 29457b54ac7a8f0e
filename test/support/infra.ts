import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The audit trail's key pairs of one test run (private keys sign, public keys verify). */
export interface TestAuditKeys {
  rowKey: string;
  rowPublicKey: string;
  anchorKey: string;
  anchorPublicKey: string;
}

/** The run's OpenAPI document and its answers' validators (files), compiled once by global setup. */
export interface PrecompiledDocument {
  document: string;
  validators: string;
  keys: string;
}

/** What global setup prepared, handed to the test files (which run in other processes). */
export interface TestInfra {
  /** A superuser: creates the test databases, owns what the migrations create, and plays the attacker in the audit tests. */
  adminUrl: string;
  timeSkippingServer: string;
  temporalCli: string | null;
  auditKeys: TestAuditKeys;
  /** workflows/ bundled once for the run: every worker of the tests loads it instead of bundling again (seconds each). */
  workflowBundle: string;
  /**
   * The API's OpenAPI document and its answers' validators, compiled once for the run (response-validators.cjs);
   * null without `npm run build` (then each end-to-end file compiles what it checks).
   */
  openapi: PrecompiledDocument | null;
}

/** `url` (a server's) with `database` as its database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const TEMPLATE_DATABASE = 'pennant_test_template';
/**
 * The application role's password on the test server. The role is cluster-wide, so the password is fixed:
 * two runs sharing PENNANT_TEST_DATABASE_URL's server must not change it under each other.
 */
export const TEST_APP_PASSWORD = 'pennant-test-app-login';
const FILE = path.join(os.tmpdir(), `pennant-test-infra-${process.env.PENNANT_TEST_RUN ?? process.ppid}.json`);

function infraFile(): string {
  return process.env.PENNANT_TEST_INFRA ?? FILE;
}

export function writeInfra(infra: TestInfra): void {
  writeFileSync(FILE, JSON.stringify(infra));
  process.env.PENNANT_TEST_INFRA = FILE;
}

export function readInfra(): TestInfra {
  const file = infraFile();
  if (!existsSync(file)) throw new Error(`test infrastructure not prepared (${file}); run the tests through jest`);
  return JSON.parse(readFileSync(file, 'utf8')) as TestInfra;
}

export function clearInfra(): void {
  rmSync(infraFile(), { force: true });
}
