import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDataSource } from '../libs/persistence/src';
import { BenchContext } from './harness/context';
import { seedPeople } from './harness/people';
import { buildReport, table, writeReport } from './harness/report';
import { startStack } from './harness/stack';
import { approval } from './scenarios/approval';
import { baseline } from './scenarios/baseline';
import { idle } from './scenarios/idle';
import { inbox } from './scenarios/inbox';
import { Nominations } from './scenarios/nominations';
import { simulation } from './scenarios/simulation';
import { submission } from './scenarios/submission';

const ROOT = path.resolve(__dirname, '../..');
const SCENARIOS = ['baseline', 'submission', 'approval', 'inbox', 'idle', 'simulation'] as const;
const USAGE = `usage: npm run bench [-- --quick] [--only ${SCENARIOS.join(',')}] [--sqlite-defaults] [--submission-rate <per second>] [--keyed]
  --submission-rate: the highest sustained submission rate of an earlier run, for --only inbox without the submission scenario
  --keyed: every POST and PUT carries an Idempotency-Key (what keeping first answers costs)`;

/**
 * `npm run bench`: every scenario in one run, against one Temporal dev server
 * and one PostgreSQL on this machine. Progress on stderr; the table on stdout;
 * the figures in bench/results/<timestamp>.json.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'sqlite-defaults': { type: 'boolean', default: false }, only: { type: 'string' }, 'submission-rate': { type: 'string' }, keyed: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  const only = values.only ? values.only.split(',') : [...SCENARIOS];
  const submissionRate = values['submission-rate'] === undefined ? undefined : Number(values['submission-rate']);
  if (values.help || only.some((s) => !(SCENARIOS as readonly string[]).includes(s)) || (submissionRate !== undefined && !(submissionRate > 0))) {
    console.error(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const say = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const startedAt = new Date();
  const sqliteDefaults = values['sqlite-defaults'];
  say(`${values.quick ? 'quick' : 'full'} run: ${only.join(', ')}${sqliteDefaults ? ' (dev server on SQLite defaults: the "before")' : ''}`);
  const stack = await startStack(say, { sqliteDefaults });
  // Interrupted: stop what the run started (servers, clusters, temporary files) before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
  const failures: Array<{ scenario: string; error: string }> = [];
  const ctx = new BenchContext(stack, values.quick, say, values.keyed);
  if (submissionRate !== undefined) ctx.maxRates.submission = submissionRate;
  const ds = createDataSource({ url: stack.databaseUrl, poolSize: 4, applicationName: 'pennant-bench' });
  try {
    await ds.initialize();
    const people = await seedPeople(ds, 1200);
    say(`seeded ${people.branches.length} branches, ${people.committees.length} committees; stack up in ${stack.dir}`);
    const nominations = new Nominations(ctx, people);
    const run: Record<(typeof SCENARIOS)[number], () => Promise<void>> = {
      baseline: () => baseline(ctx),
      submission: () => submission(ctx, nominations),
      approval: () => approval(ctx, ds, people, nominations),
      inbox: () => inbox(ctx, ds, people, nominations),
      idle: () => idle(ctx, ds, people),
      simulation: () => simulation(ctx),
    };
    for (const name of SCENARIOS) {
      if (!only.includes(name)) continue;
      try {
        await run[name]();
      } catch (err) {
        say(`${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
        failures.push({ scenario: name, error: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    await ds.destroy().catch(() => undefined);
    await stack.stop();
  }
  const report = buildReport(ctx, startedAt, failures, { sqliteDefaults, only, keyed: values.keyed });
  const file = writeReport(ROOT, report);
  console.log(table(report));
  console.log(`\n${path.relative(process.cwd(), file)}  (${report.seconds} s${failures.length ? `; FAILED: ${failures.map((f) => f.scenario).join(', ')}` : ''})`);
  if (failures.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
