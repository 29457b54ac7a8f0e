import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useSystem } from '../support/system';

/** The README's "Try it" block, exactly as written there, run twice by bash against the started system. */
describe("the README's Try it block", () => {
  const system = useSystem();

  function tryItBlock(): string {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Try it'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
    if (!block) throw new Error('README has no sh block under "## Try it"');
    return block;
  }

  const run = (script: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('bash', ['-e', '-o', 'pipefail', '-c', script], { env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it('runs as pasted, ends with the opinions, and runs again without failing', async () => {
    // Only the address differs from what a reader pastes: the test system listens on a port of its own.
    const block = tryItBlock();
    expect(block).toContain('B=http://127.0.0.1:3000');
    const script = block.replace('B=http://127.0.0.1:3000', `B=${system.sys().baseUrl}`);
    for (const round of [1, 2]) {
      const { code, stdout, stderr } = await run(script);
      expect({ round, code, stderr }).toEqual({ round, code: 0, stderr: '' });
      expect(stdout).toMatch(/^nomination [0-9a-f-]{36}, review task [0-9a-f-]{36}$/m);
      expect(stdout).toContain('approved');
      const steps = JSON.parse(stdout.slice(stdout.indexOf('[')));
      expect(steps.map((s: { action: string; opinion: string }) => [s.action, s.opinion])).toEqual([
        ['submitted', ''],
        ['approve', '经党委集体研究，同意推荐'],
      ]);
    }
  });
});
