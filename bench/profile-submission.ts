import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDataSource } from '../libs/persistence/src';
import { BenchContext } from './harness/context';
import { seedPeople } from './harness/people';
import { startStack } from './harness/stack';
import { Nominations } from './scenarios/nominations';

/**
 * CPU per submission, and where it goes: `npm run -s build && node dist/bench/profile-submission.js [--rate 10] [--seconds 30] [--warm 220] [--profile]`.
 * One stack as the bench starts it; submissions at one fixed rate; the CPU each
 * process (and each of its threads, by name) used during the step, divided by
 * the submissions sent. Figures that hold on a busy machine, unlike rates.
 * --profile: the worker and the API (every Node child) run with --cpu-prof;
 * the profiles are written when the stack stops, and the step's window on
 * their clock (µs of CLOCK_MONOTONIC) is printed for tools/cpuprofile-summary.mjs --from/--to.
 */
const ROOT = path.resolve(__dirname, '../..');

function threadTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const raw = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = raw.lastIndexOf(')');
      const comm = raw.slice(raw.indexOf('(') + 1, close).replace(/\d+$/, '#');
      const f = raw.slice(close + 2).split(' ');
      out.set(`${comm} ${tid}`, Number(f[11]) + Number(f[12]));
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** CPU ms by thread name (threads of one name summed), between two readings; threads that ended in between are lost (the process total keeps them). */
function threadsBetween(a: Map<string, number>, b: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of b) {
    const name = k.replace(/ \d+$/, '');
    out[name] = (out[name] ?? 0) + (v - (a.get(k) ?? 0)) * 10;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '10' }, seconds: { type: 'string', default: '30' }, warm: { type: 'string', default: '220' }, profile: { type: 'boolean', default: false }, label: { type: 'string', default: '' } } });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const say = (m: string) => process.stderr.write(`profile: ${m}\n`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profileDir = path.join(ROOT, 'bench/results', `profile-${stamp}${values.label ? `-${values.label}` : ''}`);
  mkdirSync(profileDir, { recursive: true });
  if (values.profile) {
    // Only the children see this: the driver is already running.
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim();
  }
  const stack = await startStack(say, {});
  const ds = createDataSource({ url: stack.databaseUrl, poolSize: 4, applicationName: 'pennant-bench' });
  try {
    await ds.initialize();
    const people = await seedPeople(ds, 1200);
    const ctx = new BenchContext(stack, true, say, false);
    const nominations = new Nominations(ctx, people);
    // Enough to fill the worker's workflow cache (200 by default), so the step runs with evictions as a long run does.
    const warm = Number(values.warm);
    say(`warming up with ${warm} submissions`);
    for (let i = 0; i < warm; i += 8) await Promise.all(Array.from({ length: Math.min(8, warm - i) }, () => nominations.submit()));
    await new Promise((r) => setTimeout(r, 2000));
    const pids = stack.pids();
    const before = new Map([...pids].map(([n, pid]) => [n, threadTicks(pid)]));
    const from = process.hrtime.bigint() / 1000n;
    const { record } = await ctx.step('submission', 'fixed rate', rate, seconds, async (_i, mark) => {
      await nominations.submit(mark);
    });
    const to = process.hrtime.bigint() / 1000n;
    const threads = Object.fromEntries([...pids].filter(([n]) => n === 'worker' || n === 'api').map(([n, pid]) => [n, threadsBetween(before.get(n)!, threadTicks(pid))]));
    const sent = record.sent!;
    const perSubmission = Object.fromEntries(Object.entries(record.resources.cpuPercent).map(([g, pct]) => [g, Math.round(((pct / 100) * record.resources.seconds * 1000) / sent * 10) / 10]));
    const perThread = Object.fromEntries(Object.entries(threads).map(([n, t]) => [n, Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round((v / sent) * 10) / 10]))]));
    const out = { label: values.label, rate, seconds, sent, errors: record.errors, latencyMs: record.latencyMs, resources: record.resources, cpuMsPerSubmission: perSubmission, threadCpuMsPerSubmission: perThread, window: { fromUs: String(from), toUs: String(to) }, profileDir };
    writeFileSync(path.join(profileDir, 'summary.json'), JSON.stringify(out, null, 2));
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await ds.destroy().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
