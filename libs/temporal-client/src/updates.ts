import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';

/** A business rule the workflow refused; `type` is the rule's failure type. */
export class WorkflowRefusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowRefusal';
  }
}

/** The workflow was reached but did not answer in time (e.g. no worker is running yet). */
export class WorkflowPending extends Error {
  constructor(readonly workflowId: string) {
    super(`workflow ${workflowId} has not answered yet`);
    this.name = 'WorkflowPending';
  }
}

/** No such workflow, or it has finished: nothing can act on it any more. */
export class WorkflowMissing extends Error {
  override name = 'WorkflowMissing';
}

/** The workflow for this id ran and finished before; a retried start must not run it again. */
export class WorkflowAlreadyFinished extends Error {
  constructor(readonly workflowId: string) {
    super(`workflow ${workflowId} has already finished`);
    this.name = 'WorkflowAlreadyFinished';
  }
}

export const DEFAULT_ANSWER_TIMEOUT_MS = 20_000;

/** Races a call against a deadline; on time-out throws what `onTimeout` gives (or a plain error). */
export async function withinDeadline<T>(call: Promise<T>, timeoutMs: number, onTimeout: () => Promise<Error | undefined>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([call, deadline]);
    if (result !== 'timeout') return result;
    call.catch(() => undefined); // it may still settle; nobody is waiting any more
    throw (await onTimeout()) ?? new Error('Temporal did not answer in time');
  } finally {
    clearTimeout(timer);
  }
}

/** Turns the SDK's errors into the three things a caller acts on: refused, missing, or as it was. */
export function translateUpdateError(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    let cause: unknown = err.cause;
    while (cause instanceof Error && !(cause instanceof ApplicationFailure)) cause = cause.cause;
    if (cause instanceof ApplicationFailure) return new WorkflowRefusal(cause.type ?? 'Refused', cause.message);
  }
  if (err instanceof WorkflowNotFoundError || /already completed|workflow execution already/i.test(String((err as Error)?.message))) {
    return new WorkflowMissing(String((err as Error).message));
  }
  return err;
}

/** Sends an update and waits for its result; the request id makes a retry return the first result. */
export async function sendUpdate<Ret, Args extends [unknown, ...unknown[]]>(
  client: Client,
  workflowId: string,
  def: UpdateDefinition<Ret, Args>,
  args: Args,
  requestId: string,
  timeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
): Promise<Ret> {
  try {
    const call = client.workflow.getHandle(workflowId).executeUpdate(def, { args, updateId: requestId });
    return await withinDeadline(call, timeoutMs, async () => new WorkflowPending(workflowId));
  } catch (err) {
    throw translateUpdateError(err);
  }
}
