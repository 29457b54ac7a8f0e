import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Progress, cacheDir, findOnPath, repoRoot, runWatched, stderrProgress } from './cache';
import { cachedInstall } from './cached-install';

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
  const dir = path.join(cacheDir(), `schemathesis-${SCHEMATHESIS_VERSION}-${digest}`);
  await cachedInstall({
    dir,
    marker: 'bin/python',
    name: `Schemathesis ${SCHEMATHESIS_VERSION} (from PyPI)`,
    progress,
    build: async (staging) => {
      const python3 = findOnPath('python3');
      if (!python3) throw new Error('Schemathesis needs Python 3.10 or later: install it (e.g. apt-get install python3 python3-venv)');
      await runWatched(python3, ['-m', 'venv', staging], { label: 'creating a Python virtual environment', progress }).catch((err: Error) => {
        throw new Error(`${err.message}\n(on Debian, install python3-venv)`);
      });
      await runWatched(path.join(staging, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', requirements], {
        label: `installing Schemathesis ${SCHEMATHESIS_VERSION} from PyPI`,
        progress,
        classify: (line) => (line.startsWith('Collecting ') ? 'packages collected' : undefined),
      });
    },
  });
  return [path.join(dir, 'bin', 'python'), '-m', 'schemathesis.cli'];
}
