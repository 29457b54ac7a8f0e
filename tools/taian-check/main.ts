// `npm run taian:check`: the document's rules checked from the tables alone, after a Tai'an year (`npm run simulate -- taian`).
// Exit 0: every rule holds; 1: some rule is broken; 2: not configured, not reachable, or a rule file is malformed.
import { Client } from 'pg';
import { runRuleFiles } from './rules';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL ?? process.env.DATABASE_OWNER_URL;
  if (!url) {
    console.error('taian:check needs DATABASE_URL (or DATABASE_OWNER_URL): the database of the campaign to check（未配置数据库）');
    return 2;
  }
  const client = new Client({ connectionString: url, application_name: 'pennant-taian-check' });
  await client.connect();
  try {
    const results = await runRuleFiles((sql) => client.query(sql));
    const width = Math.max(...results.map((r) => r.rule.length));
    for (const r of results) {
      const checked = r.checked === null ? '' : ` of ${r.checked} checked`;
      console.log(`${r.violations === 0 ? 'ok  ' : 'FAIL'} ${r.rule.padEnd(width)}  ${r.violations} violation${r.violations === 1 ? '' : 's'}${checked}  (${r.file})`);
    }
    const broken = results.filter((r) => r.violations > 0).length;
    console.log(broken ? `${broken} of ${results.length} rules broken（有${broken}条规则未满足）` : `all ${results.length} rules hold（全部规则均满足）`);
    return broken ? 1 : 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('taian:check could not run:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
