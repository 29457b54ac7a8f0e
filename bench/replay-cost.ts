import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { activationLimit } from '../apps/worker/src/worker';

/**
 * The workflow thread's cost of one workflow, without a server: a recorded
 * history replayed N times, each under its own workflow id (so each one is a
 * new workflow in the worker's reused V8 context: the bundle's modules
 * instantiated, then every activation). CPU per replay, by thread.
 *   node dist/bench/replay-cost.js [--bundle dist/workflow-bundle.js] [--history test/replay/histories/….json] [--n 300] [--events 8]
 * As the worker runs workflows: no activation time limit (no watchdog thread per entry into the sandbox).
 * --events: replay only the first events (8: the first workflow task of a submission and its markers).
 */
const ROOT = path.resolve(__dirname, '../..');

function threadMs(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync('/proc/self/task')) {
    const raw = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const close = raw.lastIndexOf(')');
    const comm = raw.slice(raw.indexOf('(') + 1, close).replace(/\d+$/, '#');
    const f = raw.slice(close + 2).split(' ');
    out[comm] = (out[comm] ?? 0) + (Number(f[11]) + Number(f[12])) * 10;
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bundle: { type: 'string', default: path.join(ROOT, 'dist/workflow-bundle.js') },
      history: { type: 'string', default: path.join(ROOT, 'test/replay/histories/nominationReview.local-writes.return-resubmit-approve.json') },
      n: { type: 'string', default: '300' },
      events: { type: 'string' },
    },
  });
  const raw = JSON.parse(readFileSync(values.history, 'utf8'));
  if (values.events) raw.events = raw.events.slice(0, Number(values.events));
  const history = historyFromJSON(raw);
  const n = Number(values.n);
  const warm = 30; // JIT, and the bundle loaded once
  const histories = (async function* () {
    for (let i = 0; i < warm + n; i++) yield { workflowId: `replay-${i}`, history };
  })();
  let failed = 0;
  let seen = 0;
  let before = threadMs();
  let t0 = performance.now();
  for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: values.bundle }, ...activationLimit(0) }, histories)) {
    if (r.error) failed++;
    if (++seen === warm) {
      before = threadMs();
      t0 = performance.now();
    }
  }
  const wall = performance.now() - t0;
  const after = threadMs();
  const per: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = Math.round(((v - (before[k] ?? 0)) / n) * 100) / 100;
    if (d > 0) per[k] = d;
  }
  const total = Object.values(per).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ bundle: values.bundle, history: path.basename(values.history), events: raw.events.length, n, failed, wallMsPerReplay: Math.round((wall / n) * 100) / 100, cpuMsPerReplay: Math.round(total * 100) / 100, byThread: per }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
