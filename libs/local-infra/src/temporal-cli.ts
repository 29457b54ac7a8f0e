import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Progress, cacheDir, findOnPath, run, stderrProgress } from './cache';

/** Later tags carry a `replace` directive that `go install` refuses. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/**
 * Finds the Temporal CLI for the dev server: TEMPORAL_CLI_PATH, a `temporal` on
 * PATH, an earlier build in the cache, or a fresh `go install` into the cache.
 * Returns undefined where there is no Go either: the caller then lets the SDK
 * download the dev server itself (which needs the internet).
 */
export async function ensureTemporalCli(progress: Progress = stderrProgress): Promise<string | undefined> {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH points to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  const binDir = path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  const cached = path.join(binDir, 'temporal');
  if (existsSync(cached)) return cached;

  const go = findOnPath('go');
  if (!go) return undefined;
  mkdirSync(binDir, { recursive: true });
  progress(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (one time, about 3 minutes)…`);
  const started = Date.now();
  await run(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], { ...process.env, GOBIN: binDir });
  progress(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${cached}`);
  return cached;
}
