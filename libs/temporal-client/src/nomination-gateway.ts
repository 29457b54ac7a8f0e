import { type Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
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
import { DEFAULT_ANSWER_TIMEOUT_MS, WorkflowAlreadyFinished, WorkflowMissing, WorkflowPending, sendUpdate, translateUpdateError, withinDeadline } from './updates';

/** The API's only way into nomination workflows; request ids make every call idempotent. */
export class NominationGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
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
      return await withinDeadline(
        this.client.workflow.executeUpdateWithStart(submitNominationUpdate, { startWorkflowOperation: start, updateId: requestId }),
        this.answerTimeoutMs,
        async () => ((await started) ? new WorkflowPending(workflowId) : undefined),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw translateUpdateError(err);
    }
    // The workflow has finished: a retry of the request that started it gets the outcome the engine kept for it (a receipt or the refusal).
    try {
      const call = this.client.workflow.getHandle(workflowId).executeUpdate(submitNominationUpdate, { updateId: requestId });
      return await withinDeadline(call, this.answerTimeoutMs, async () => new WorkflowPending(workflowId));
    } catch (err) {
      const translated = translateUpdateError(err);
      throw translated instanceof WorkflowMissing ? new WorkflowAlreadyFinished(workflowId) : translated;
    }
  }

  decide(nominationId: string, request: ReviewDecisionRequest, requestId: string): Promise<NominationReceipt> {
    return sendUpdate(this.client, nominationWorkflowId(nominationId), reviewDecisionUpdate, [request], requestId, this.answerTimeoutMs);
  }

  resubmit(nominationId: string, request: ResubmissionRequest, requestId: string): Promise<NominationReceipt> {
    return sendUpdate(this.client, nominationWorkflowId(nominationId), resubmitNominationUpdate, [request], requestId, this.answerTimeoutMs);
  }
}
