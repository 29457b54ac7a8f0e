import type { DataSource } from 'typeorm';
import { ROLE_LABELS, type Role } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { containing } from '../common/like-pattern';

/** Someone a task can be delegated to, as the delegation dialog lists them. */
export interface DelegateCandidate {
  userId: string;
  displayName: string;
  /** Where they hold their role nearest the task (the task's own organisation first), to tell two of the same name apart. */
  organisationName: string;
  role: Role;
  roleLabel: string;
}

/**
 * Who may receive a delegation from the caller ($1: their id, $2: their scopes' path patterns): an active user holding a
 * role in the caller's subtree, not the caller. One rule for the picker and for the action it feeds.
 */
const CANDIDATE = `u.active AND u.id <> $1 AND o.path LIKE ANY($2::text[])`;
const FROM = `FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN organisations o ON o.id = r.organisation_id`;
const callerOf = (p: Principal) => [p.userId, p.grants.map((g) => `${g.scopePath}%`)];

/** Whether the caller may delegate to this user. */
export async function isDelegateCandidate(ds: DataSource, p: Principal, userId: string): Promise<boolean> {
  const [row]: Array<{ ok: boolean }> = await ds.query(`SELECT EXISTS (SELECT 1 ${FROM} WHERE ${CANDIDATE} AND u.id = $3) AS ok`, [...callerOf(p), userId]);
  return row!.ok;
}

/**
 * The people a task can be delegated to by this caller (those above), found by
 * name or username; those at the task's organisation first, then by name.
 * Each person once, with the role nearest the task.
 */
export async function delegateCandidates(ds: DataSource, p: Principal, taskOrganisationId: string, f: { q?: string; limit: number }): Promise<DelegateCandidate[]> {
  const q = f.q?.trim();
  const rows: Array<Omit<DelegateCandidate, 'roleLabel'>> = await ds.query(
    `SELECT "userId", "displayName", "organisationName", role FROM (
       SELECT DISTINCT ON (u.id) u.id AS "userId", u.display_name AS "displayName", o.name AS "organisationName", r.role, o.id = $3 AS here
         ${FROM}
        WHERE ${CANDIDATE}
          AND ($4::text IS NULL OR u.display_name ILIKE $4 OR u.username ILIKE $4)
        ORDER BY u.id, o.id = $3 DESC, length(o.path) DESC, r.role) c
      ORDER BY here DESC, "displayName", "userId"
      LIMIT $5`,
    [...callerOf(p), taskOrganisationId, q ? containing(q) : null, f.limit],
  );
  return rows.map((r) => ({ ...r, roleLabel: ROLE_LABELS[r.role] ?? r.role }));
}
