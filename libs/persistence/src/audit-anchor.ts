import { mkdir, appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { AuditPublicKey, AuditSigningKey } from './audit-keys';

/**
 * Anchors: the head of the audit chain (its last sequence number and hash),
 * signed with a key the database never holds and appended as one JSON line to
 * a file kept outside the database. Whoever rewrites the database cannot
 * rewrite what was anchored, so `verifyAuditChain` with the anchors catches a
 * deleted tail, a truncated table and a chain recomputed after a change.
 */
export interface AuditHead {
  /** "0" with an empty hash while the trail is empty. */
  seq: string;
  hash: string;
}

export interface AuditAnchor extends AuditHead {
  /** When the head was read, ISO 8601 UTC. */
  at: string;
  keyId: string;
  signature: string;
}

const anchorMessage = (a: AuditHead & { at: string }) => `pennant-audit-anchor/v1\n${a.seq}\n${a.hash}\n${a.at}`;

export async function auditHead(ds: DataSource): Promise<AuditHead> {
  const [row]: AuditHead[] = await ds.query(`SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1`);
  return row ?? { seq: '0', hash: '' };
}

/** The hash of the row at `seq` now, or null when it is gone: an anchored row that changed or vanished is tampering. */
export async function auditHashAt(ds: DataSource, seq: string): Promise<string | null> {
  const [row]: Array<{ hash: string }> = await ds.query(`SELECT hash FROM audit_log WHERE seq = $1::bigint`, [seq]);
  return row?.hash ?? null;
}

export function signAnchor(head: AuditHead, at: Date, key: AuditSigningKey): AuditAnchor {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return { ...unsigned, keyId: key.keyId, signature: key.sign(anchorMessage(unsigned)) };
}

/** Appends one line (O_APPEND, so concurrent writers never interleave a line); the file is created readable by its owner only. */
export async function appendAnchor(file: string, anchor: AuditAnchor): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const { seq, hash, at, keyId, signature } = anchor;
  await appendFile(file, `${JSON.stringify({ seq, hash, at, keyId, signature })}\n`, { flag: 'a', mode: 0o600 });
}

/** Reads the chain's head now, signs it and appends it to the anchor file. */
export async function anchorAuditHead(ds: DataSource, file: string, key: AuditSigningKey, now = new Date()): Promise<AuditAnchor> {
  const anchor = signAnchor(await auditHead(ds), now, key);
  await appendAnchor(file, anchor);
  return anchor;
}

export interface AnchorFileProblem {
  /** 1-based line number in the file. */
  line: number;
  seq?: string;
  reason: 'unreadable' | 'bad_signature';
}

/** Every anchor of the file whose signature one of `keys` made; any other line is a problem (the file was edited). */
export async function readAnchorFile(file: string, keys: ReadonlyMap<string, AuditPublicKey>): Promise<{ anchors: AuditAnchor[]; problems: AnchorFileProblem[] }> {
  const text = await readFile(file, 'utf8');
  const anchors: AuditAnchor[] = [];
  const problems: AnchorFileProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let a: Partial<AuditAnchor>;
    try {
      a = JSON.parse(raw) as Partial<AuditAnchor>;
    } catch {
      problems.push({ line: i + 1, reason: 'unreadable' });
      return;
    }
    const wellFormed = [a.seq, a.hash, a.at, a.keyId, a.signature].every((v) => typeof v === 'string') && /^\d+$/.test(a.seq!);
    if (!wellFormed) {
      problems.push({ line: i + 1, ...(typeof a.seq === 'string' ? { seq: a.seq } : {}), reason: 'unreadable' });
      return;
    }
    const anchor = a as AuditAnchor;
    const key = keys.get(anchor.keyId);
    if (!key || !key.verify(anchorMessage(anchor), anchor.signature)) problems.push({ line: i + 1, seq: anchor.seq, reason: 'bad_signature' });
    else anchors.push(anchor);
  });
  return { anchors, problems };
}
