import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  type AgencyAnswerRequest,
  type AssessorScoresRequest,
  type CampaignControlRequest,
  type CompleteObligationRequest,
  type CampaignView,
  type ConsultationView,
  agencyAnswerUpdate,
  campaignWorkflowId,
  consultationWorkflowId,
  controlCampaignUpdate,
  HUMAN_TASK_WORKFLOW,
  type HumanTaskInput,
  type HumanTaskView,
  type ObjectionRequest,
  type OccurrenceView,
  PUBLIC_NOTICE_WORKFLOW,
  type PublicNoticeInput,
  type RubricAssessmentView,
  type SelfScoresRequest,
  type TaskActionRequest,
  completeObligationUpdate,
  type RecordObligationRequest,
  recordObligationUpdate,
  humanTaskRulesQuery,
  humanTaskWorkflowId,
  lodgeObjectionUpdate,
  publicNoticeWorkflowId,
  submitAssessmentUpdate,
  submitSelfScoresUpdate,
  taskActionUpdate,
} from '../../contracts/src';
import type { TaskDecisionRules } from '../../domain/src';
import { DEFAULT_ANSWER_TIMEOUT_MS, WorkflowAlreadyFinished, WorkflowPending, sendUpdate, translateUpdateError, withinDeadline } from './updates';

/** The API's way into the engine's primitives: human tasks, public notices, consultations, obligations, rubric assessments, campaigns. */
export class ProcessGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
  ) {}

  async startHumanTask(input: HumanTaskInput): Promise<void> {
    await this.start(HUMAN_TASK_WORKFLOW, humanTaskWorkflowId(input.taskId), [input]);
  }

  actOnTask(taskId: string, request: TaskActionRequest, requestId: string): Promise<HumanTaskView> {
    return sendUpdate(this.client, humanTaskWorkflowId(taskId), taskActionUpdate, [request], requestId, this.answerTimeoutMs);
  }

  /** A human task's decision rules, from the workflow itself (for read-model rows written before they were kept there). */
  async humanTaskRules(taskId: string): Promise<TaskDecisionRules> {
    const workflowId = humanTaskWorkflowId(taskId);
    try {
      const call = this.client.workflow.getHandle(workflowId).query(humanTaskRulesQuery);
      return await withinDeadline(call, this.answerTimeoutMs, async () => new WorkflowPending(workflowId));
    } catch (err) {
      throw translateUpdateError(err);
    }
  }

  /** Completes one occurrence of an obligation schedule with its evidence. */
  completeObligation(scheduleWorkflowId: string, request: CompleteObligationRequest, requestId: string): Promise<OccurrenceView> {
    return sendUpdate(this.client, scheduleWorkflowId, completeObligationUpdate, [request], requestId, this.answerTimeoutMs);
  }

  /** Adds one record to a counted obligation's occurrence. */
  recordObligation(scheduleWorkflowId: string, request: RecordObligationRequest, requestId: string): Promise<OccurrenceView> {
    return sendUpdate(this.client, scheduleWorkflowId, recordObligationUpdate, [request], requestId, this.answerTimeoutMs);
  }

  submitSelfScores(assessmentWorkflowId: string, request: SelfScoresRequest, requestId: string): Promise<RubricAssessmentView> {
    return sendUpdate(this.client, assessmentWorkflowId, submitSelfScoresUpdate, [request], requestId, this.answerTimeoutMs);
  }

  submitAssessment(assessmentWorkflowId: string, request: AssessorScoresRequest, requestId: string): Promise<RubricAssessmentView> {
    return sendUpdate(this.client, assessmentWorkflowId, submitAssessmentUpdate, [request], requestId, this.answerTimeoutMs);
  }

  /** Publishes a notice; publishing the same notice id again is the same publication. */
  async publishNotice(input: PublicNoticeInput): Promise<void> {
    try {
      await this.start(PUBLIC_NOTICE_WORKFLOW, publicNoticeWorkflowId(input.noticeId), [input]);
    } catch (err) {
      if (!(err instanceof WorkflowAlreadyFinished)) throw err;
    }
  }

  lodgeObjection(noticeId: string, request: ObjectionRequest): Promise<{ objectionId: string; status: string }> {
    // The objection id is the request id: a retried submission is the same objection.
    return sendUpdate(this.client, publicNoticeWorkflowId(noticeId), lodgeObjectionUpdate, [request], request.objectionId, this.answerTimeoutMs);
  }

  /** Starts a campaign's workflow, of the type its process names; starting it twice is the same start. */
  async startCampaign(workflowType: string, campaignId: string, input: unknown): Promise<void> {
    try {
      await this.start(workflowType, campaignWorkflowId(campaignId), [input]);
    } catch (err) {
      if (!(err instanceof WorkflowAlreadyFinished)) throw err;
    }
  }

  /** Starts a process's own workflow under a deterministic id; starting it again (a retried request) is the same start. */
  async startOnce(workflowType: string, workflowId: string, input: unknown): Promise<void> {
    try {
      await this.start(workflowType, workflowId, [input]);
    } catch (err) {
      if (!(err instanceof WorkflowAlreadyFinished)) throw err;
    }
  }

  controlCampaign(campaignId: string, request: CampaignControlRequest, requestId: string): Promise<CampaignView> {
    return sendUpdate(this.client, campaignWorkflowId(campaignId), controlCampaignUpdate, [request], requestId, this.answerTimeoutMs);
  }

  answerConsultation(consultationId: string, request: AgencyAnswerRequest, requestId: string): Promise<ConsultationView> {
    return sendUpdate(this.client, consultationWorkflowId(consultationId), agencyAnswerUpdate, [request], requestId, this.answerTimeoutMs);
  }

  private async start(type: string, workflowId: string, args: unknown[]): Promise<void> {
    try {
      await this.client.workflow.start(type, { workflowId, taskQueue: this.taskQueue, args, workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new WorkflowAlreadyFinished(workflowId);
      throw err;
    }
  }
}
