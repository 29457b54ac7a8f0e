// `npm run chaos [-- --nominations N --concurrency C --worker-kills K --db-restarts R --db-down-ms MS]`
import { parseArgs } from 'node:util';
import { runChaos } from './run';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      nominations: { type: 'string', default: '120' },
      concurrency: { type: 'string', default: '8' },
      'worker-kills': { type: 'string', default: '2' },
      'db-restarts': { type: 'string', default: '2' },
      'db-down-ms': { type: 'string', default: '3000' },
    },
  });
  const say = (m: string) => process.stderr.write(`chaos: ${m}\n`);
  const report = await runChaos({
    nominations: Number(values.nominations),
    concurrency: Number(values.concurrency),
    workerKills: Number(values['worker-kills']),
    databaseRestarts: Number(values['db-restarts']),
    databaseDownMs: Number(values['db-down-ms']),
    say,
  });
  const line = (label: string, value: unknown) => console.log(`  ${label.padEnd(34)} ${String(value)}`);
  console.log('\nchaos run');
  line('nominations (submit + approve)', report.nominations);
  line('requests meant', report.requests);
  line('requests sent (with retries)', `${report.sends} (${report.retries} retries)`);
  line('faults', `${report.faults.workerKills} worker kills, ${report.faults.databaseRestarts} PostgreSQL restarts`);
  line('answers by status', Object.entries(report.byStatus).map(([s, n]) => `${s}: ${n}`).join(', '));
  line('accepted / refused / gave up', `${report.accepted} / ${report.refused} / ${report.gaveUp}`);
  for (const r of report.refusals) line('  refused', r);
  line('lost', report.lost);
  line('duplicated', report.duplicated);
  line('npm run audit:verify', report.audit.output.split('\n').at(-1));
  line('took', `${report.seconds} s`);
  console.log(report.ok ? '\nresult: every accepted request exists exactly once' : '\nresult: FAILED');
  console.log(JSON.stringify(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('chaos run failed:', err);
    process.exit(2);
  },
);
