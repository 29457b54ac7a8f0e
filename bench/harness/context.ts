import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Stack } from './stack';
import { type OpenLoopResult, type Send, openLoop, sustained } from './open-loop';
import { type ResourceReading, ResourceSampler, busiest, stolen, topCpu } from './resources';

export interface Figure {
  name: string;
  metric: string;
  value: number;
  unit: string;
  /** What held the figure where it is, from the resource readings. */
  limitedBy?: string;
}

export interface StepRecord {
  scenario: string;
  label: string;
  rate?: number;
  sent?: number;
  errors?: number;
  achievedRate?: number;
  inFlightAtEnd?: number;
  latencyMs?: Record<string, number>;
  marksMs?: Record<string, Record<string, number>>;
  sustained?: boolean;
  resources: ResourceReading;
}

export interface Reply {
  status: number;
  body: Record<string, unknown> | null;
}

const round = (x: number) => Math.round(x * 10) / 10;
export const ms = (s: { p50: number; p95: number; p99: number; max: number; count: number; slowestSentAtS?: number }) => ({
  count: s.count,
  p50: round(s.p50),
  p95: round(s.p95),
  p99: round(s.p99),
  max: round(s.max),
  ...(Number.isFinite(s.slowestSentAtS) ? { slowestSentAtS: round(s.slowestSentAtS!) } : {}),
});

/** What every scenario gets: the running stack, HTTP with tokens, resource readings, and where its figures go. */
export class BenchContext {
  readonly figures: Figure[] = [];
  readonly steps: StepRecord[] = [];
  readonly ratios: Record<string, number> = {};
  /** Highest sustained rates found, for scenarios that load at a fraction of another's maximum. */
  readonly maxRates: Record<string, number> = {};
  /** Workflow histories with event times: where a single request's time went. */
  readonly timelines: Array<{ what: string; events: Array<[number, string]> }> = [];
  private readonly jwt: JwtService;
  private readonly tokens = new Map<string, Promise<string>>();
  readonly sampler: () => ResourceSampler;

  constructor(
    readonly stack: Stack,
    readonly quick: boolean,
    readonly say: (m: string) => void,
    /** Every POST and PUT carries an Idempotency-Key, as a careful client sends it: what keeping the answers costs. */
    readonly keyed = false,
  ) {
    this.jwt = new JwtService({ secret: stack.jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: 12 * 3600 } });
    this.sampler = () => new ResourceSampler(() => stack.pids());
  }

  /** A signed token for a user, as the API's login would give it. */
  token(userId: string): Promise<string> {
    if (!this.tokens.has(userId)) this.tokens.set(userId, this.jwt.signAsync({ sub: userId }));
    return this.tokens.get(userId)!;
  }

  async http(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const key = this.keyed && method !== 'GET' ? { 'idempotency-key': `bench-${randomUUID()}` } : {};
    const res = await fetch(`${this.stack.apiBase}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...key, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }

  /** Like http, but anything but the expected status is an error carrying the answer. */
  async expect(status: number[], method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<Record<string, unknown>> {
    const r = await this.http(method, path, token, body, headers);
    if (!status.includes(r.status)) throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
    return r.body ?? {};
  }

  /** Failed set-up work (not measured), by what it was for: counted and retried, never the end of a run. */
  readonly setupErrors: Record<string, number> = {};

  /**
   * Set-up work that is not measured (seeding, topping up, warming): one
   * refused connection on a busy machine is counted in `setupErrors` and
   * retried, up to `attempts` tries in all.
   */
  async retrying<T>(what: string, work: () => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        this.setupErrors[what] = (this.setupErrors[what] ?? 0) + 1;
        this.say(`  ${what}: try ${attempt} of ${attempts} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (attempt >= attempts) throw err;
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  /** A few requests one after another, not measured: connections, JIT and caches warm before the first timed step. A failed one is counted, not fatal. */
  async warmUp(n: number, send: () => Promise<unknown>): Promise<void> {
    let failed = 0;
    for (let i = 0; i < n; i++) {
      try {
        await send();
      } catch (err) {
        failed++;
        this.setupErrors['warm-up'] = (this.setupErrors['warm-up'] ?? 0) + 1;
        if (failed === 1) this.say(`  warm-up request failed (counted, not fatal): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (failed === n) throw new Error(`every warm-up request failed (${n})`);
  }

  figure(f: Figure): void {
    this.figures.push(f);
    this.say(`  ${f.name} · ${f.metric}: ${f.value} ${f.unit}${f.limitedBy ? `  (limited by ${f.limitedBy})` : ''}`);
  }

  /** Runs one open-loop step with resource readings and records it. */
  async step(scenario: string, label: string, rate: number, seconds: number, send: Send): Promise<{ result: OpenLoopResult; record: StepRecord }> {
    const sampler = this.sampler().start();
    const result = await openLoop(rate, seconds, send);
    const resources = sampler.stop();
    const record: StepRecord = {
      scenario,
      label,
      rate,
      sent: result.sent,
      errors: result.errors,
      achievedRate: round(result.achievedRate),
      inFlightAtEnd: result.inFlightAtEnd,
      latencyMs: ms(result.latency.summary()),
      marksMs: Object.fromEntries([...result.marks].map(([k, v]) => [k, ms(v.summary())])),
      sustained: sustained(result),
      resources,
    };
    this.steps.push(record);
    const l = record.latencyMs!;
    this.say(
      `  ${scenario} ${label} @${rate}/s: ok ${result.ok}/${result.sent}, errors ${result.errors}, achieved ${record.achievedRate}/s, in flight at end ${result.inFlightAtEnd}, ` +
        `p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} max ${l.max} ms (sent at ${l.slowestSentAtS ?? '—'} s); ${busiest(resources)}; ` +
        `I/O wait ${resources.machineIoWaitPercent}%, ${resources.majorFaults} major page faults`,
    );
    if (result.errorSamples.length) this.say(`    errors: ${result.errorSamples.join(' | ')}`);
    return { result, record };
  }

  /**
   * Raises the rate step by step until a step fails `holds`; the answer is the
   * last rate that held, with the readings of that step and of the one that broke.
   */
  async findMaxRate(
    scenario: string,
    rates: number[],
    seconds: number,
    send: Send,
    holds: (r: OpenLoopResult) => boolean,
  ): Promise<{ rate: number; held?: StepRecord; broke?: StepRecord }> {
    let best: { rate: number; held?: StepRecord; broke?: StepRecord } = { rate: 0 };
    for (const rate of rates) {
      const { result, record } = await this.step(scenario, 'ramp', rate, seconds, send);
      if (!holds(result)) return { ...best, broke: record };
      best = { rate, held: record };
    }
    return best;
  }
}

/** What limited a maximum: the busiest process where the rate broke (or held, if it never broke). */
export function limiter(found: { held?: StepRecord; broke?: StepRecord }): string {
  const r = (found.broke ?? found.held)?.resources;
  if (!r) return 'not measured';
  const top = topCpu(r, 3);
  return `CPU where it broke — ${top} of a core; machine ${r.machineBusyPercent}% busy of 2 cores${stolen(r)}`;
}
