import { HttpStatus } from '@nestjs/common';
import { DomainFailure } from '../../../../libs/contracts/src';
import { WorkflowMissing, WorkflowPending, WorkflowRefusal } from '../../../../libs/temporal-client/src';
import { ApiError } from './api-error';

const STATUS_BY_REFUSAL: Record<string, HttpStatus> = {
  [DomainFailure.DuplicateNomination]: HttpStatus.CONFLICT,
  [DomainFailure.TaskNotOpen]: HttpStatus.CONFLICT,
  [DomainFailure.NotAssignee]: HttpStatus.FORBIDDEN,
  [DomainFailure.InvalidDecision]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainFailure.NotResubmittable]: HttpStatus.CONFLICT,
  NotSubmitter: HttpStatus.FORBIDDEN,
  AlreadyActed: HttpStatus.CONFLICT,
  InvalidAction: HttpStatus.UNPROCESSABLE_ENTITY,
  NoticeClosed: HttpStatus.CONFLICT,
  UnknownItem: HttpStatus.NOT_FOUND,
  ItemRemoved: HttpStatus.CONFLICT,
  DuplicateObjection: HttpStatus.CONFLICT,
  InvalidObjection: HttpStatus.BAD_REQUEST,
  CalendarYearMissing: HttpStatus.UNPROCESSABLE_ENTITY,
  SelectionRuleViolated: HttpStatus.UNPROCESSABLE_ENTITY,
  InvalidScores: HttpStatus.UNPROCESSABLE_ENTITY,
  InvalidEvidence: HttpStatus.UNPROCESSABLE_ENTITY,
  DeadlinePassed: HttpStatus.UNPROCESSABLE_ENTITY,
  InvalidFormData: HttpStatus.UNPROCESSABLE_ENTITY,
  ConsultationClosed: HttpStatus.CONFLICT,
};

/** Maps what the workflow layer said to an HTTP answer with its Chinese message. */
export function translateWorkflowError(err: unknown): unknown {
  if (err instanceof WorkflowRefusal) {
    return new ApiError(STATUS_BY_REFUSAL[err.type] ?? HttpStatus.CONFLICT, err.type, err.message);
  }
  if (err instanceof WorkflowPending) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'WORKFLOW_BUSY', '流程引擎暂未响应，请稍后刷新查看结果；如未生效，可携带相同的 Idempotency-Key 重试');
  }
  if (err instanceof WorkflowMissing) {
    return new ApiError(HttpStatus.CONFLICT, 'ALREADY_FINISHED', '该事项已办结，无法再操作');
  }
  return err;
}
