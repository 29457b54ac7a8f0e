import { isErrorCode } from '../../../../libs/contracts/src';
import { WorkflowAlreadyFinished, WorkflowMissing, WorkflowPending, WorkflowRefusal } from '../../../../libs/temporal-client/src';
import { ApiError } from './api-error';

/** A failure type no code in the registry answers: a defect to see in the logs, not a guess at a 409. */
export class UnknownRefusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(`workflow refused with unregistered failure type ${type}: ${message}`);
    this.name = 'UnknownRefusal';
  }
}

/** Maps what the workflow layer said to an HTTP answer with its Chinese message. */
export function translateWorkflowError(err: unknown): unknown {
  if (err instanceof WorkflowRefusal) {
    return isErrorCode(err.type) ? new ApiError(err.type, err.message) : new UnknownRefusal(err.type, err.message);
  }
  if (err instanceof WorkflowPending) return new ApiError('WORKFLOW_BUSY');
  if (err instanceof WorkflowMissing || err instanceof WorkflowAlreadyFinished) return new ApiError('ALREADY_FINISHED');
  return err;
}

/**
 * The read model says the task or nomination has moved on. That refuses the request, unless
 * this very request closed it: a retry (same Idempotency-Key, so the same
 * request id) whose first answer was lost on the way. The engine keeps each
 * request id's outcome and answers it again; for any other request it refuses,
 * and the read model's refusal stands.
 */
export async function alreadyDoneOr<T>(refusal: ApiError, resend: () => Promise<T>): Promise<T> {
  try {
    return await resend();
  } catch {
    throw refusal;
  }
}
