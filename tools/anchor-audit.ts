// `npm run audit:anchor`: signs the audit chain's head now and appends it to AUDIT_ANCHOR_FILE (the worker also does so periodically).
import { ConfigError, loadAnchorToolConfig } from '../libs/config/src';
import { anchorAuditHead, auditSigningKey, createDataSource } from '../libs/persistence/src';

async function main(): Promise<void> {
  const config = loadAnchorToolConfig();
  const ds = createDataSource({ url: config.DATABASE_URL, poolSize: 1, applicationName: 'pennant-audit-anchor' });
  await ds.initialize();
  try {
    const anchor = await anchorAuditHead(ds, config.AUDIT_ANCHOR_FILE, auditSigningKey(config.AUDIT_ANCHOR_KEY));
    console.log(`anchored seq ${anchor.seq} (hash ${anchor.hash.slice(0, 16)}…) at ${anchor.at} in ${config.AUDIT_ANCHOR_FILE}`);
  } finally {
    await ds.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
