import type { StepRecord } from '../../bench/harness/context';
import { highestWithinBound, rateLadder } from '../../bench/harness/rate-ladder';

const step = (rate: number, p99: number, sustained = true): StepRecord => ({
  scenario: 'baseline',
  label: 'ramp',
  rate,
  sustained,
  latencyMs: { count: 100, p50: p99 / 2, p95: p99, p99, max: p99 },
  resources: { seconds: 30, cpuPercent: {}, peakRssMiB: {}, machineBusyPercent: 50, machineStealPercent: 0, machineIoWaitPercent: 0, majorFaults: 0 },
});

describe("the benchmark's ramps", () => {
  it('climb the baseline and the submissions through the same rates, so their ratio compares like with like', () => {
    for (const quick of [true, false]) {
      const baseline = rateLadder(quick, 5);
      const submission = rateLadder(quick, 2, 80);
      expect(submission.filter((r) => r >= 5)).toEqual(baseline.filter((r) => r <= 80));
    }
    expect(rateLadder(false, 5)).toEqual(expect.arrayContaining([20, 25, 30, 35, 40]));
  });

  it('take the highest rate of the unbroken run of steps within the latency bound', () => {
    expect(highestWithinBound([step(20, 190), step(5, 90), step(10, 150)])).toBe(20);
    // A later step back under the bound does not count: the run broke at 25.
    expect(highestWithinBound([step(5, 90), step(20, 190), step(25, 394), step(30, 240)])).toBe(20);
    expect(highestWithinBound([step(5, 90), step(10, 100, false), step(15, 120)])).toBe(5);
    expect(highestWithinBound([step(5, 300)])).toBe(0);
  });
});
