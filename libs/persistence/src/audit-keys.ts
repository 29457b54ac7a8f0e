import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/**
 * Ed25519 keys of the audit trail, written in configuration as the unpadded
 * base64url of their 32 raw bytes. The private half signs (the API and the
 * worker: rows; the worker and `audit:anchor`: anchors), the public half
 * verifies, so `audit:verify` needs no secret and cannot forge anything.
 */
export interface AuditSigningKey {
  /** Names the key pair on what it signed, so a verifier holding several public keys picks the right one. */
  keyId: string;
  sign(message: string): string;
}

export interface AuditPublicKey {
  keyId: string;
  verify(message: string, signature: string): boolean;
}

// The fixed DER headers of an Ed25519 key (RFC 8410) before its 32 raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const RAW_KEY = /^[A-Za-z0-9_-]{43}$/;

function raw(text: string, what: string): Buffer {
  const trimmed = text.trim();
  if (!RAW_KEY.test(trimmed)) throw new Error(`${what} must be 32 bytes in unpadded base64url (43 characters)`);
  return Buffer.from(trimmed, 'base64url');
}

const keyIdOf = (publicKey: KeyObject) => createHash('sha256').update(rawPublic(publicKey)).digest('hex').slice(0, 16);
const rawPublic = (publicKey: KeyObject) => publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);

export function auditSigningKey(privateKeyText: string): AuditSigningKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw(privateKeyText, 'an audit private key')]), format: 'der', type: 'pkcs8' });
  const keyId = keyIdOf(createPublicKey(privateKey));
  return { keyId, sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url') };
}

function publicKeyObject(publicKey: KeyObject): AuditPublicKey {
  return {
    keyId: keyIdOf(publicKey),
    verify: (message, signature) => {
      try {
        return verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
      } catch {
        return false;
      }
    },
  };
}

export function auditPublicKey(publicKeyText: string): AuditPublicKey {
  return publicKeyObject(createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw(publicKeyText, 'an audit public key')]), format: 'der', type: 'spki' }));
}

/** The public half of a configured private key (a verifier on a host that holds the private key). */
export function publicKeyText(privateKeyText: string): string {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw(privateKeyText, 'an audit private key')]), format: 'der', type: 'pkcs8' });
  return rawPublic(createPublicKey(privateKey)).toString('base64url');
}

/** A new key pair, as configuration holds it. */
export function generateAuditKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length).toString('base64url');
  return { privateKey: seed, publicKey: publicKeyText(seed) };
}

/** The public keys a verifier accepts (the current one and any retired ones), by key id. */
export function auditPublicKeys(texts: readonly string[]): Map<string, AuditPublicKey> {
  return new Map(texts.map((t) => auditPublicKey(t)).map((k) => [k.keyId, k]));
}
