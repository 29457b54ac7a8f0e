// `npm run audit:keys`: two new Ed25519 key pairs, as environment lines: the private keys for the API and the
// worker (rows) and the worker (anchors), the public keys for whoever runs `npm run audit:verify`.
import { generateAuditKeyPair } from '../libs/persistence/src';

const row = generateAuditKeyPair();
const anchor = generateAuditKeyPair();
console.log(`# api and worker
AUDIT_ROW_KEY=${row.privateKey}
# worker and npm run audit:anchor
AUDIT_ANCHOR_KEY=${anchor.privateKey}
# npm run audit:verify (no secret)
AUDIT_ROW_PUBLIC_KEY=${row.publicKey}
AUDIT_ANCHOR_PUBLIC_KEY=${anchor.publicKey}`);
