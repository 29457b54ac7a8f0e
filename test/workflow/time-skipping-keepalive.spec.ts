import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../support/temporal';

/**
 * The time-skipping server (grpc-java's defaults) closes a connection that
 * pings more often than every five minutes, or at all with no call open; the
 * SDK's default, every 30 s, got the client's connection closed mid-run.
 */
describe('the client connection to the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 60_000);
  afterAll(() => env?.teardown());

  it('pings no more often than the server permits, and not while no call is open', () => {
    const args = env.connection.options.channelArgs;
    expect(args['grpc.keepalive_time_ms']).toBeGreaterThanOrEqual(5 * 60_000);
    expect(args['grpc.keepalive_permit_without_calls']).toBe(0);
  });
});
