// `npm run deploy:check [deploy-dir]`: checks deploy/ (or a copy of it) offline (tools/deploy-check/check.ts) and
// lists every problem; exits 1 when there is one.
import path from 'node:path';
import { checkDeployDir } from './check';

/** The repository this tool was built from (dist/tools/deploy-check/ → the root): where libs/config lives. */
const repoRoot = path.resolve(__dirname, '../../..');
const dir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'deploy'));
const started = Date.now();
const problems = checkDeployDir(dir, repoRoot);
for (const p of problems) console.error(`deploy-check: ${p}`);
console.error(`deploy-check: ${problems.length} problem(s) in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(problems.length ? 1 : 0);
