import { FRESH_THROTTLE, type ThrottlePolicy, type ThrottleState, lockoutSeconds, recordFailure, secondsLocked } from '../../libs/domain/src';

const policy: ThrottlePolicy = { maxFailures: 3, windowSeconds: 600, lockSeconds: 60, maxLockSeconds: 300, lockoutMemorySeconds: 3600 };
const t0 = new Date('2026-03-02T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** Applies a failure at each of the given offsets (seconds after t0). */
function failAt(state: ThrottleState, ...offsets: number[]) {
  let outcome = { state } as ReturnType<typeof recordFailure>;
  for (const s of offsets) outcome = recordFailure(outcome.state, policy, at(s));
  return outcome;
}

describe('login throttling rules', () => {
  it('locks on the failure that reaches the limit within the window, and not before', () => {
    const two = failAt(FRESH_THROTTLE, 0, 10);
    expect(two.lockedNow).toBeUndefined();
    expect(two.state).toMatchObject({ failures: 2, lockedUntil: null });

    const three = recordFailure(two.state, policy, at(20));
    expect(three.lockedNow).toEqual({ until: at(80), seconds: 60, failures: 3 });
    expect(secondsLocked(three.state, at(20))).toBe(60);
    expect(secondsLocked(three.state, at(79.2))).toBe(1);
    expect(secondsLocked(three.state, at(80))).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const outcome = failAt(FRESH_THROTTLE, 0, 10, 700);
    expect(outcome.lockedNow).toBeUndefined();
    expect(outcome.state.failures).toBe(1);
    expect(outcome.state.windowStartedAt).toEqual(at(700));
  });

  it('doubles the lockout for each lockout that follows soon after the last, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 60].map((n) => lockoutSeconds(policy, n))).toEqual([60, 120, 240, 300, 300, 300]);

    const first = failAt(FRESH_THROTTLE, 0, 1, 2);
    expect(first.lockedNow?.seconds).toBe(60);
    // After the first lockout ends (at 62 s), three more failures lock again, for twice as long.
    const second = failAt(first.state, 100, 101, 102);
    expect(second.lockedNow).toEqual({ until: at(222), seconds: 120, failures: 3 });
    const third = failAt(second.state, 300, 301, 302);
    expect(third.lockedNow?.seconds).toBe(240);
    const fourth = failAt(third.state, 600, 601, 602);
    expect(fourth.lockedNow?.seconds).toBe(300);
  });

  it('starts over at the first lockout once the last one is long past', () => {
    const first = failAt(FRESH_THROTTLE, 0, 1, 2);
    const later = failAt(first.state, 62 + 3600, 62 + 3601, 62 + 3602);
    expect(later.lockedNow?.seconds).toBe(60);
    expect(later.state.lockouts).toBe(1);
  });

  it('counts a failure that raced past a lockout without lengthening it', () => {
    const locked = failAt(FRESH_THROTTLE, 0, 1, 2);
    const raced = recordFailure(locked.state, policy, at(30));
    expect(raced.lockedNow).toBeUndefined();
    expect(raced.state.lockedUntil).toEqual(at(62));
    expect(raced.state.lockouts).toBe(1);
  });

  it('counts afresh after a lockout ends', () => {
    const locked = failAt(FRESH_THROTTLE, 0, 1, 2);
    const after = recordFailure(locked.state, policy, at(63));
    expect(after.lockedNow).toBeUndefined();
    expect(after.state).toMatchObject({ failures: 1, windowStartedAt: at(63) });
  });
});
