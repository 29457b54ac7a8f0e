import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { lock } from 'proper-lockfile';
import { type Progress, stderrProgress } from './cache';

export interface CachedInstallOptions {
  /** The finished tool's folder in the cache. */
  dir: string;
  /** A file (relative to dir) that only a finished install has. */
  marker: string;
  /** What is installed, for progress lines ("the Temporal CLI v1.5.1"). */
  name: string;
  /** Fills `staging`, an empty folder that becomes `dir` once this resolves. */
  build: (staging: string) => Promise<void>;
  progress?: Progress;
  /** The lock's timing; tests shorten it. */
  lock?: { staleMs?: number; pollMs?: number; waitNoticeMs?: number };
}

const STALE_MS = 30_000;
const POLL_MS = 1_000;
const WAIT_NOTICE_MS = 30_000;

const elapsed = (since: number) => {
  const s = Math.round((Date.now() - since) / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Half-built folders of processes that died mid-build (`<dir>.partial-<pid>`). */
function removeDeadPartials(dir: string): void {
  const prefix = `${path.basename(dir)}.partial-`;
  for (const entry of readdirSync(path.dirname(dir))) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(path.join(path.dirname(dir), entry), { recursive: true, force: true });
  }
}

/**
 * Installs a tool into the cache once, however many processes ask at the same
 * time: one builds under a lock (`<dir>.lock`, taken over when its holder has
 * died), into `<dir>.partial-<pid>`, and renames it into place when complete;
 * the others wait for the lock, saying so, and then find the finished tool.
 * Nobody ever sees a half-built `dir`. Returns `dir`.
 */
export async function cachedInstall(o: CachedInstallOptions): Promise<string> {
  const ready = () => existsSync(path.join(o.dir, o.marker));
  if (ready()) return o.dir;

  const progress = o.progress ?? stderrProgress;
  const staleMs = o.lock?.staleMs ?? STALE_MS;
  const pollMs = o.lock?.pollMs ?? POLL_MS;
  const noticeMs = o.lock?.waitNoticeMs ?? WAIT_NOTICE_MS;
  mkdirSync(path.dirname(o.dir), { recursive: true });

  let release: (() => Promise<void>) | undefined;
  const waitStarted = Date.now();
  let lastNotice = 0;
  while (!release) {
    try {
      // The lock's mtime is refreshed while held; one not refreshed for staleMs belongs to a dead process and is taken over.
      // A lost lock (this process stalled past staleMs) is not fatal: the rename below copes with a rival install.
      release = await lock(o.dir, { realpath: false, stale: staleMs, onCompromised: () => undefined });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (!lastNotice) progress(`waiting for another process that is installing ${o.name} (lock ${o.dir}.lock)…`);
      else if (Date.now() - lastNotice >= noticeMs) progress(`still waiting for the other install of ${o.name} (${elapsed(waitStarted)})…`);
      if (!lastNotice || Date.now() - lastNotice >= noticeMs) lastNotice = Date.now();
      await delay(pollMs);
    }
  }

  try {
    if (ready()) {
      progress(`${o.name} was installed by another process: ${o.dir}`);
      return o.dir;
    }
    removeDeadPartials(o.dir);
    const staging = `${o.dir}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const started = Date.now();
    try {
      await o.build(staging);
      if (!existsSync(path.join(staging, o.marker))) throw new Error(`installing ${o.name} left no ${o.marker}`);
      // An install interrupted before installs were staged may have left an incomplete dir.
      if (!ready()) rmSync(o.dir, { recursive: true, force: true });
      try {
        renameSync(staging, o.dir);
      } catch (err) {
        // Only when this process stalled so long that its lock was taken over: the other install won.
        if (!ready()) throw err;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    progress(`${o.name} installed in ${elapsed(started)}: ${o.dir}`);
    return o.dir;
  } finally {
    await release().catch(() => undefined);
  }
}
