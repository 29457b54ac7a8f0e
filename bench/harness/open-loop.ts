import { type RecordableHistogram, createHistogram } from 'node:perf_hooks';

/** Latencies in microseconds (an HDR histogram from Node itself), and when the slowest request was sent. */
export class Latencies {
  private readonly h: RecordableHistogram = createHistogram({ lowest: 1, highest: 600_000_000, figures: 3 });
  private slowest = { ms: -1, at: Number.NaN };

  /** `at`: when the request was due to be sent, in seconds from the start of its load. */
  record(ms: number, at = Number.NaN): void {
    this.h.record(Math.max(1, Math.round(ms * 1000)));
    if (ms > this.slowest.ms) this.slowest = { ms, at };
  }

  get count(): number {
    return this.h.count;
  }

  /** The p-th percentile in milliseconds, or NaN with no samples. */
  pct(p: number): number {
    return this.h.count ? this.h.percentile(p) / 1000 : Number.NaN;
  }

  summary() {
    return { count: this.count, p50: this.pct(50), p95: this.pct(95), p99: this.pct(99), max: this.count ? this.h.max / 1000 : Number.NaN, slowestSentAtS: this.slowest.at };
  }
}

export interface OpenLoopResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  /** The first few error messages, for the log. */
  errorSamples: string[];
  /** Requests still unanswered when sending stopped, and after the drain. */
  inFlightAtEnd: number;
  unfinished: number;
  /** Answers per second while sending (what the system kept up with). */
  achievedRate: number;
  latency: Latencies;
  /** Named intermediate timings a request reported (e.g. a workflow start within start+signal). */
  marks: Map<string, Latencies>;
}

/** What one request may report besides its end: `mark(name)` times a step from the same intended send time. */
export type Send = (i: number, mark: (name: string) => void) => Promise<void>;

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - performance.now())));

/**
 * Sends `rate` requests a second for `seconds`, each at its intended time
 * whether or not earlier ones have answered (open loop), and times every
 * answer from that intended time, so a stall shows as latency for everything
 * queued behind it instead of hiding (coordinated omission).
 */
export async function openLoop(rate: number, seconds: number, send: Send, drainMs = 30_000): Promise<OpenLoopResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const latency = new Latencies();
  const marks = new Map<string, Latencies>();
  const errorSamples: string[] = [];
  let ok = 0;
  let errors = 0;
  let answeredWhileSending = 0;
  let sending = true;
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const intended = t0 + (i * 1000) / rate;
    if (performance.now() < intended) await sleepUntil(intended);
    const mark = (name: string) => {
      if (!marks.has(name)) marks.set(name, new Latencies());
      marks.get(name)!.record(performance.now() - intended);
    };
    const p: Promise<void> = send(i, mark).then(
      () => {
        ok++;
        // When it was due, so a stall shared by loads run together shows as their slowest requests sent at one moment.
        latency.record(performance.now() - intended, (intended - t0) / 1000);
      },
      (err: unknown) => {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(err instanceof Error ? err.message : String(err));
      },
    ).finally(() => {
      if (sending) answeredWhileSending++;
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  const sendEnd = t0 + (total * 1000) / rate;
  if (performance.now() < sendEnd) await sleepUntil(sendEnd);
  sending = false;
  const inFlightAtEnd = inFlight.size;
  const drained = Promise.allSettled([...inFlight]);
  await Promise.race([drained, new Promise((r) => setTimeout(r, drainMs).unref())]);
  return {
    rate,
    seconds,
    sent: total,
    ok,
    errors,
    errorSamples,
    inFlightAtEnd,
    unfinished: inFlight.size,
    achievedRate: answeredWhileSending / seconds,
    latency,
    marks,
  };
}

/**
 * Holds a rate when it was answered in full, with no errors, and what was
 * still in flight at the end is no more than about a second of arrivals
 * (a backlog that grows would be far more).
 */
export function sustained(r: OpenLoopResult): boolean {
  return r.errors === 0 && r.unfinished === 0 && r.inFlightAtEnd <= Math.max(5, r.rate);
}
