import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { type CampaignControlRequest, type CampaignView, campaignQuery, controlCampaignUpdate } from '../../libs/contracts/src';
import { type PlannedStage, stageOpensAt } from '../../libs/domain/src/core';
import { campaignActivities as activities } from './campaign-steps';
import { workflowTime } from './workflow-time';

/** What a campaign's workflow input carries for the machinery, whatever its process. */
export interface CampaignRunInput<Stage extends string> {
  campaignId: string;
  plan: ReadonlyArray<PlannedStage<Stage>>;
}

const refuse = (message: string, type = 'INVALID_ACTION'): never => {
  throw ApplicationFailure.nonRetryable(message, type);
};

/**
 * The machinery every campaign's workflow shares, whatever its process: its
 * stages and their deadlines (moved by extensions), the organisation
 * department's controls (pause, resume, extend a stage, cancel — each with a
 * reason, each recorded), the cancellation scope a cancel ends, and finishing.
 * Built once at the top of the workflow function, which then only says its
 * process's own steps inside `run`.
 *
 * Its commands are exactly those `redFlagCampaign` issued before it was
 * extracted (recorded histories replay), so their order here is load-bearing.
 */
export class CampaignRun<Stage extends string = string> {
  readonly view: CampaignView;
  private readonly scope = new CancellationScope();
  private readonly finished = new Set<string>();
  /** Stages that end at their deadline (windows, such as applications): they close on time, however long a pause held them. */
  private readonly closedByDeadline = new Set<string>();
  /** When each stage opened (the workflow's time), so a stage closed by its deadline is never recorded closing before it opened. */
  private readonly openedAt = new Map<string, number>();
  private controls = 0;

  constructor(private readonly input: CampaignRunInput<Stage>) {
    this.view = { campaignId: input.campaignId, status: 'running', stage: null, dues: Object.fromEntries(input.plan.map((s) => [s.stage, s.dueAt])) };
    setHandler(campaignQuery, () => this.view);
    setHandler(controlCampaignUpdate, (req) => this.control(req), { validator: (req) => this.validate(req) });
  }

  /** The stage's deadline now, extensions included. */
  dueAt(stage: Stage): string {
    return this.view.dues[stage]!;
  }

  /**
   * Records the start, runs the process's steps in a scope a cancel cancels
   * (open children with it), then finishes: returns how the campaign ended.
   */
  async run(body: () => Promise<void>): Promise<'completed' | 'cancelled'> {
    await activities.campaignStarted({ campaignId: this.input.campaignId, workflowId: workflowInfo().workflowId, plan: [...this.input.plan], at: workflowTime() });
    try {
      await this.scope.run(body);
    } catch (err) {
      if (!isCancellation(err)) throw err;
    }
    return this.complete();
  }

  /** Opens a stage once the campaign is not paused: a pause holds the next stage (work already open goes on). */
  async enter(stage: Stage): Promise<void> {
    await condition(() => this.view.status !== 'paused');
    this.view.stage = stage;
    this.openedAt.set(stage, Date.now());
    await activities.setStage({ campaignId: this.input.campaignId, stage, status: 'open', at: workflowTime() });
  }

  /** Waits for a stage's deadline (moved by extensions while waiting) and for the campaign not to be paused; the stage then closes on time. */
  async waitUntilDue(stage: Stage): Promise<void> {
    for (;;) {
      const due = this.view.dues[stage]!;
      const moved = await condition(() => this.view.dues[stage] !== due, Math.max(Date.parse(due) - Date.now(), 0));
      if (!moved) break;
    }
    await condition(() => this.view.status !== 'paused');
    this.closedByDeadline.add(stage);
  }

  /** Waits for the first day of a stage's window (China's midnight). */
  async waitUntilOpens(stage: Stage): Promise<void> {
    const planned = this.input.plan.find((s) => s.stage === stage)!;
    await condition(() => false, Math.max(Date.parse(stageOpensAt(planned)) - Date.now(), 0));
  }

  /**
   * Closes a stage, as overdue when its work ended after its (extended) deadline; it can no longer be extended.
   * A stage its deadline closed was not late, and closed at that deadline: the timer fires a moment after it
   * (a pause may hold it longer), and the record says when the stage closed, not when the workflow got to write it.
   */
  async finish(stage: Stage): Promise<void> {
    const due = Date.parse(this.view.dues[stage]!);
    const byDeadline = this.closedByDeadline.has(stage);
    const late = !byDeadline && Date.now() > due;
    const closedAt = byDeadline ? Math.max(Math.min(Date.now(), due), this.openedAt.get(stage) ?? 0) : Date.now();
    this.finished.add(stage);
    await activities.setStage({ campaignId: this.input.campaignId, stage, status: late ? 'overdue' : 'completed', at: new Date(closedAt).toISOString() });
  }

  private async complete(): Promise<'completed' | 'cancelled'> {
    const status = this.view.status === 'cancelled' ? 'cancelled' : 'completed';
    this.view.status = status;
    await CancellationScope.nonCancellable(() => activities.finishCampaign({ campaignId: this.input.campaignId, status, at: workflowTime() }));
    await condition(allHandlersFinished);
    return status;
  }

  private async control(req: CampaignControlRequest): Promise<CampaignView> {
    await activities.recordCampaignControl({ campaignId: this.input.campaignId, request: req, key: `${this.input.campaignId}:control:${++this.controls}`, at: workflowTime() });
    const { dues } = this.view;
    if (req.action === 'pause') this.view.status = 'paused';
    if (req.action === 'resume') this.view.status = 'running';
    // A subtree's extension moves the campaign's wait too: the stage ends when its last extension does.
    if (req.action === 'extend' && (!dues[req.stage!] || req.dueAt! > dues[req.stage!]!)) dues[req.stage!] = req.dueAt!;
    if (req.action === 'cancel') {
      this.view.status = 'cancelled';
      this.scope.cancel();
    }
    return this.view;
  }

  /** Refuses, before anything is recorded, a control the campaign cannot take now. */
  private validate(req: CampaignControlRequest): void {
    const { status, dues } = this.view;
    if (status === 'cancelled' || status === 'completed') refuse('评选活动已结束，无法再操作', 'TASK_NOT_OPEN');
    if (!req.reason?.trim()) refuse('暂停、恢复、延期或撤销评选活动都须说明理由');
    if (req.action === 'pause' && status === 'paused') refuse('评选活动已处于暂停状态');
    if (req.action === 'resume' && status !== 'paused') refuse('评选活动未暂停，无需恢复');
    if (req.action === 'extend') {
      if (!req.stage) refuse('须指明延期的阶段');
      if (!Object.hasOwn(dues, req.stage!)) refuse(`本评选活动没有“${req.stage}”阶段，无法延期`, 'STAGE_UNKNOWN');
      if (!req.dueAt || Number.isNaN(Date.parse(req.dueAt)) || Date.parse(req.dueAt) <= Date.now()) refuse('新的截止时间须晚于当前时间');
      if (this.finished.has(req.stage!)) refuse('该阶段已结束，不能延期');
    }
  }
}
