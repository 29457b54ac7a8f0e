import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Files of one certificate and its private key (PEM). */
export interface CertFiles {
  cert: string;
  key: string;
}

/**
 * A throw-away public-key infrastructure made with the `openssl` CLI (Node's
 * crypto makes keys but not X.509 certificates): a CA with a server and a
 * client certificate it signed, and a second, unrelated CA with a client
 * certificate of its own, for the refusals. ECDSA P-256, valid for two days.
 */
export interface TestPki {
  ca: CertFiles;
  /** For `localhost`, `temporal.test` and 127.0.0.1; also good for client authentication (Temporal's own services connect to the frontend with it). */
  server: CertFiles;
  client: CertFiles;
  otherCa: CertFiles;
  /** Signed by otherCa. */
  strangerClient: CertFiles;
}

export const TEST_SERVER_NAMES = ['localhost', 'temporal.test'] as const;

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function newCa(dir: string, name: string, cn: string): CertFiles {
  const files = { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
  openssl(
    ['req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', files.key, '-out', files.cert, '-days', '2', '-subj', `/CN=${cn}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  return files;
}

function newLeaf(dir: string, name: string, cn: string, ca: CertFiles, extensions: string): CertFiles {
  const files = { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
  const csr = path.join(dir, `${name}.csr`);
  const ext = path.join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', files.key, '-out', csr, '-subj', `/CN=${cn}`], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', files.cert, '-days', '2', '-extfile', ext], dir);
  return files;
}

export function makeTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  const ca = newCa(dir, 'ca', 'Pennant test CA');
  const otherCa = newCa(dir, 'other-ca', 'Somebody else\'s CA');
  const client = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n';
  return {
    ca,
    otherCa,
    server: newLeaf(dir, 'server', 'temporal.test', ca, `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=${TEST_SERVER_NAMES.map((n) => `DNS:${n}`).join(',')},IP:127.0.0.1\n`),
    client: newLeaf(dir, 'client', 'pennant-worker', ca, client),
    strangerClient: newLeaf(dir, 'stranger-client', 'pennant-worker', otherCa, client),
  };
}
