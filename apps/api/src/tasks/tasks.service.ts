import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TASK_ACTION_LABELS, type TaskAction, type TaskDecisionRules, type TaskForm, outcomeLabel } from '../../../../libs/domain/src';
import { TaskEntity } from '../../../../libs/persistence/src';
import { TASK_FORMS } from '../../../../libs/processes/src';
import type { NominationGateway, ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { foreignAttachments } from '../attachments/referenced-attachments';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { alreadyDoneOr, translateWorkflowError } from '../common/workflow-errors';
import { NOMINATION_GATEWAY, PROCESS_GATEWAY } from '../tokens';
import { presentTask } from './present-task';
import { receiptsOf, recordOpen } from './receipts';
import { type InboxFilters, inboxFilters, inboxPage } from './inbox.query';
import { type Gateways, type TaskKind, availableActions, isHumanTask, isRefusal, taskKindOf } from './kinds';

@Injectable()
export class TasksService {
  private readonly gateways: Gateways;

  constructor(
    private readonly ds: DataSource,
    @Inject(NOMINATION_GATEWAY) nominations: NominationGateway,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {
    this.gateways = { nominations, processes };
  }

  /** The caller's inbox, filtered, soonest due first (inbox.query.ts). */
  inbox(p: Principal, q: InboxFilters) {
    return inboxPage(this.ds, p, q);
  }

  /** The processes, stages, kinds and organisations of the caller's open tasks, for the inbox's filters. */
  inboxFilters(p: Principal) {
    return inboxFilters(this.ds, p);
  }

  /**
   * A decision judged as POST /tasks/{id}/decision would judge it before
   * anything is sent (the caller, the outcome, the opinion, the form and its
   * rules), so a screen shows a broken rule while the user is still choosing.
   * Nothing is stored or sent.
   */
  async check(p: Principal, id: string, action: Extract<TaskAction, { type: 'decide' }>) {
    const task = await this.visible(p, id);
    const kind = taskKindOf(task);
    const refusal = (code: string, message: string) => ({ acceptable: false, code, message });
    if (!kind.actions.includes('decide')) return refusal('UNSUPPORTED_ACTION', `该任务不支持“${TASK_ACTION_LABELS.decide}”操作`);
    if (task.status !== 'open') return refusal('TASK_NOT_OPEN', '该任务已办结，无法再操作');
    const grant = kind.actor(task, p, 'decide');
    if (isRefusal(grant)) return refusal('FORBIDDEN', grant.refused);
    const checked = checkDecision(kind, task, task.rules, action);
    if (checked instanceof ApiError) return refusal(checked.code, checked.message);
    const foreign = await foreignAttachments(this.ds, task, checked.data);
    return foreign ? refusal(foreign.code, foreign.message) : { acceptable: true, code: null, message: null };
  }

  async visible(p: Principal, id: string): Promise<TaskEntity> {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id });
    if (!task || !p.canSee(task.organisationPath)) throw notFound('任务');
    return task;
  }

  /**
   * A task with the actions the caller may take on it now, the JSON Schema of the form a decision carries, and who has
   * opened it (the caller's first open recorded here: 已读).
   */
  async detail(p: Principal, id: string) {
    const task = await this.visible(p, id);
    await recordOpen(this.ds, p, task);
    const kind = taskKindOf(task);
    const [rules, receipts] = await Promise.all([this.rulesOf(task, kind), receiptsOf(this.ds, [task.id])]);
    const form = kind.decision(task, rules)?.form ?? (task.form as TaskForm | null);
    return {
      ...presentTask(task),
      availableActions: availableActions(kind, task, p, rules),
      formSchema: (form && TASK_FORMS.jsonSchema(form)) ?? null,
      readBy: receipts.get(task.id) ?? [],
    };
  }

  /** A human task's decision rules: kept with its rows, or asked of its workflow for an open task whose rows predate that. */
  private async rulesOf(task: TaskEntity, kind: TaskKind): Promise<TaskDecisionRules | null> {
    if (!isHumanTask(kind)) return null;
    if (task.rules) return task.rules;
    if (task.status !== 'open') return null;
    try {
      return await this.processes.humanTaskRules(task.groupId!);
    } catch {
      return null; // the engine unreachable: decide is still offered, its outcomes unsaid; the workflow judges the decision
    }
  }

  /**
   * Any action on any task, through its kind (kinds/): refused with 403 for a
   * caller who may not attempt it, with 422 for a decision its rules or form
   * refuse (or whose form names attachments not the task's own), before anything is sent; then the workflow's validator has the
   * last word. A retry of an action that closed the task gets its first answer.
   */
  async act(p: Principal, id: string, action: TaskAction, requestId: string): Promise<unknown> {
    const task = await this.visible(p, id);
    const kind = taskKindOf(task);
    if (!kind.actions.includes(action.type)) throw new ApiError('UNSUPPORTED_ACTION', `该任务不支持“${TASK_ACTION_LABELS[action.type]}”操作`);
    const grant = kind.actor(task, p, action.type);
    if (isRefusal(grant)) throw forbidden(grant.refused);
    const checked = action.type === 'decide' ? checkDecision(kind, task, task.rules, action) : { data: undefined };
    const send = () => {
      if (checked instanceof ApiError) throw checked;
      return kind.send({ task, p, grant, action, data: checked.data, requestId, gateways: this.gateways });
    };
    if (task.status !== 'open') return alreadyDoneOr(new ApiError('TASK_NOT_OPEN', '该任务已办结，无法再操作'), async () => send());
    if (checked instanceof ApiError) throw checked;
    // Files the form names must be this task's own, uploaded before it is decided.
    const foreign = await foreignAttachments(this.ds, task, checked.data);
    if (foreign) throw foreign;
    try {
      return await send();
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }

  /** Reminders, overdue notices, escalations and urgings for the caller's roles and for them in person. */
}

/**
 * A decision judged as the task's kind judges it: an outcome it has, an
 * opinion where one is required, a return to a step it knows, and the form's
 * answer (read by its schema, then its rules). Returns the answer as read, or
 * the refusal to give. A human task whose rules are not known here is judged
 * by its workflow alone.
 */
export function checkDecision(kind: TaskKind, task: TaskEntity, rules: TaskDecisionRules | null, action: Extract<TaskAction, { type: 'decide' }>): { data: unknown } | ApiError {
  const spec = kind.decision(task, rules);
  if (!spec) return { data: action.data };
  if (!spec.outcomes.includes(action.decision)) {
    return new ApiError('INVALID_DECISION', `办理结论必须是：${spec.outcomes.map((o) => `${o}（${outcomeLabel(o)}）`).join('、')}`);
  }
  if (spec.opinionRequiredFor.includes(action.decision) && !action.opinion.trim()) return new ApiError('INVALID_DECISION', `“${outcomeLabel(action.decision)}”必须填写意见`);
  if (action.returnTo !== undefined) {
    if (spec.returnTargets === null) return new ApiError('INVALID_DECISION', '该任务不能指定退回环节');
    if (action.decision === 'return' && action.returnTo !== 'submitter' && !spec.returnTargets.includes(action.returnTo)) {
      return new ApiError('INVALID_DECISION', `只能退回给提交人或以下环节：${spec.returnTargets.join('、') || '（无）'}`);
    }
  }
  if (spec.form && action.decision === spec.positive) {
    const checked = TASK_FORMS.check(spec.form, action.data);
    if (checked.refusal) return new ApiError(checked.refusal.type, checked.refusal.message);
    // A human task keeps the answer as the caller wrote it; the other kinds take it as its schema reads it.
    return { data: kind.keepsDataAsGiven ? action.data : checked.data };
  }
  if (action.data !== undefined && !spec.form && !kind.keepsDataAsGiven) return new ApiError('INVALID_FORM_DATA', '该任务无需填写表单');
  return { data: action.data };
}
