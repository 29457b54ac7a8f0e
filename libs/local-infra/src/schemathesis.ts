import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { type Progress, cacheDir, findOnPath, repoRoot, run, stderrProgress } from './cache';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** The pinned requirements (schemathesis and every package it brings). */
export function schemathesisRequirements(): string {
  return path.join(repoRoot(), 'tools/schemathesis/requirements.txt');
}

/**
 * Provides Schemathesis (the OpenAPI conformance tester, from PyPI) in a
 * virtual environment under the cache, keyed by the requirements file so a
 * changed pin gets a fresh environment. Returns the command that runs its CLI:
 * the environment's python with `-m schemathesis.cli`, which keeps working
 * after the environment is renamed into place (its console scripts would not).
 */
export async function ensureSchemathesis(progress: Progress = stderrProgress): Promise<string[]> {
  const requirements = schemathesisRequirements();
  const digest = createHash('sha256').update(readFileSync(requirements)).digest('hex').slice(0, 12);
  const home = path.join(cacheDir(), `schemathesis-${SCHEMATHESIS_VERSION}-${digest}`);
  const python = path.join(home, 'bin', 'python');
  const command = [python, '-m', 'schemathesis.cli'];
  if (existsSync(python)) return command;

  const python3 = findOnPath('python3');
  if (!python3) throw new Error('Schemathesis needs Python 3.10 or later: install it (e.g. apt-get install python3 python3-venv)');
  progress(`installing Schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${home} (one time)…`);
  mkdirSync(cacheDir(), { recursive: true });
  const staging = `${home}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await run(python3, ['-m', 'venv', staging]).catch((err: Error) => {
      throw new Error(`${err.message}: on Debian, install python3-venv`);
    });
    await run(path.join(staging, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', requirements]);
    // Publish atomically so a concurrent or interrupted run never sees half an environment.
    try {
      renameSync(staging, home);
    } catch (err) {
      if (!existsSync(python)) throw err; // else another process published it first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  progress(`Schemathesis ready: ${home}`);
  return command;
}
