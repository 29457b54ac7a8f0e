/** What a retrying client saw: each request it meant to make, how often it had to send it, how it ended. */
export interface ClientFigures {
  requests: number;
  sends: number;
  retries: number;
  accepted: number;
  refused: number;
  gaveUp: number;
  byStatus: Record<string, number>;
  /** Final refusals, which a correct run never gets: what was asked and what came back. */
  refusals: string[];
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A client as the README tells one to be: every request carries its own
 * Idempotency-Key, and whatever is not a final answer (no connection, 5xx,
 * 202 "accepted, still registering", 409 "same key still running", 429) is
 * sent again with the same key after the time the server asks for, or a
 * growing pause, until a deadline.
 */
export class RetryingClient {
  readonly figures: ClientFigures = { requests: 0, sends: 0, retries: 0, accepted: 0, refused: 0, gaveUp: 0, byStatus: {}, refusals: [] };

  constructor(
    private readonly base: string,
    private readonly deadlineMs = 180_000,
  ) {}

  async send(method: 'POST' | 'PUT', path: string, token: string | null, key: string, body: unknown): Promise<Answer | null> {
    this.figures.requests++;
    const started = Date.now();
    let pause = 250;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.figures.retries++;
      this.figures.sends++;
      const answer = await this.once(method, path, token, key, body);
      const status = answer.status === 0 ? 'no connection' : String(answer.status);
      this.figures.byStatus[status] = (this.figures.byStatus[status] ?? 0) + 1;
      if (isFinal(answer)) {
        if (answer.status < 300) this.figures.accepted++;
        else {
          this.figures.refused++;
          this.figures.refusals.push(`${method} ${path} → ${answer.status} ${String(answer.body.code)}: ${String(answer.body.message)}`);
        }
        return answer;
      }
      if (Date.now() - started > this.deadlineMs) {
        this.figures.gaveUp++;
        return null;
      }
      const retryAfter = Number(answer.retryAfter);
      await new Promise((r) => setTimeout(r, Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, pause * 4) : pause));
      pause = Math.min(pause * 2, 4000);
    }
  }

  private async once(method: string, path: string, token: string | null, key: string, body: unknown): Promise<Answer & { retryAfter?: string | null }> {
    try {
      const res = await fetch(`${this.base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, retryAfter: res.headers.get('retry-after') };
    } catch {
      return { status: 0, body: {} };
    }
  }
}

function isFinal(a: Answer): boolean {
  if (a.status === 0 || a.status === 202 || a.status === 429 || a.status >= 500) return false;
  if (a.status === 409 && a.body.code === 'IDEMPOTENCY_KEY_IN_USE') return false;
  return true;
}
