import type { ConnectionPlugin } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * The time-skipping server is grpc-java with its default keepalive policy: a
 * client may ping at most every five minutes, and only while a call is open.
 * The SDK's client pings every 30 s, calls or not, so a connection that went
 * quiet for 90 s drew a third ping too soon and the server closed it (GOAWAY
 * too_many_pings, "rejected by server because of excess pings"), failing the
 * calls in flight. `createTimeSkipping` takes no connection options, so this
 * plugin sets the client's pings to what the server permits.
 */
export const TEST_SERVER_PERMITTED_PING_INTERVAL_MS = 5 * 60_000;

export const pingWithinTestServerPolicy: ConnectionPlugin = {
  name: 'pennant-ping-within-test-server-policy',
  configureConnection: (options) => ({
    ...options,
    channelArgs: {
      ...options.channelArgs,
      'grpc.keepalive_time_ms': TEST_SERVER_PERMITTED_PING_INTERVAL_MS,
      'grpc.keepalive_permit_without_calls': 0,
    },
  }),
};

/** Temporal's time-skipping server at `serverPath`, with a client connection that keeps to its ping policy. */
export function startTimeSkippingEnvironment(serverPath: string): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverPath } },
    plugins: [pingWithinTestServerPolicy],
  });
}
