import type { StepRecord } from './context';

/**
 * The rates a ramp climbs through, from `from` per second. The baseline and the
 * submission ramps share it so that their ratio compares like with like: with
 * the baseline at 20, 40, 60 and the submissions at every 5, a baseline that
 * broke at 40 (31/s achieved) read as 20, and the ratio as 1.0 (2026-12-02).
 */
export function rateLadder(quick: boolean, from: number, upTo = Number.POSITIVE_INFINITY): number[] {
  const steps = quick ? [2, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 100, 130] : [2, 5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 70, 80, 100, 120, 140, 170, 200, 240, 280];
  return steps.filter((r) => r >= from && r <= upTo);
}

/** The bound both ramps' headline figures keep: every request answered, p99 from send to result under 250 ms. */
export const LATENCY_BOUND_MS = 250;

/**
 * The highest rate of the unbroken run of ramp steps, from the lowest, that kept
 * up and held p99 under the bound; 0 when the first did not.
 */
export function highestWithinBound(ramp: ReadonlyArray<StepRecord>): number {
  let rate = 0;
  for (const st of [...ramp].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))) {
    if (!st.sustained || !(st.latencyMs!.p99! < LATENCY_BOUND_MS)) break;
    rate = st.rate ?? 0;
  }
  return rate;
}
