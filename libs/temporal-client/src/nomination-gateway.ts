import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  type DomainFailureType,
  NOMINATION_REVIEW_WORKFLOW,
  type NominationReceipt,
  type NominationReviewInput,
  type ResubmissionRequest,
  type ReviewDecisionRequest,
  nominationWorkflowId,
  resubmitNominationUpdate,
  reviewDecisionUpdate,
  submitNominationUpdate,
} from '../../contracts/src';

/** A business rule the workflow refused; `type` is one of DomainFailure. */
export class WorkflowRefusal extends Error {
  constructor(
    readonly type: DomainFailureType | string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowRefusal';
  }
}

/** The workflow was started but did not answer in time (e.g. no worker is running yet). */
export class WorkflowPending extends Error {
  constructor(readonly workflowId: string) {
    super(`workflow ${workflowId} accepted the request but has not answered yet`);
    this.name = 'WorkflowPending';
  }
}

export class WorkflowMissing extends Error {}

/** The workflow for this id ran and finished before; a retried start must not run it again. */
export class WorkflowAlreadyFinished extends Error {
  constructor(readonly workflowId: string) {
    super(`workflow ${workflowId} has already finished`);
    this.name = 'WorkflowAlreadyFinished';
  }
}

/** The API's only way into nomination workflows; request ids make every call idempotent. */
export class NominationGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly answerTimeoutMs = 20_000,
  ) {}

  async submit(input: NominationReviewInput, requestId: string): Promise<NominationReceipt> {
    const workflowId = nominationWorkflowId(input.nominationId);
    const start = new WithStartWorkflowOperation(NOMINATION_REVIEW_WORKFLOW, {
      workflowId,
      taskQueue: this.taskQueue,
      args: [input],
      // A retry joins the running workflow; once it has finished, the id is never reused.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    const started = start.workflowHandle().then(
      () => true,
      () => false,
    );
    try {
      return await this.withinDeadline(
        this.client.workflow.executeUpdateWithStart(submitNominationUpdate, { startWorkflowOperation: start, updateId: requestId }),
        async () => ((await started) ? new WorkflowPending(workflowId) : undefined),
      );
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new WorkflowAlreadyFinished(workflowId);
      throw translate(err);
    }
  }

  async decide(nominationId: string, request: ReviewDecisionRequest, requestId: string): Promise<NominationReceipt> {
    return this.update(nominationId, () =>
      this.client.workflow.getHandle(nominationWorkflowId(nominationId)).executeUpdate(reviewDecisionUpdate, { args: [request], updateId: requestId }),
    );
  }

  async resubmit(nominationId: string, request: ResubmissionRequest, requestId: string): Promise<NominationReceipt> {
    return this.update(nominationId, () =>
      this.client.workflow.getHandle(nominationWorkflowId(nominationId)).executeUpdate(resubmitNominationUpdate, { args: [request], updateId: requestId }),
    );
  }

  private async update(nominationId: string, call: () => Promise<NominationReceipt>): Promise<NominationReceipt> {
    const workflowId = nominationWorkflowId(nominationId);
    try {
      return await this.withinDeadline(call(), async () => new WorkflowPending(workflowId));
    } catch (err) {
      throw translate(err);
    }
  }

  /** Races the call against the deadline; on time-out throws what `onTimeout` gives (if anything). */
  private async withinDeadline<T>(call: Promise<T>, onTimeout: () => Promise<Error | undefined>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.answerTimeoutMs);
    });
    try {
      const result = await Promise.race([call, deadline]);
      if (result !== 'timeout') return result;
      call.catch(() => undefined); // it may still settle; nobody is waiting any more
      const err = await onTimeout();
      throw err ?? new Error('Temporal did not answer in time');
    } finally {
      clearTimeout(timer);
    }
  }
}

function translate(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    let cause: unknown = err.cause;
    while (cause instanceof Error && !(cause instanceof ApplicationFailure)) cause = cause.cause;
    if (cause instanceof ApplicationFailure) return new WorkflowRefusal(cause.type ?? 'Refused', cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return new WorkflowMissing(err.message);
  return err;
}
