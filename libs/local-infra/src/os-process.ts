import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { waitFor } from './ports';

export interface OsProcess {
  name: string;
  pid: number;
  /** null while it runs. */
  readonly exitCode: number | null;
  exited: Promise<number | null>;
  /** Signals it and waits for it to end; SIGTERM turns into SIGKILL after graceMs. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface OsProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Output is appended here. */
  logFile: string;
  /** Its own session, not a child that dies with this process: it outlives `npm run cluster up`. */
  detached?: boolean;
}

/** Starts a program whose output goes straight into its log file (no pipe through this process, which may leave). */
export function startOsProcess(name: string, command: string, args: string[], o: OsProcessOptions): OsProcess {
  const fd = openSync(o.logFile, 'a');
  const child = spawn(command, args, { env: o.env, stdio: ['ignore', fd, fd], detached: o.detached ?? false });
  closeSync(fd);
  if (o.detached) child.unref();
  let exitCode: number | null = null;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : -1);
      resolve(exitCode);
    });
    child.once('error', () => {
      exitCode = -1;
      resolve(-1);
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  return {
    name,
    pid: child.pid,
    get exitCode() {
      return exitCode;
    },
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) {
      if (exitCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** True while a process with this pid runs this program (a recycled pid running something else is not it). */
export function pidRuns(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((part) => part.includes(program));
  } catch {
    return false;
  }
}

/** Stops a process this one did not start (recorded by pid): `signal`, then SIGKILL after graceMs. */
export async function stopPid(pid: number, program: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<boolean> {
  if (!pidRuns(pid, program)) return false;
  process.kill(pid, signal);
  try {
    await waitFor(`pid ${pid} to stop`, async () => !pidRuns(pid, program), graceMs, 100);
  } catch {
    process.kill(pid, 'SIGKILL');
    await waitFor(`pid ${pid} to die`, async () => !pidRuns(pid, program), 10_000, 100);
  }
  return true;
}
