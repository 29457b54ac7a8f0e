// Compiles the TypeScript and prebuilds the workflow bundle; fails loudly if either fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const started = Date.now();
console.error('pennant: compiling TypeScript…');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

console.error('pennant: bundling workflows…');
const { bundleWorkflowCode } = require('@temporalio/worker');
const { code } = await bundleWorkflowCode({
  workflowsPath: path.join(root, 'dist/workflows/index.js'),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
});
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist/workflow-bundle.js'), code);
console.error('pennant: building the web application…');
const { buildWebApp } = await import('./build-web.mjs');
await buildWebApp();
console.error(`pennant: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
