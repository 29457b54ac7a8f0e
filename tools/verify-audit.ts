// Verifies the audit trail's hash chain: `npm run audit:verify` (uses DATABASE_URL).
import { createDataSource, verifyAuditChain } from '../libs/persistence/src';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    return 2;
  }
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'pennant-audit-verify' });
  await ds.initialize();
  try {
    const result = await verifyAuditChain(ds);
    if (!result.firstBroken) {
      console.log(`audit chain intact: ${result.rows} rows`);
      return 0;
    }
    const why = result.firstBroken.reason === 'modified' ? 'its content no longer matches its hash (the row was changed)' : 'it does not link to the row before it (a row was deleted, inserted or reordered)';
    console.log(`audit chain broken at seq ${result.firstBroken.seq}: ${why}; ${result.rows} rows checked`);
    return 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('audit verification failed:', err);
    process.exit(2);
  },
);
