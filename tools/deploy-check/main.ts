// `npm run deploy:check [deploy-dir]`: checks deploy/ offline (tools/deploy-check/check.ts) and lists every problem.
import path from 'node:path';
import { checkDeployDir } from './check';

const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '../../../deploy'));
const started = Date.now();
const problems = checkDeployDir(dir);
for (const p of problems) console.error(`deploy-check: ${p}`);
console.error(`deploy-check: ${problems.length} problem(s) in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(problems.length ? 1 : 0);
