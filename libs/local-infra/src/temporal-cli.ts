import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Progress, cacheDir, findOnPath, runWatched, stderrProgress } from './cache';
import { cachedInstall } from './cached-install';

/** Later tags carry a `replace` directive that `go install` refuses. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** What a line of `go install -v` reports: a module fetched, or a package compiled (its import path alone). */
export function goInstallLine(line: string): string | undefined {
  if (line.startsWith('go: downloading ')) return 'modules downloaded';
  if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line.trim()) && line.trim().length > 0) return 'packages compiled';
  return undefined;
}

/**
 * Finds the Temporal CLI for the dev server: TEMPORAL_CLI_PATH, a `temporal` on
 * PATH, an earlier build in the cache, or a fresh `go install` into the cache
 * (once per machine, however many processes ask at the same time).
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
  await cachedInstall({
    dir: binDir,
    marker: 'temporal',
    name: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`,
    progress,
    build: async (staging) => {
      progress(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install, once per machine: about 3 minutes on an idle machine, 10 or more on a slow or busy one…`);
      await runWatched(go, ['install', '-v', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
        label: 'building the Temporal CLI',
        env: { ...process.env, GOBIN: staging },
        progress,
        classify: goInstallLine,
      });
    },
  });
  return cached;
}

/**
 * The dev server keeps its history in SQLite. Its default rollback journal
 * with a full sync on every commit serialises the whole server behind the
 * disk (bench/README.md: 20 workflows/s → 60 with these). Write-ahead logging
 * with NORMAL sync stays consistent after a crash of any process; only an
 * operating-system crash may lose the last commits — acceptable for the
 * single-machine default, which production replaces with a Temporal cluster.
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

export interface DevServerOptions {
  port: number;
  /** The Web UI's port; none runs it headless. */
  uiPort?: number;
  dbFile: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Leave SQLite on its defaults (the benchmark's "before"). */
  sqliteDefaults?: boolean;
}

/** `temporal server start-dev …` for one machine: loopback only, history in a file. */
export function devServerArgs(o: DevServerOptions): string[] {
  return [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(o.port),
    ...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']),
    '--db-filename', o.dbFile,
    '--log-level', o.logLevel ?? 'warn',
    ...(o.sqliteDefaults ? [] : DEV_SERVER_SQLITE_PRAGMAS),
  ];
}
