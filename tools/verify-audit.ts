// `npm run audit:verify`: checks the audit trail against its signatures and the anchors kept outside the database.
// Exit 0: whole; 1: broken (the seq and the reason are printed); 2: not configured or not reachable.
import { existsSync } from 'node:fs';
import { ConfigError, loadVerifyToolConfig } from '../libs/config/src';
import { type AuditBreak, auditPublicKeys, createDataSource, publicKeyText, readAnchorFile, verifyAuditChain } from '../libs/persistence/src';

const REASONS: Record<AuditBreak, string> = {
  modified: 'its content no longer matches its hash: the row was changed（该条内容被改动）',
  link_broken: 'it does not link to the row before it: a row was deleted, inserted or reordered（其前的记录被删除、插入或调换）',
  unsigned: 'it carries no signature: the row was inserted without the application key（该条不是应用写入的）',
  bad_signature: 'its signature does not verify: the row was forged or the chain recomputed（签名不符，记录被伪造或哈希链被重算）',
  anchor_mismatch: 'its hash differs from the anchored one: the chain was recomputed（与锚定的哈希不符，哈希链被重算）',
  anchored_row_missing: 'this anchored row is gone: the tail was deleted or the table truncated（已锚定的记录不见了，尾部被删除或整表被清空）',
};

async function main(): Promise<number> {
  const config = loadVerifyToolConfig();
  const rowKeys = auditPublicKeys(config.AUDIT_ROW_PUBLIC_KEY ?? [publicKeyText(config.AUDIT_ROW_KEY!)]);
  const anchorKeys = auditPublicKeys(config.AUDIT_ANCHOR_PUBLIC_KEY ?? [publicKeyText(config.AUDIT_ANCHOR_KEY!)]);
  if (!existsSync(config.AUDIT_ANCHOR_FILE)) {
    console.log(`audit trail unproven: the anchor file ${config.AUDIT_ANCHOR_FILE} does not exist, so truncation and tail deletion cannot be ruled out（锚定文件不存在）`);
    return 1;
  }
  const { anchors, problems } = await readAnchorFile(config.AUDIT_ANCHOR_FILE, anchorKeys);
  for (const p of problems) {
    console.log(`anchor file line ${p.line}${p.seq ? ` (seq ${p.seq})` : ''}: ${p.reason === 'unreadable' ? 'not an anchor' : 'its signature does not verify'}: the anchor file was edited（锚定文件被改动）`);
  }
  if (!anchors.length) {
    console.log(`audit trail unproven: ${config.AUDIT_ANCHOR_FILE} holds no valid anchor（没有有效的锚定记录）`);
    return 1;
  }
  const ds = createDataSource({ url: config.DATABASE_URL, poolSize: 1, applicationName: 'pennant-audit-verify' });
  await ds.initialize();
  try {
    const result = await verifyAuditChain(ds, { rowKeys, anchors });
    if (result.firstBroken) {
      const { seq, reason } = result.firstBroken;
      console.log(`audit trail broken at seq ${seq} (${reason}): ${REASONS[reason]}; ${result.rows} rows checked（审计记录在第${seq}条处被篡改）`);
      return 1;
    }
    const latest = anchors.reduce((a, b) => (BigInt(b.seq) > BigInt(a.seq) || (b.seq === a.seq && b.at > a.at) ? b : a));
    console.log(
      `audit trail intact: ${result.rows} rows, ${result.signaturesChecked} signatures, ${result.anchorsChecked} anchors checked; ` +
        `latest anchor seq ${latest.seq} at ${latest.at}（审计记录完整）`,
    );
    return problems.length ? 1 : 0;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error('audit verification failed:', err);
    process.exit(2);
  },
);
