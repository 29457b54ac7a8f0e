import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

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
}

/**
 * Appends to the audit trail inside the caller's transaction, so the record and
 * the change it describes commit together. The trigger numbers and chains it.
 */
export async function appendAudit(em: EntityManager, e: AuditEntry): Promise<void> {
  await em.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, organisation_id, action, subject_type, subject_id, opinion, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (request_id) WHERE request_id IS NOT NULL DO NOTHING`,
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
    ],
  );
}

export interface AuditVerification {
  rows: number;
  /** The first row whose link is broken, and why; absent when the chain is whole. */
  firstBroken?: { seq: string; reason: 'modified' | 'link_broken' };
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

/**
 * Walks the whole trail in order and reports the first broken link: a row
 * whose content no longer matches its hash (updated), or whose previous-hash
 * does not match the row before it (a row deleted, inserted or reordered).
 */
export async function verifyAuditChain(ds: DataSource, batch = 5000): Promise<AuditVerification> {
  let after = '-1';
  let expectedPrev = '';
  let rows = 0;
  for (;;) {
    const page: AuditRow[] = await ds.query(
      `SELECT seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id::text, actor_name, actor_role,
              organisation_id::text, action, subject_type, subject_id, opinion, before::text, after::text, request_id, prev_hash, hash
         FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
      [after, batch],
    );
    for (const row of page) {
      rows++;
      if (row.prev_hash !== expectedPrev) return { rows, firstBroken: { seq: row.seq, reason: 'link_broken' } };
      const hash = createHash('sha256').update(auditCanonical(row), 'utf8').digest('hex');
      if (hash !== row.hash) return { rows, firstBroken: { seq: row.seq, reason: 'modified' } };
      expectedPrev = row.hash;
    }
    if (page.length < batch) return { rows };
    after = page[page.length - 1]!.seq;
  }
}

/** The actor of what the engine does by itself (a task opening, a deadline passing). */
export const SYSTEM_ACTOR = { actorId: null, actorName: 'system', actorRole: 'system' } as const;
