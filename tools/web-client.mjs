// Generates the web application's typed API client (apps/web/src/api/schema.d.ts) from the
// OpenAPI document the API serves; `--check` fails when the committed client is out of date.
// Needs the compiled API (`npm run build`), which prints the document without connecting anywhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const target = path.join(root, 'apps/web/src/api/schema.d.ts');
const check = process.argv.includes('--check');
const require = createRequire(import.meta.url);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pennant-client-'));
try {
  const document = execFileSync(process.execPath, [path.join(root, 'dist/tools/openapi.js')], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const spec = path.join(tmp, 'openapi.json');
  writeFileSync(spec, document);
  const generated = path.join(tmp, 'schema.d.ts');
  const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');
  execFileSync(process.execPath, [cli, spec, '-o', generated, '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(generated, 'utf8');
  if (check) {
    if (readFileSync(target, 'utf8') !== fresh) {
      console.error('web-client: apps/web/src/api/schema.d.ts is out of date with the API: run `npm run web:client` and commit it');
      process.exit(1);
    }
    console.error('web-client: the generated client matches the OpenAPI document');
  } else {
    writeFileSync(target, fresh);
    console.error(`web-client: wrote ${path.relative(root, target)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
