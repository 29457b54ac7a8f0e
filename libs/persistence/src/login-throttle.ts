import type { DataSource, EntityManager } from 'typeorm';
import { FRESH_THROTTLE, type FailureOutcome, type ThrottlePolicy, type ThrottleState, isSuspect, recordFailure, secondsLocked } from '../../domain/src';
import { SYSTEM_ACTOR, appendAudit } from './audit';

/**
 * The failed-login counters in `login_throttle`. Every decision reads the
 * database's clock, and every change happens under a row lock, so API
 * replicas share one count and one lockout per account and per address.
 */
export type ThrottleScope = 'account' | 'address';

/** The username tried (existing or not) and the client's address. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

export type ThrottlePolicies = Record<ThrottleScope, ThrottlePolicy>;

export interface ActiveLock {
  scope: ThrottleScope;
  until: Date;
  retryAfterSeconds: number;
}

export interface ThrottleCheck {
  /** The lock that ends last, if the account or the address is locked. */
  lock?: ActiveLock;
  /** The account or the address failed recently. */
  suspect: boolean;
}

export interface FailureRecord {
  now: Date;
  account: FailureOutcome;
  address: FailureOutcome;
  /** Set when the account or the address is locked now (by this failure or before it). */
  lock?: ActiveLock;
}

interface Row {
  scope: ThrottleScope;
  failures: number;
  window_started_at: Date | null;
  locked_until: Date | null;
  lockouts: number;
  now: Date;
}

/** Rows untouched this long are dropped: their windows and lockouts have long run out. */
const PRUNE_AFTER = '2 days';
const PRUNE_BATCH = 20;

const WHERE_KEYS = `(scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2)`;

const toState = (r: Row | undefined): ThrottleState =>
  r ? { failures: r.failures, windowStartedAt: r.window_started_at, lockedUntil: r.locked_until, lockouts: r.lockouts } : FRESH_THROTTLE;

function longestLock(states: Array<[ThrottleScope, ThrottleState]>, now: Date): ActiveLock | undefined {
  let lock: ActiveLock | undefined;
  for (const [scope, state] of states) {
    const seconds = secondsLocked(state, now);
    if (seconds > 0 && (!lock || seconds > lock.retryAfterSeconds)) lock = { scope, until: state.lockedUntil!, retryAfterSeconds: seconds };
  }
  return lock;
}

async function now(em: Pick<EntityManager, 'query'>): Promise<Date> {
  const [row]: Array<{ now: Date }> = await em.query(`SELECT clock_timestamp() AS now`);
  return row!.now;
}

/** Before any password is hashed: is the account or the address locked, and have they failed lately? */
export async function checkLoginThrottle(ds: DataSource, keys: ThrottleKeys, policies: ThrottlePolicies): Promise<ThrottleCheck> {
  const rows: Row[] = await ds.query(
    `SELECT scope, failures, window_started_at, locked_until, lockouts, clock_timestamp() AS now FROM login_throttle WHERE ${WHERE_KEYS}`,
    [keys.account, keys.address],
  );
  if (!rows.length) return { suspect: false };
  const at = rows[0]!.now;
  const states = rows.map((r) => [r.scope, toState(r)] as [ThrottleScope, ThrottleState]);
  return {
    lock: longestLock(states, at),
    suspect: states.some(([scope, state]) => isSuspect(state, policies[scope], at)),
  };
}

/**
 * Counts a failed login against the account and the address in one
 * transaction. When the account of an existing user gets locked, the audit
 * trail records it in the same transaction.
 */
export async function recordLoginFailure(
  ds: DataSource,
  keys: ThrottleKeys,
  policies: ThrottlePolicies,
  user?: { id: string },
): Promise<FailureRecord> {
  return ds.transaction(async (em) => {
    await em.query(`INSERT INTO login_throttle (scope, key) VALUES ('account', $1), ('address', $2) ON CONFLICT DO NOTHING`, [keys.account, keys.address]);
    // Rows are locked in one order (account before address) by every writer, so two writers never deadlock.
    const rows: Row[] = await em.query(
      `SELECT scope, failures, window_started_at, locked_until, lockouts, clock_timestamp() AS now
         FROM login_throttle WHERE ${WHERE_KEYS} ORDER BY scope FOR UPDATE`,
      [keys.account, keys.address],
    );
    const at = rows[0]?.now ?? (await now(em));
    const account = recordFailure(toState(rows.find((r) => r.scope === 'account')), policies.account, at);
    const address = recordFailure(toState(rows.find((r) => r.scope === 'address')), policies.address, at);
    for (const [scope, key, s] of [['account', keys.account, account.state], ['address', keys.address, address.state]] as const) {
      await em.query(
        `UPDATE login_throttle SET failures = $3, window_started_at = $4, locked_until = $5, lockouts = $6, updated_at = $7 WHERE scope = $1 AND key = $2`,
        [scope, key, s.failures, s.windowStartedAt, s.lockedUntil, s.lockouts, at],
      );
    }
    if (account.lockedNow && user) {
      await appendAudit(em, {
        ...SYSTEM_ACTOR,
        organisationId: null,
        action: 'user.locked',
        subjectType: 'user',
        subjectId: user.id,
        opinion: '登录失败次数过多，账号暂时锁定',
        after: { until: account.lockedNow.until.toISOString(), failures: account.lockedNow.failures, address: keys.address },
      });
    }
    await em.query(
      `DELETE FROM login_throttle WHERE ctid IN (
         SELECT ctid FROM login_throttle WHERE updated_at < $1::timestamptz - interval '${PRUNE_AFTER}' LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`,
      [at],
    );
    return { now: at, account, address, lock: longestLock([['account', account.state], ['address', address.state]], at) };
  });
}

/**
 * After the right password: refused if the account or the address got locked
 * meanwhile; otherwise the account's count and lockout history start over.
 * The address keeps its count, so one good account cannot clear an attacker's.
 */
export async function recordLoginSuccess(ds: DataSource, keys: ThrottleKeys): Promise<ActiveLock | undefined> {
  return ds.transaction(async (em) => {
    const rows: Row[] = await em.query(
      `SELECT scope, failures, window_started_at, locked_until, lockouts, clock_timestamp() AS now
         FROM login_throttle WHERE ${WHERE_KEYS} ORDER BY scope FOR UPDATE`,
      [keys.account, keys.address],
    );
    if (!rows.length) return undefined;
    const lock = longestLock(rows.map((r) => [r.scope, toState(r)]), rows[0]!.now);
    if (lock) return lock;
    await em.query(`DELETE FROM login_throttle WHERE scope = 'account' AND key = $1`, [keys.account]);
    return undefined;
  });
}
