// Builds the web application (apps/web) into dist/web with Vite and prints its size.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/web');

export async function buildWebApp() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'apps/web/vite.config.mts'), logLevel: 'warn' });
  let raw = 0;
  let gzip = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else {
        raw += statSync(file).size;
        if (/\.(js|css|html)$/.test(name)) gzip += gzipSync(readFileSync(file)).length;
        else gzip += statSync(file).size;
      }
    }
  };
  walk(outDir);
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.error(`pennant: web application in dist/web: ${kib(raw)} (${kib(gzip)} gzipped)`);
}
