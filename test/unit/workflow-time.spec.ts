import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/**
 * Every time an activity writes is the workflow's, handed in (README "Time:
 * the workflow's clock everywhere"): an activity reading a clock of its own —
 * the machine's or the database's — would stamp a simulated year with today.
 */
describe("activities write the workflow's time, never their own clock", () => {
  it('no activity reads the clock (Date.now(), new Date() or SQL now())', () => {
    const offending = sources('activities').flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.trim() }))
        .filter(({ line }) => /\bnow\(\)|new Date\(\)|Date\.now\(\)|CURRENT_TIMESTAMP|clock_timestamp\(\)/i.test(line)),
    );
    expect(offending).toEqual([]);
  });
});
