import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Heavy tool builds and downloads live here, never in the repository. */
export function cacheDir(): string {
  return process.env.PENNANT_CACHE ?? path.join(os.homedir(), '.cache', 'pennant');
}

export type Progress = (message: string) => void;
export const stderrProgress: Progress = (m) => process.stderr.write(`pennant: ${m}\n`);

export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface WatchedRunOptions {
  /** What the command does, for the progress lines ("building the Temporal CLI"). */
  label: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  progress?: Progress;
  /** How often a line of progress is printed while the command runs. */
  intervalMs?: number;
  /** Names what a line of the command's output reports ("packages compiled"), or undefined to leave it uncounted. */
  classify?: (line: string) => string | undefined;
}

const OUTPUT_TAIL_LINES = 40;

/**
 * Runs a long command to completion, printing one line every interval with
 * the time so far and what its output reports (counts by `classify`, and the
 * latest counted line) instead of the output itself; a failure carries the
 * last lines of the output.
 */
export function runWatched(command: string, args: string[], o: WatchedRunOptions): Promise<void> {
  const progress = o.progress ?? stderrProgress;
  const started = Date.now();
  const counts = new Map<string, number>();
  const tail: string[] = [];
  let latest = '';
  let partial = '';
  const take = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
      const kind = o.classify?.(line);
      if (kind) {
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        latest = line.trim();
      }
    }
  };
  const report = () => {
    const s = Math.round((Date.now() - started) / 1000);
    const what = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
    progress(`still ${o.label} (${Math.floor(s / 60)} min ${s % 60} s)${what ? `: ${what}` : ''}${latest ? `; latest ${latest}` : ''}`);
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: o.env ?? process.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setInterval(report, o.intervalMs ?? 20_000);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (partial) tail.push(partial);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); its last output:\n${tail.join('\n')}`));
    });
  });
}

/** The repository root, whether this runs from source or from dist/. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'tools', 'with-node24.sh'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no Pennant checkout above ${from}`);
    dir = parent;
  }
  return dir;
}
