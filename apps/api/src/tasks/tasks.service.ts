import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLE_LABELS, type Role, TASK_ACTION_LABELS, type TaskAction, type TaskDecisionRules, type TaskForm, outcomeLabel } from '../../../../libs/domain/src';
import { type CopyTarget, TaskEntity, appendAudit, copyMessage, copyTask, taskCopyId } from '../../../../libs/persistence/src';
import { TASK_FORMS, findProcess, stageLabel } from '../../../../libs/processes/src';
import type { NominationGateway, ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { foreignAttachments } from '../attachments/referenced-attachments';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { alreadyDoneOr, translateWorkflowError } from '../common/workflow-errors';
import { NOMINATION_GATEWAY, PROCESS_GATEWAY } from '../tokens';
import { presentTask } from './present-task';
import { receiptsOf, recordOpen } from './receipts';
import { type CopiedFilters, type CopyAddress, copiedPage, copiesOf, copyAddressedTo } from './copies';
import { delegateCandidates, isDelegateCandidate } from './delegates';
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
    if (!task || !reachable(p, task)) throw notFound('任务');
    return task;
  }

  /** A task in the caller's subtree to act on; one only copied to them (抄送) is theirs to read, not to act on: 403. */
  private async actable(p: Principal, id: string): Promise<TaskEntity> {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id });
    if (task && reachable(p, task)) return task;
    if (task && (await copyAddressedTo(this.ds, p, task.id))) throw forbidden('该任务是抄送给您的，只能查看，不能办理或抄送');
    throw notFound('任务');
  }

  /** A task the caller may read (its attachments too): in their subtree, or copied to them. */
  async readableTask(p: Principal, id: string): Promise<TaskEntity> {
    return (await this.readable(p, id)).task;
  }

  /** A task the caller may read: in their subtree, or copied to them (then read-only); with the copy addressed to them, if any. */
  private async readable(p: Principal, id: string): Promise<{ task: TaskEntity; copy: CopyAddress | null; readOnly: boolean }> {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id });
    if (!task) throw notFound('任务');
    const copy = await copyAddressedTo(this.ds, p, task.id);
    const mine = reachable(p, task);
    if (!mine && !copy) throw notFound('任务');
    return { task, copy, readOnly: !mine };
  }

  /**
   * A task with the actions the caller may take on it now, the JSON Schema of the form a decision carries, and who has
   * opened it (the caller's first open recorded here: 已读).
   */
  async detail(p: Principal, id: string) {
    const { task, copy, readOnly } = await this.readable(p, id);
    await recordOpen(this.ds, p, task, copy);
    const kind = taskKindOf(task);
    // A reader the task is only copied to acts on nothing: its rules are not asked of the engine for them.
    const [rules, receipts, copies] = await Promise.all([readOnly ? Promise.resolve(task.rules ?? null) : this.rulesOf(task, kind), receiptsOf(this.ds, [task.id]), copiesOf(this.ds, task.id)]);
    const form = kind.decision(task, rules)?.form ?? (task.form as TaskForm | null);
    return {
      ...presentTask(task),
      availableActions: readOnly ? [] : availableActions(kind, task, p, rules),
      formSchema: (form && TASK_FORMS.jsonSchema(form)) ?? null,
      readBy: receipts.get(task.id) ?? [],
      copiedToMe: copy !== null,
      readOnly,
      copies,
    };
  }

  /** "Copied to me" (抄送我的), newest copy first (copies.ts). */
  copied(p: Principal, f: CopiedFilters) {
    return copiedPage(this.ds, p, f);
  }

  /**
   * Copies a task (抄送) ad hoc to roles at organisations, or to users, in the
   * caller's subtree: only someone who may act on the open task now may, and
   * every target must be known, in their subtree, held by someone active, and
   * not copied already. Anything refused changes nothing; otherwise the copies,
   * their notifications and the audit row are written in one transaction.
   */
  async copy(p: Principal, id: string, wanted: ReadonlyArray<{ organisationId: string; role: Role } | { userId: string }>, requestId: string) {
    const task = await this.actable(p, id);
    if (task.status !== 'open') throw new ApiError('TASK_NOT_OPEN', '该任务已办结，不能再抄送');
    const kind = taskKindOf(task);
    // Those handling the task copy it; the levels above who may only urge it (催办) do not.
    if (!availableActions(kind, task, p, await this.rulesOf(task, kind)).some((a) => a.type !== 'urge')) throw forbidden('只有现在可以办理该任务的人才能抄送');
    const targets: Array<CopyTarget & { label: string }> = [];
    for (const [i, w] of wanted.entries()) {
      const n = `第${i + 1}个抄送对象`;
      if ('userId' in w) {
        // A user is copied as the role they hold in the caller's subtree (the nearest the task's organisation first).
        const g = (await this.activeRolesOf(w.userId, task)).find((x) => p.canSee(x.path));
        if (!g) throw new ApiError('INVALID_COPY_TARGET', `${n}（用户）不存在或不在您的管辖范围内`);
        targets.push({ organisationId: g.organisationId, role: g.role, userId: w.userId, label: `${g.organisationName}${g.name}` });
      } else {
        const [org] = (await this.ds.query(`SELECT path, name FROM organisations WHERE id = $1`, [w.organisationId])) as Array<{ path: string; name: string }>;
        if (!org || !p.canSee(org.path)) throw new ApiError('INVALID_COPY_TARGET', `${n}（组织）不存在或不在您的管辖范围内`);
        const [{ held }] = (await this.ds.query(
          `SELECT EXISTS (SELECT 1 FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.active AND r.organisation_id = $1 AND r.role = $2) AS held`,
          [w.organisationId, w.role],
        )) as Array<{ held: boolean }>;
        if (!held) throw new ApiError('INVALID_COPY_TARGET', `${n}：${org.name}没有“${ROLE_LABELS[w.role]}”，无法抄送`);
        targets.push({ organisationId: w.organisationId, role: w.role, userId: null, label: `${org.name}${ROLE_LABELS[w.role]}` });
      }
    }
    const ids = targets.map((t) => taskCopyId(task.id, t));
    const repeated = targets.find((_, i) => ids.indexOf(ids[i]!) !== i);
    if (repeated) throw new ApiError('DUPLICATE_COPY', `抄送对象重复：${repeated.label}`);
    const existing = new Set(((await this.ds.query(`SELECT id FROM task_copies WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string }>).map((r) => r.id));
    const already = targets.find((_, i) => existing.has(ids[i]!));
    if (already) throw new ApiError('DUPLICATE_COPY', `已抄送给${already.label}，不能重复抄送`);
    const [campaign] = task.campaignId ? ((await this.ds.query(`SELECT process FROM campaigns WHERE id = $1`, [task.campaignId])) as Array<{ process: string }>) : [];
    const definition = campaign ? findProcess(campaign.process) : undefined;
    const grant = availableGrant(task, p);
    await this.ds.transaction(async (em) => {
      const at = new Date();
      const added = await copyTask(em, {
        taskId: task.id,
        targets,
        source: 'ad_hoc',
        copiedBy: p.userId,
        message: copyMessage({ processName: definition?.name ?? null, stageLabel: task.stage ? (definition ? stageLabel(definition, task.stage) : task.stage) : null, title: task.title, dueAt: task.dueAt, by: p.displayName }),
        at,
      });
      // Another request copied one of them meanwhile: refuse the whole request.
      if (added.length !== targets.length) throw new ApiError('DUPLICATE_COPY');
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'task.copy',
        subjectType: 'task',
        subjectId: task.groupId ?? task.id,
        opinion: '',
        after: { label: '抄送', taskId: task.id, targets: targets.map(({ label, ...t }) => ({ ...t, label })) },
        requestId: `task-copy:${requestId}`,
        at,
      });
    });
    return { copies: await copiesOf(this.ds, task.id) };
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
    const task = await this.actable(p, id);
    const kind = taskKindOf(task);
    if (!kind.actions.includes(action.type)) throw new ApiError('UNSUPPORTED_ACTION', `该任务不支持“${TASK_ACTION_LABELS[action.type]}”操作`);
    const grant = kind.actor(task, p, action.type);
    if (isRefusal(grant)) throw forbidden(grant.refused);
    // A delegate is one of those the delegation dialog offers (./delegates): not just any id.
    if (action.type === 'delegate') {
      if (action.to.userId === p.userId) throw new ApiError('INVALID_ACTION', '不能把任务委托给本人');
      if (!(await isDelegateCandidate(this.ds, p, action.to.userId))) throw new ApiError('INVALID_ACTION', '受托人不存在、已停用或不在您的管辖范围内');
    }
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

  /** Whom the caller may delegate a task to (the delegation dialog's picker): only while they may delegate it. */
  async delegates(p: Principal, id: string, f: { q?: string; limit: number }) {
    const task = await this.actable(p, id);
    if (task.status !== 'open') throw new ApiError('TASK_NOT_OPEN', '该任务已办结，不能再委托');
    const kind = taskKindOf(task);
    if (!availableActions(kind, task, p, await this.rulesOf(task, kind)).some((a) => a.type === 'delegate')) throw forbidden('您现在不能委托该任务');
    return { candidates: await delegateCandidates(this.ds, p, task.organisationId, f) };
  }

  /** The roles an active user holds, at the task's organisation first, then the deepest first; none for an unknown or disabled user. */
  private async activeRolesOf(userId: string, task: TaskEntity) {
    return (await this.ds.query(
      `SELECT r.organisation_id AS "organisationId", r.role, o.path, u.display_name AS name, o.name AS "organisationName"
         FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN organisations o ON o.id = r.organisation_id
        WHERE u.id = $1 AND u.active ORDER BY (o.id = $2) DESC, length(o.path) DESC, r.role`,
      [userId, task.organisationId],
    )) as Array<{ organisationId: string; role: Role; path: string; name: string; organisationName: string }>;
  }

  /** Reminders, overdue notices, escalations and urgings for the caller's roles and for them in person. */
}

/** A task is the caller's to read and act on when it lies in their subtree, or when it was delegated to them (wherever it lies). */
const reachable = (p: Principal, task: TaskEntity): boolean => p.canSee(task.organisationPath) || task.delegatedToUserId === p.userId;

/** The grant the caller acts in on a task: the one at its organisation, else the nearest covering it. */
function availableGrant(task: TaskEntity, p: Principal): { organisationId: string; role: Role } {
  return p.grants.find((g) => g.organisationId === task.organisationId) ?? p.grants.filter((g) => task.organisationPath.startsWith(g.scopePath)).sort((a, b) => b.scopePath.length - a.scopePath.length)[0] ?? p.grants[0]!;
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
