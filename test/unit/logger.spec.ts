import { spawnSync } from 'node:child_process';
import path from 'node:path';

const LOGGER = path.resolve(__dirname, '../../libs/config/src/logger.ts');

/** A process that logs `lines` lines, then a fatal one, then exits at once with code 1, as main() does when it fails. */
function logThenExit(lines: number): { status: number | null; out: string[] } {
  const script = `
    import { createLogger } from ${JSON.stringify(LOGGER)};
    const log = createLogger('logger-test', 'info');
    for (let i = 0; i < ${lines}; i++) log.info({ i }, 'line');
    log.fatal('last words');
    process.exit(1);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, out: run.stdout.split('\n').filter(Boolean) };
}

describe('createLogger (written asynchronously)', () => {
  it('loses no line when the process exits right after logging, the fatal line included', () => {
    const { status, out } = logThenExit(5000);
    expect(status).toBe(1);
    expect(out).toHaveLength(5001);
    const parsed = out.map((l) => JSON.parse(l) as { i?: number; msg: string; level: number; service: string });
    expect(parsed.slice(0, 5000).map((l) => l.i)).toEqual([...Array(5000).keys()]);
    expect(parsed.at(-1)).toMatchObject({ msg: 'last words', level: 60, service: 'logger-test' });
  });
});
