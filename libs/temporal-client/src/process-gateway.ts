import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  type AgencyAnswerRequest,
  type CampaignControlRequest,
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
  PUBLIC_NOTICE_WORKFLOW,
  type PublicNoticeInput,
  type TaskActionRequest,
  humanTaskWorkflowId,
  lodgeObjectionUpdate,
  publicNoticeWorkflowId,
  taskActionUpdate,
} from '../../contracts/src';
import { DEFAULT_ANSWER_TIMEOUT_MS, WorkflowAlreadyFinished, sendUpdate } from './updates';

/** The API's way into the engine's primitives: human tasks and public notices. */
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
