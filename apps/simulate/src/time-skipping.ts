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
  return startPatiently(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: serverPath } },
      plugins: [pingWithinTestServerPolicy],
    }),
  );
}

/** How many times a server start is tried when the SDK gave up waiting for it. */
export const SERVER_START_ATTEMPTS = 3;

/**
 * The SDK waits 5 s for the server's port and cannot be told to wait longer;
 * the Java server can take more on a loaded machine. A start that timed out
 * is tried again (on a new port); any other failure is final.
 */
export async function startPatiently<T>(start: () => Promise<T>, attempts = SERVER_START_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= attempts || !/did not start within/i.test(String((err as Error)?.message))) throw err;
    }
  }
}

/** How long the clock may run at wall-clock pace, nothing outstanding, before a lock counts as left behind. */
const STUCK_AFTER_MS = 20_000;
const WATCH_EVERY_MS = 2_000;

/** How patiently skipTime watches for a left-behind lock: the defaults above, shorter where a test leaves the locks itself. */
export interface LockWatch {
  /** The clock at wall-clock pace this long, nothing outstanding: look for a lock left behind. */
  stuckAfterMs: number;
  /** How often the clock is read, and how far apart the two looks that must see no workflow move on. */
  watchEveryMs: number;
}

/** The open workflows' state: whether any has work that holds the time-skipping lock while it runs (a workflow or activity task), and their events so far. */
async function openWork(env: TestWorkflowEnvironment): Promise<{ outstanding: boolean; events: number }> {
  const { workflowService } = env.connection;
  const namespace = env.namespace ?? 'default';
  let nextPageToken: Uint8Array | undefined;
  let events = 0;
  let outstanding = false;
  do {
    const page = await workflowService.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1000, nextPageToken });
    for (const { execution } of page.executions) {
      const d = await workflowService.describeWorkflowExecution({ namespace, execution });
      if (d.pendingWorkflowTask || d.pendingActivities.length > 0) outstanding = true;
      events += Number(d.workflowExecutionInfo?.historyLength ?? 0);
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { outstanding, events };
}

/**
 * Whether the lock is left behind rather than held by slow work: nothing
 * outstanding, and no workflow moved on between two looks a moment apart
 * (thousands of workflows woken at one instant keep the clock still while
 * they run, taking and releasing the lock many times, with nothing pending
 * at any one look).
 */
async function lockLeftBehind(env: TestWorkflowEnvironment, watchEveryMs: number): Promise<boolean> {
  const first = await openWork(env);
  if (first.outstanding) return false;
  await new Promise((resolve) => setTimeout(resolve, watchEveryMs));
  const second = await openWork(env);
  return !second.outstanding && second.events === first.events;
}

/**
 * `env.sleep`, proof against time-skipping locks the server leaves behind.
 * The server skips time only while nobody holds its lock; it can keep a lock
 * after the work that took it is gone (all workflows closed, nothing
 * pending), and from then on its clock runs at wall-clock pace, so a sleep of
 * a week takes a week. While the sleep waits, when the clock has not skipped
 * for STUCK_AFTER_MS, no workflow or activity task is outstanding and no
 * workflow moves on, one left-behind lock is released, and while the clock
 * still stands with nothing moving, the next a moment later (the server
 * leaves one each time a child completes after its parent has closed); the
 * sleep relocks when it ends, as it does.
 */
export async function skipTime(
  env: TestWorkflowEnvironment,
  ms: number,
  onRelease: (message: string) => void = () => undefined,
  { stuckAfterMs = STUCK_AFTER_MS, watchEveryMs = WATCH_EVERY_MS }: Partial<LockWatch> = {},
): Promise<void> {
  const testService = env.connection.testService;
  if (!testService) throw new Error('skipTime needs a time-skipping environment');
  let asleep = true;
  const sleeping = env.sleep(ms).finally(() => {
    asleep = false;
  });
  const watching = (async () => {
    let since = { wall: Date.now(), clock: await env.currentTimeMs() };
    // Work that starts many children at one instant can leave several locks behind: once one is found, look again soon.
    let patience = stuckAfterMs;
    while (asleep) {
      let tick: NodeJS.Timeout | undefined;
      await Promise.race([sleeping, new Promise((resolve) => (tick = setTimeout(resolve, watchEveryMs)))]);
      clearTimeout(tick);
      if (!asleep) return;
      const now = { wall: Date.now(), clock: await env.currentTimeMs() };
      // Skipping: the clock outruns the wall clock.
      if (now.clock - since.clock > 2 * (now.wall - since.wall) + 1_000) {
        since = now;
        patience = stuckAfterMs;
      } else if (now.wall - since.wall >= patience && asleep) {
        if (!(await lockLeftBehind(env, watchEveryMs)) || !asleep) {
          since = { wall: Date.now(), clock: await env.currentTimeMs() };
          patience = stuckAfterMs;
          continue;
        }
        try {
          await testService.unlockTimeSkipping({});
          onRelease(`time skipping was held by a lock nothing owns (clock at ${new Date(now.clock).toISOString()}): released it`);
          patience = watchEveryMs;
        } catch (err) {
          // No lock was held after all (the server refuses to go below none): wait as long as at first before trying again.
          onRelease(`time skipping stood still with no lock held (clock at ${new Date(now.clock).toISOString()}): ${(err as Error).message.split('\n')[0]}`);
          patience = stuckAfterMs;
        }
        since = { wall: Date.now(), clock: await env.currentTimeMs() };
      }
    }
  })();
  await Promise.all([sleeping, watching]);
}
