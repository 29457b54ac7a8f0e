import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { skipTime } from '../../apps/simulate/src/time-skipping';
import { createTimeSkippingEnv } from '../support/temporal';

const DAY = 86_400_000;
/**
 * The locks here are left by the test itself, nothing else runs: skipTime may look for them sooner than in a
 * simulation (20 s, then 2 s apart), yet leaves a released sleep two seconds to end before it would look again.
 */
const WATCH = { stuckAfterMs: 3_000, watchEveryMs: 1_000 };

describe('the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 60_000);
  afterAll(() => env?.teardown());

  /**
   * grpc-java's defaults close a connection that pings more often than every
   * five minutes, or at all with no call open; the SDK's default, every 30 s,
   * got the client's connection closed under a long call.
   */
  it("is pinged by the client no more often than it permits, and not while no call is open", () => {
    const args = env.connection.options.channelArgs;
    expect(args['grpc.keepalive_time_ms']).toBeGreaterThanOrEqual(5 * 60_000);
    expect(args['grpc.keepalive_permit_without_calls']).toBe(0);
  });

  /**
   * A lock the server kept after the work that took it was gone (as in the
   * simulated years, all workflows closed) stopped its clock skipping: a
   * week's sleep then lasted a week. skipTime releases it and the week passes.
   */
  it('skips a week though a lock nothing owns holds time skipping', async () => {
    await env.connection.testService!.lockTimeSkipping({});
    const before = await env.currentTimeMs();
    const released: string[] = [];
    await skipTime(env, 7 * DAY, (m) => released.push(m), WATCH);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(7 * DAY);
    expect(released).toHaveLength(1);
  }, 120_000);

  /** A child completing after its parent closed leaves a lock each time: a district's abandoned schedules leave hundreds at once. */
  it('releases every lock left behind, one after another', async () => {
    for (let i = 0; i < 5; i++) await env.connection.testService!.lockTimeSkipping({});
    const before = await env.currentTimeMs();
    const released: string[] = [];
    await skipTime(env, 7 * DAY, (m) => released.push(m), WATCH);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(7 * DAY);
    expect(released).toHaveLength(5);
  }, 120_000);
});
