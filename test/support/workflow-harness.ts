import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { activationLimit } from '../../apps/worker/src/worker';
import { type TestDatabase, createTestDatabase } from './database';
import { readInfra } from './infra';
import { createTimeSkippingEnv } from './temporal';

/** One time-skipping server, one database and one worker for a test file's workflows. */
export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  taskQueue: string;
  stop(): Promise<void>;
}

/** `workflowsPath`: a test's own workflows module (re-exporting workflows/ and adding fixtures); the run's bundle of workflows/ by default. */
export async function startWorkflowHarness(taskQueue: string, o: { workflowsPath?: string } = {}): Promise<WorkflowHarness> {
  const [env, db] = await Promise.all([createTimeSkippingEnv(), createTestDatabase()]);
  let worker: Worker;
  try {
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      ...(o.workflowsPath ? { workflowsPath: o.workflowsPath } : { workflowBundle: { codePath: readInfra().workflowBundle } }),
      activities: createActivities(db.dataSource),
      // As the worker runs them: no watchdog thread per entry into the sandbox.
      ...activationLimit(0),
    });
  } catch (err) {
    // A broken bundle must not leave the test server and the database behind.
    await env.teardown().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw err;
  }
  const running = worker.run();
  return {
    env,
    db,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}

/** The failure type an update was refused with (its validator's ApplicationFailure), or 'WorkflowClosed'. */
export async function refusalType(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  // An update to a workflow that has already finished never reaches a validator.
  if (err instanceof WorkflowNotFoundError || /already completed/.test(String(err))) return 'WorkflowClosed';
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  let cause: unknown = err.cause;
  while (cause instanceof Error && !(cause instanceof ApplicationFailure)) cause = cause.cause;
  return (cause as ApplicationFailure | undefined)?.type ?? undefined;
}

/** Re-checks a condition until it holds; for state that a workflow reaches over several of its own steps. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
