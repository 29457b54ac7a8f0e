/**
 * Login throttling: failed logins are counted per account and per address in a
 * window; reaching the limit locks the key for a time that doubles with each
 * lockout that follows soon after the last, up to a cap. Pure: the caller
 * passes the clock (the database's, so every API replica agrees on it).
 */

export interface ThrottlePolicy {
  /** Failures within the window that lock the key. */
  maxFailures: number;
  windowSeconds: number;
  /** The first lockout; each further one doubles it. */
  lockSeconds: number;
  maxLockSeconds: number;
  /** How long after a lockout ended another one still counts as repeated. */
  lockoutMemorySeconds: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date | null;
  lockedUntil: Date | null;
  /** Lockouts in a row, each within lockoutMemorySeconds of the end of the one before. */
  lockouts: number;
}

export const FRESH_THROTTLE: ThrottleState = { failures: 0, windowStartedAt: null, lockedUntil: null, lockouts: 0 };

/** Whole seconds until the key may try again; 0 when it is not locked. */
export function secondsLocked(state: ThrottleState, now: Date): number {
  if (!state.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The lockout after `previous` lockouts in a row: lockSeconds · 2^previous, capped. */
export function lockoutSeconds(policy: ThrottlePolicy, previous: number): number {
  // Past 2^30 the product overflows nothing useful: the cap has long been reached.
  return Math.min(policy.maxLockSeconds, policy.lockSeconds * 2 ** Math.min(previous, 30));
}

export interface FailureOutcome {
  state: ThrottleState;
  /** Set when this failure locked the key. */
  lockedNow?: { until: Date; seconds: number; failures: number };
}

export function recordFailure(state: ThrottleState, policy: ThrottlePolicy, now: Date): FailureOutcome {
  const t = now.getTime();
  // A failure that raced past the check while the key was locked counts, but does not lengthen the lockout.
  if (secondsLocked(state, now) > 0) return { state: { ...state, failures: state.failures + 1 } };

  const lockEnded = state.lockedUntil?.getTime();
  const lockouts = lockEnded !== undefined && t - lockEnded < policy.lockoutMemorySeconds * 1000 ? state.lockouts : 0;
  const windowOpen = state.windowStartedAt !== null && t - state.windowStartedAt.getTime() < policy.windowSeconds * 1000;
  const failures = (windowOpen ? state.failures : 0) + 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;

  if (failures < policy.maxFailures) {
    return { state: { failures, windowStartedAt, lockedUntil: state.lockedUntil, lockouts } };
  }
  const seconds = lockoutSeconds(policy, lockouts);
  const until = new Date(t + seconds * 1000);
  // The count starts again after the lockout; the lockout itself is remembered for the next doubling.
  return { state: { failures: 0, windowStartedAt: null, lockedUntil: until, lockouts: lockouts + 1 }, lockedNow: { until, seconds, failures } };
}

/** A key with failures in its current window or a lockout running: its attempts wait behind everyone else's. */
export function isSuspect(state: ThrottleState, policy: ThrottlePolicy, now: Date): boolean {
  if (secondsLocked(state, now) > 0) return true;
  return state.failures > 0 && state.windowStartedAt !== null && now.getTime() - state.windowStartedAt.getTime() < policy.windowSeconds * 1000;
}
