import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditPublicKey, AuditSigningKey } from './audit-keys';

/** One thing someone did: who, in which role and organisation, to what, with which opinion, before and after. */
export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  actorRole: string;
  organisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  opinion?: string;
  before?: unknown;
  after?: unknown;
  /** Makes the append idempotent: an activity retried with the same key appends nothing. */
  requestId?: string;
  /**
   * When it happened: the workflow's time, passed in by the workflow whose
   * activity appends the row (so a simulated year keeps its dates and a retry
   * the same time); absent, the database's clock (the API acting by itself).
   */
  at?: string | Date;
}

const signingKeys = new WeakMap<DataSource, AuditSigningKey>();

/** The key every row appended through `ds` is signed with (see createDataSource's `auditSigningKey`). */
export function setAuditSigningKey(ds: DataSource, key: AuditSigningKey): void {
  signingKeys.set(ds, key);
}

/** What a row's signature covers: its place and its chain hash, which covers every column and the rows before it. */
export const auditRowMessage = (seq: string, hash: string) => `pennant-audit-row/v1\n${seq}\n${hash}`;

/** The action of the row from which on every row must be signed (appended by the migration that introduced signing). */
export const SIGNATURES_REQUIRED_ACTION = 'audit.signatures_required';

/**
 * Appends to the audit trail inside the caller's transaction, so the record and
 * the change it describes commit together. The trigger numbers and chains it;
 * the row's signature, made with a key the database never holds, goes in with it.
 */
export async function appendAudit(em: EntityManager, e: AuditEntry): Promise<void> {
  const key = signingKeys.get(em.dataSource);
  // An unsigned row would look forged to the verifier: refuse rather than write one.
  if (!key) throw new Error('audit rows must be signed: create the data source with an auditSigningKey');
  const inserted: Array<{ seq: string; hash: string }> = await em.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, organisation_id, action, subject_type, subject_id, opinion, before, after, request_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12::timestamptz, now()))
     ON CONFLICT (request_id) WHERE request_id IS NOT NULL DO NOTHING
     RETURNING seq::text, hash`,
    [
      e.actorId,
      e.actorName,
      e.actorRole,
      e.organisationId,
      e.action,
      e.subjectType,
      e.subjectId,
      e.opinion ?? '',
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.requestId ?? null,
      e.at === undefined ? null : new Date(e.at).toISOString(),
    ],
  );
  for (const row of inserted) {
    await em.query(`INSERT INTO audit_log_signatures (seq, key_id, signature) VALUES ($1, $2, $3)`, [row.seq, key.keyId, key.sign(auditRowMessage(row.seq, row.hash))]);
  }
}

/**
 * Why a row breaks the trail: its content no longer matches its hash; it does
 * not link to the row before it (a row deleted, inserted or reordered); it
 * lacks a signature or has one no configured key made (a forged insert, or a
 * chain recomputed after a change); an anchored row has another hash (the
 * chain was recomputed) or is gone (the tail deleted, the table truncated).
 */
export type AuditBreak = 'modified' | 'link_broken' | 'unsigned' | 'bad_signature' | 'anchor_mismatch' | 'anchored_row_missing';

export interface AuditVerifyOptions {
  /** Public keys by key id; given, every row after the signatures marker must carry a valid signature. */
  rowKeys?: ReadonlyMap<string, AuditPublicKey>;
  /** Heads signed earlier and kept outside the database: each must still be in the chain with the same hash. */
  anchors?: ReadonlyArray<{ seq: string; hash: string }>;
  batch?: number;
}

export interface AuditVerification {
  rows: number;
  signaturesChecked: number;
  anchorsChecked: number;
  /** The last row checked. */
  head: { seq: string; hash: string } | null;
  /** The first row where the trail is broken, and why; absent when it is whole. */
  firstBroken?: { seq: string; reason: AuditBreak };
}

interface AuditRow {
  seq: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  opinion: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

const field = (v: string | null) => (v === null ? '-' : `${[...v].length}:${v}`);

/** The same rendering as the database's audit_canonical(), recomputed here independently. */
export function auditCanonical(r: Omit<AuditRow, 'hash'>): string {
  return [r.seq, r.at, r.actor_id, r.actor_name, r.actor_role, r.organisation_id, r.action, r.subject_type, r.subject_id, r.opinion, r.before, r.after, r.request_id, r.prev_hash]
    .map(field)
    .join('');
}

/** Rows up to and including the marker were written before signing existed; without a marker every row must be signed. */
async function signedAfter(ds: DataSource): Promise<bigint | null> {
  const [marker]: Array<{ seq: string | null }> = await ds.query(`SELECT min(seq)::text AS seq FROM audit_log WHERE action = $1 AND subject_type = 'audit_log'`, [
    SIGNATURES_REQUIRED_ACTION,
  ]);
  return marker?.seq ? BigInt(marker.seq) : null;
}

/**
 * Walks the whole trail in order and reports the first break (see AuditBreak):
 * every link and hash, every signature when keys are given, and every anchor
 * when anchors are given, the anchors also beyond the last row.
 */
export async function verifyAuditChain(ds: DataSource, options: AuditVerifyOptions = {}): Promise<AuditVerification> {
  const batch = options.batch ?? 5000;
  const anchors = (options.anchors ?? []).map((a) => ({ seq: BigInt(a.seq), hash: a.hash })).filter((a) => a.seq > 0n);
  anchors.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  const unsignedUpTo = options.rowKeys ? await signedAfter(ds) : null;
  const result: AuditVerification = { rows: 0, signaturesChecked: 0, anchorsChecked: 0, head: null };
  const broken = (seq: bigint | string, reason: AuditBreak): AuditVerification => ({ ...result, firstBroken: { seq: String(seq), reason } });
  let nextAnchor = 0;
  let after = '-1';
  let expectedPrev = '';
  for (;;) {
    const page: Array<AuditRow & { key_id: string | null; signature: string | null }> = await ds.query(
      `SELECT a.seq::text, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, a.actor_id::text, a.actor_name, a.actor_role,
              a.organisation_id::text, a.action, a.subject_type, a.subject_id, a.opinion, a.before::text, a.after::text, a.request_id, a.prev_hash, a.hash,
              s.key_id, s.signature
         FROM audit_log a LEFT JOIN audit_log_signatures s ON s.seq = a.seq
        WHERE a.seq > $1::bigint ORDER BY a.seq LIMIT $2`,
      [after, batch],
    );
    for (const row of page) {
      const seq = BigInt(row.seq);
      // An anchored row that should have come before this one is gone.
      if (nextAnchor < anchors.length && anchors[nextAnchor]!.seq < seq) return broken(anchors[nextAnchor]!.seq, 'anchored_row_missing');
      result.rows++;
      if (row.prev_hash !== expectedPrev) return broken(row.seq, 'link_broken');
      const hash = createHash('sha256').update(auditCanonical(row), 'utf8').digest('hex');
      if (hash !== row.hash) return broken(row.seq, 'modified');
      if (options.rowKeys && (unsignedUpTo === null || seq > unsignedUpTo)) {
        if (!row.signature || !row.key_id) return broken(row.seq, 'unsigned');
        const key = options.rowKeys.get(row.key_id);
        if (!key || !key.verify(auditRowMessage(row.seq, row.hash), row.signature)) return broken(row.seq, 'bad_signature');
        result.signaturesChecked++;
      }
      for (; nextAnchor < anchors.length && anchors[nextAnchor]!.seq === seq; nextAnchor++) {
        if (anchors[nextAnchor]!.hash !== row.hash) return broken(row.seq, 'anchor_mismatch');
        result.anchorsChecked++;
      }
      expectedPrev = row.hash;
      result.head = { seq: row.seq, hash: row.hash };
    }
    if (page.length < batch) break;
    after = page[page.length - 1]!.seq;
  }
  // Anchored beyond the last row: the tail was deleted or the table truncated.
  if (nextAnchor < anchors.length) return broken(anchors[nextAnchor]!.seq, 'anchored_row_missing');
  return result;
}

/** The actor of what the engine does by itself (a task opening, a deadline passing). */
export const SYSTEM_ACTOR = { actorId: null, actorName: 'system', actorRole: 'system' } as const;
