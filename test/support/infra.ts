import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What global setup prepared, handed to the test files (which run in other processes). */
export interface TestInfra {
  adminUrl: string;
  timeSkippingServer: string;
  temporalCli: string | null;
}

export const TEMPLATE_DATABASE = 'pennant_test_template';
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
