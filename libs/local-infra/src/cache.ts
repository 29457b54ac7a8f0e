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

/** Runs a command to completion; its output goes to our stderr so progress shows. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
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
