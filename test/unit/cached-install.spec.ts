import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedInstall, goInstallLine, runWatched } from '../../libs/local-infra/src';

/** Polls a condition the code under test brings about (not a stand-in for time passing). */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open: () => open() };
}

describe('installing a tool into the cache', () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(path.join(os.tmpdir(), 'pennant-cache-test-'));
  });
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  const fast = { staleMs: 5_000, pollMs: 10, waitNoticeMs: 60_000 };

  it('builds once when two installs run at the same time; the other waits, saying so, and nobody sees a half-built tool', async () => {
    const dir = path.join(cache, 'tool-1.0');
    const halfway = gate();
    const finish = gate();
    let builds = 0;
    const build = async (staging: string) => {
      builds++;
      writeFileSync(path.join(staging, 'part-1'), 'first half');
      halfway.open();
      await finish.opened;
      writeFileSync(path.join(staging, 'tool'), 'the tool');
    };
    const lines: string[][] = [[], []];
    const installs = lines.map((said) => cachedInstall({ dir, marker: 'tool', name: 'the fake tool', build, progress: (m) => said.push(m), lock: fast }));

    await halfway.opened;
    await until(() => lines.some((said) => said.some((m) => m.startsWith('waiting for another process that is installing the fake tool'))), 'the second install waits');
    // Mid-build, the tool's folder does not exist yet: only the staging folder does.
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(cache).sort()).toEqual([`tool-1.0.lock`, `tool-1.0.partial-${process.pid}`]);

    finish.open();
    await expect(Promise.all(installs)).resolves.toEqual([dir, dir]);
    expect(builds).toBe(1);
    expect(readFileSync(path.join(dir, 'tool'), 'utf8')).toBe('the tool');
    expect(readFileSync(path.join(dir, 'part-1'), 'utf8')).toBe('first half');
    expect(readdirSync(cache)).toEqual(['tool-1.0']);
    const waiter = lines.find((said) => said.some((m) => m.startsWith('waiting')))!;
    expect(waiter.at(-1)).toBe(`the fake tool was installed by another process: ${dir}`);

    // A later install finds it at once.
    await expect(cachedInstall({ dir, marker: 'tool', name: 'the fake tool', build, lock: fast })).resolves.toBe(dir);
    expect(builds).toBe(1);
  });

  it('takes over the lock of a process that died while installing, and clears its half-built folder', async () => {
    const dir = path.join(cache, 'tool-2.0');
    // A real process takes the lock, starts a staging folder and is killed before it can clean up.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const dir = ${JSON.stringify(dir)};
         require('proper-lockfile').lockSync(dir, { realpath: false });
         require('node:fs').mkdirSync(dir + '.partial-' + process.pid);
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: path.resolve(__dirname, '../..'), stdio: 'inherit' },
    );
    const signal = await new Promise((r) => child.once('exit', (_code, s) => r(s)));
    expect(signal).toBe('SIGKILL');
    expect(readdirSync(cache).sort()).toEqual(['tool-2.0.lock', `tool-2.0.partial-${child.pid}`]);
    // Its lock is no longer refreshed; move its clock back past the stale limit instead of waiting that long.
    const longAgo = new Date(Date.now() - 3600_000);
    utimesSync(`${dir}.lock`, longAgo, longAgo);

    let builds = 0;
    const said: string[] = [];
    const built = await cachedInstall({
      dir,
      marker: 'tool',
      name: 'the fake tool',
      build: async (staging) => {
        builds++;
        writeFileSync(path.join(staging, 'tool'), 'x');
      },
      progress: (m) => said.push(m),
      lock: fast,
    });
    expect(built).toBe(dir);
    expect(builds).toBe(1);
    expect(said.some((m) => m.startsWith('waiting'))).toBe(false);
    expect(readdirSync(cache)).toEqual(['tool-2.0']);
  });

  it('leaves nothing behind when the build fails, so the next start builds again; and replaces an incomplete folder from before', async () => {
    const dir = path.join(cache, 'tool-3.0');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'leftover'), 'from an interrupted install of old');
    const failing = cachedInstall({
      dir,
      marker: 'tool',
      name: 'the fake tool',
      build: async (staging) => {
        writeFileSync(path.join(staging, 'part'), 'x');
        throw new Error('go: network unreachable');
      },
      progress: () => undefined,
      lock: fast,
    });
    await expect(failing).rejects.toThrow('go: network unreachable');
    expect(readdirSync(cache)).toEqual(['tool-3.0']);

    await cachedInstall({ dir, marker: 'tool', name: 'the fake tool', build: async (s) => writeFileSync(path.join(s, 'tool'), 'x'), progress: () => undefined, lock: fast });
    expect(readdirSync(dir)).toEqual(['tool']);
  });
});

describe('running a long build', () => {
  it('prints the time so far and what the output reports, not the output itself', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-watch-test-'));
    const proceed = path.join(dir, 'proceed');
    const said: string[] = [];
    try {
      const script = `echo 'go: downloading github.com/temporalio/cli v1.5.1' >&2; echo internal/abi >&2; echo github.com/temporalio/cli/temporalcli >&2;
                      while [ ! -e '${proceed}' ]; do sleep 0.01; done`;
      const running = runWatched('sh', ['-c', script], { label: 'building the fake tool', progress: (m) => said.push(m), intervalMs: 20, classify: goInstallLine });
      await until(() => said.some((m) => m.includes('packages compiled')), 'a progress line with the counts');
      writeFileSync(proceed, '');
      await running;
      expect(said.find((m) => m.includes('packages compiled'))).toMatch(
        /^still building the fake tool \(\d+ min \d+ s\): 1 modules downloaded, 2 packages compiled; latest github\.com\/temporalio\/cli\/temporalcli$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the last lines of the output', async () => {
    await expect(runWatched('sh', ['-c', 'echo compiling; echo "undefined: foo" >&2; exit 3'], { label: 'x', progress: () => undefined })).rejects.toThrow(
      /failed \(exit 3\); its last output:\ncompiling\nundefined: foo/,
    );
  });
});
