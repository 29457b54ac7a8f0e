import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDataSource } from '../libs/persistence/src';
import { BenchContext } from './harness/context';
import { seedPeople } from './harness/people';
import { buildReport, table, writeReport } from './harness/report';
import { type StackOptions, startStack } from './harness/stack';
import { approval } from './scenarios/approval';
import { baseline } from './scenarios/baseline';
import { idle } from './scenarios/idle';
import { inbox } from './scenarios/inbox';
import { Nominations } from './scenarios/nominations';
import { simulation } from './scenarios/simulation';
import { submission } from './scenarios/submission';

const ROOT = path.resolve(__dirname, '../..');
const SCENARIOS = ['baseline', 'submission', 'approval', 'inbox', 'idle', 'simulation'] as const;
const USAGE = `usage: npm run bench [-- --quick] [--only ${SCENARIOS.join(',')}] [--sqlite-defaults] [--submission-rate <per second>] [--keyed] [--cluster]
  --cluster: baseline and submission on the dev server, then on a Temporal cluster (separate processes, two history nodes) with one and with two workers, in one report
  --submission-rate: the highest sustained submission rate of an earlier run, for --only inbox without the submission scenario
  --keyed: every POST and PUT carries an Idempotency-Key (what keeping first answers costs)`;

/**
 * `npm run bench`: every scenario in one run, against one Temporal dev server
 * and one PostgreSQL on this machine. Progress on stderr; the table on stdout;
 * the figures in bench/results/<timestamp>.json.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'sqlite-defaults': { type: 'boolean', default: false }, only: { type: 'string' }, 'submission-rate': { type: 'string' }, keyed: { type: 'boolean', default: false }, cluster: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  const clusterRun = values.cluster;
  const only = values.only ? values.only.split(',') : clusterRun ? ['baseline', 'submission'] : [...SCENARIOS];
  const submissionRate = values['submission-rate'] === undefined ? undefined : Number(values['submission-rate']);
  if (values.help || only.some((s) => !(SCENARIOS as readonly string[]).includes(s)) || (submissionRate !== undefined && !(submissionRate > 0))) {
    console.error(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const say = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const startedAt = new Date();
  const sqliteDefaults = values['sqlite-defaults'];
  say(`${values.quick ? 'quick' : 'full'} run: ${only.join(', ')}${sqliteDefaults ? ' (dev server on SQLite defaults: the "before")' : ''}${clusterRun ? ' on the dev server and on a Temporal cluster with one and two workers' : ''}`);
  // Each setup on a fresh stack, one after the other: the figures of one never share the machine with another's.
  const setups: Array<{ label?: string; stack: StackOptions }> = clusterRun
    ? [
        { label: 'dev server, 1 worker', stack: { temporal: 'dev', workers: 1, sqliteDefaults } },
        { label: 'cluster, 1 worker', stack: { temporal: 'cluster', workers: 1 } },
        { label: 'cluster, 2 workers', stack: { temporal: 'cluster', workers: 2 } },
      ]
    : [{ stack: { sqliteDefaults } }];
  let report: ReturnType<typeof buildReport> | undefined;
  const failures: Array<{ scenario: string; error: string }> = [];
  for (const setup of setups) {
    if (setup.label) say(`— ${setup.label} —`);
    const label = (name: string) => (setup.label ? `${name} (${setup.label})` : name);
    let outcome: Awaited<ReturnType<typeof runSetup>>;
    try {
      outcome = await runSetup(setup.stack, only, values.quick, values.keyed, submissionRate, say);
    } catch (err) {
      // The stack did not start: this setup's scenarios did not run; the next setup still does.
      say(`${setup.label ?? 'stack'} did not start: ${err instanceof Error ? err.stack : String(err)}`);
      failures.push(...only.map((scenario) => ({ scenario: label(scenario), error: `stack did not start: ${err instanceof Error ? err.message : String(err)}` })));
      continue;
    }
    const { ctx, failed, completed } = outcome;
    failures.push(...failed.map((f) => ({ ...f, scenario: label(f.scenario) })));
    const part = buildReport(ctx, startedAt, completed.map(label), [], { sqliteDefaults, only, keyed: values.keyed, cluster: clusterRun });
    for (const f of part.scenarios) f.name = label(f.name);
    for (const st of part.steps) st.scenario = label(st.scenario);
    for (const t of part.timelines) t.what = label(t.what);
    part.setupErrors = Object.fromEntries(Object.entries(part.setupErrors).map(([what, n]) => [label(what), n]));
    if (!report) {
      report = part;
      if (setup.label) report.ratios = { submissionVsBaseline: part.ratios.submissionVsBaseline, [label('submissionVsBaseline')]: part.ratios.submissionVsBaseline ?? Number.NaN };
    } else {
      report.scenarios.push(...part.scenarios);
      report.steps.push(...part.steps);
      report.timelines.push(...part.timelines);
      report.completed.push(...part.completed);
      Object.assign(report.setupErrors, part.setupErrors);
      report.ratios[label('submissionVsBaseline')] = part.ratios.submissionVsBaseline ?? Number.NaN;
    }
  }
  if (!report) {
    console.error(`no stack started: ${failures.map((f) => f.error).join('; ')}`);
    process.exitCode = 1;
    return;
  }
  report.failures = failures;
  report.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const file = writeReport(ROOT, report);
  console.log(table(report));
  console.log(`\n${path.relative(process.cwd(), file)}  (${report.seconds} s${failures.length ? `; FAILED: ${failures.map((f) => f.scenario).join(', ')}` : ''})`);
  if (failures.length) process.exitCode = 1;
}

/** One stack, the chosen scenarios in order; a scenario that fails is recorded and the next one runs. */
async function runSetup(stackOptions: StackOptions, only: string[], quick: boolean, keyed: boolean, submissionRate: number | undefined, say: (m: string) => void) {
  // Interrupted, even while the stack is still starting: stop what the run started (servers, clusters, temporary files) before leaving.
  let stopStack: () => Promise<void> = async () => undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping`);
    void stopStack().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let stack: Awaited<ReturnType<typeof startStack>>;
  try {
    stack = await startStack(say, { ...stackOptions, onStop: (stop) => (stopStack = stop) });
  } catch (err) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    throw err;
  }
  const failed: Array<{ scenario: string; error: string }> = [];
  const completed: string[] = [];
  const ctx = new BenchContext(stack, quick, say, keyed);
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
        completed.push(name);
      } catch (err) {
        say(`${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
        failed.push({ scenario: name, error: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await ds.destroy().catch(() => undefined);
    await stack.stop();
  }
  return { ctx, failed, completed };
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
