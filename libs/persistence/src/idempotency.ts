import type { DataSource } from 'typeorm';
import { changedRows } from './changed-rows';

/** The answer kept for a key: what the first request was answered. */
export interface StoredAnswer {
  statusCode: number;
  location: string | null;
  body: unknown;
}

export type IdempotencyClaim =
  /** The key is new (or its earlier use expired): run the request, then complete or release it. */
  | { outcome: 'claimed' }
  /** The key was used for this request before: answer what it was answered. */
  | { outcome: 'replay'; answer: StoredAnswer }
  /** The key was used for a different request (method, path or body). */
  | { outcome: 'mismatch' }
  /** The same request is running now, under its lease. */
  | { outcome: 'in_progress' };

export interface ClaimRequest {
  scope: string;
  key: string;
  fingerprint: string;
  method: string;
  path: string;
  leaseSeconds: number;
  ttlSeconds: number;
}

/** Requests sent with an Idempotency-Key, and the first answer to each (table idempotency_keys). */
export class IdempotencyStore {
  constructor(private readonly ds: DataSource) {}

  async claim(r: ClaimRequest): Promise<IdempotencyClaim> {
    // Takes the key when it is new, expired, or its holder's lease ran out on the same request (a crashed process).
    const claimed: unknown[] = await this.ds.query(
      `INSERT INTO idempotency_keys AS k (scope, key, fingerprint, method, path, state, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', now() + make_interval(secs => $6), now() + make_interval(secs => $7))
       ON CONFLICT (scope, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, method = EXCLUDED.method, path = EXCLUDED.path, state = 'in_progress',
              locked_until = EXCLUDED.locked_until, status_code = NULL, location = NULL, body = NULL,
              created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE k.expires_at < now()
           OR (k.state = 'in_progress' AND k.locked_until < now() AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [r.scope, r.key, r.fingerprint, r.method, r.path, r.leaseSeconds, r.ttlSeconds],
    );
    if (claimed.length) return { outcome: 'claimed' };
    const [row]: Array<{ fingerprint: string; state: string; status_code: number | null; location: string | null; body: unknown }> = await this.ds.query(
      `SELECT fingerprint, state, status_code, location, body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [r.scope, r.key],
    );
    // Gone between the two statements (released by its holder): the caller may simply try again.
    if (!row) return { outcome: 'in_progress' };
    if (row.fingerprint !== r.fingerprint) return { outcome: 'mismatch' };
    if (row.state === 'in_progress') return { outcome: 'in_progress' };
    return { outcome: 'replay', answer: { statusCode: row.status_code!, location: row.location, body: row.body } };
  }

  async complete(scope: string, key: string, answer: StoredAnswer): Promise<void> {
    await this.ds.query(
      `UPDATE idempotency_keys SET state = 'completed', locked_until = NULL, status_code = $3, location = $4, body = $5
        WHERE scope = $1 AND key = $2 AND state = 'in_progress'`,
      [scope, key, answer.statusCode, answer.location, answer.body === undefined ? null : JSON.stringify(answer.body)],
    );
  }

  /** Frees the key after an answer that is not final (the request may be sent again and run). */
  async release(scope: string, key: string): Promise<void> {
    await this.ds.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_progress'`, [scope, key]);
  }

  /** Deletes answers past their time; returns how many. */
  async sweep(limit = 10_000): Promise<number> {
    const rows: unknown[] = await changedRows(
      this.ds,
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1) RETURNING 1`,
      [limit],
    );
    return rows.length;
  }
}
