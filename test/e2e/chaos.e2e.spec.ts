import { runChaos } from '../../tools/chaos/run';

/**
 * `npm run chaos`, small: nominations and approvals over HTTP while the worker
 * is SIGKILLed and PostgreSQL is restarted under the API and the worker; the
 * client retries with its Idempotency-Keys. Every accepted request must exist
 * exactly once, nothing unasked for may exist, and the audit chain must verify.
 */
describe('chaos: a worker killed and PostgreSQL restarted mid-traffic', () => {
  it('loses nothing and doubles nothing', async () => {
    const lines: string[] = [];
    const report = await runChaos({ nominations: 24, concurrency: 4, workerKills: 1, databaseRestarts: 1, databaseDownMs: 2000, say: (m) => lines.push(m) });
    expect(report.faults).toEqual({ workerKills: 1, databaseRestarts: 1 });
    expect(report.refusals).toEqual([]);
    expect(report).toMatchObject({ requests: 48, accepted: 48, gaveUp: 0, lost: 0, duplicated: 0, audit: { ok: true } });
    // The faults were felt: some requests had to be sent again.
    expect(report.retries).toBeGreaterThan(0);
  });
});
