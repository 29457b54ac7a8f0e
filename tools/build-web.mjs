// Builds the web application (apps/web) into dist/web with Vite and prints its size:
// all of it, and what the first screen loads (the files index.html names).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/web');

function sizes(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += /\.(js|css|html|svg)$/.test(file) ? gzipSync(bytes).length : bytes.length;
  }
  return { raw, gzip };
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}

export async function buildWebApp() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'apps/web/vite.config.mts'), logLevel: 'warn' });
  const index = path.join(outDir, 'index.html');
  const named = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/app\/([^"]+)"/g)].map((m) => path.join(outDir, m[1]));
  const kib = ({ raw, gzip }) => `${(raw / 1024).toFixed(0)} KiB (${(gzip / 1024).toFixed(0)} KiB gzipped)`;
  console.error(`pennant: web application in dist/web: ${kib(sizes(walk(outDir)))}; the first screen loads ${kib(sizes([index, ...named]))}`);
}
