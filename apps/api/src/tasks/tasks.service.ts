import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REVIEW_DECISIONS, type ReviewDecision, type TaskAction } from '../../../../libs/domain/src';
import { TaskEntity } from '../../../../libs/persistence/src';
import type { NominationGateway, ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { alreadyDoneOr, translateWorkflowError } from '../common/workflow-errors';
import { NOMINATION_GATEWAY, PROCESS_GATEWAY } from '../tokens';

@Injectable()
export class TasksService {
  constructor(
    private readonly ds: DataSource,
    @Inject(NOMINATION_GATEWAY) private readonly gateway: NominationGateway,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {}

  /**
   * The caller's inbox: tasks for a role they hold at the task's organisation
   * (unless the task names someone else), tasks naming them, and tasks
   * delegated to them.
   */
  async inbox(p: Principal, q: { status: string; overdue?: boolean; limit: number; offset: number }) {
    const params: Record<string, string | boolean> = { status: q.status, me: p.userId };
    const match = p.grants.map((g, i) => {
      params[`o${i}`] = g.organisationId;
      params[`r${i}`] = g.role;
      return `(t.organisation_id = :o${i} AND t.role = :r${i} AND (t.assignee_user_id IS NULL OR t.assignee_user_id = :me) AND t.delegated_to_user_id IS NULL)`;
    });
    match.push('t.delegated_to_user_id = :me');
    const qb = this.ds
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where(`(${match.join(' OR ')})`, params)
      .andWhere('t.status = :status');
    if (q.overdue !== undefined) qb.andWhere('t.overdue = :overdue', { overdue: q.overdue });
    const [rows, total] = await qb
      .orderBy('t.created_at', 'DESC')
      .take(q.limit)
      .skip(q.offset)
      .getManyAndCount();
    return { items: rows.map(presentTask), total };
  }

  async visible(p: Principal, id: string): Promise<TaskEntity> {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id });
    if (!task || !p.canSee(task.organisationPath)) throw notFound('任务');
    return task;
  }

  async decide(p: Principal, id: string, decision: string, opinion: string, requestId: string): Promise<unknown> {
    const task = await this.visible(p, id);
    if (task.kind !== 'nomination_review') return this.act(p, id, { type: 'decide', decision, opinion }, requestId);
    if (!(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
      throw new ApiError('VALIDATION_FAILED', '审核结论必须是 approve（同意）、return（退回修改）或 reject（不同意）');
    }
    const grant = p.grantAt(task.role, task.organisationId);
    if (!grant) throw forbidden('您不是该任务的办理人');
    const send = () => this.gateway.decide(task.subjectId, { taskId: task.id, decision: decision as ReviewDecision, opinion, actor: p.actorAs(grant) }, requestId);
    if (task.status !== 'open') return alreadyDoneOr(new ApiError('TASK_NOT_OPEN', '该任务已处理或不存在，无法重复办理'), send);
    try {
      return await send();
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }

  /**
   * Any action on a human task. The caller acts in the grant that fits the
   * task (its role at its organisation; an administrator's grant to extend;
   * any of theirs to urge or withdraw); the workflow's validator has the last word.
   */
  async act(p: Principal, id: string, action: TaskAction, requestId: string): Promise<unknown> {
    const task = await this.visible(p, id);
    if (!task.groupId || task.kind === 'nomination_review' || task.kind === 'consultation_request' || task.kind === 'obligation') {
      throw new ApiError('UNSUPPORTED_ACTION', '该任务不支持此操作，请在对应事项中办理');
    }

    const grant =
      action.type === 'extend'
        ? p.grants.find((g) => g.role === 'administrator' && task.organisationPath.startsWith(g.scopePath))
        : action.type === 'urge' || action.type === 'withdraw'
          ? p.grants.find((g) => task.organisationPath.startsWith(g.scopePath)) ?? p.grants[0]
          : p.grantAt(task.role, task.organisationId) ?? (task.delegatedToUserId === p.userId || task.assigneeUserId === p.userId ? p.grants[0] : undefined);
    if (!grant) throw forbidden(action.type === 'extend' ? '只有管理员可以延长办理期限' : '您不是该任务的办理人');
    const send = () => this.processes.actOnTask(task.groupId!, { actor: p.actorAs(grant), action }, requestId);
    if (task.status !== 'open') return alreadyDoneOr(new ApiError('TASK_NOT_OPEN', '该任务已办结，无法再操作'), send);
    try {
      return await send();
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }

  /** Reminders, overdue notices, escalations and urgings for the caller's roles and for them in person. */
  async notifications(p: Principal, limit: number) {
    const params: unknown[] = [p.userId];
    const match = p.grants.map((g) => {
      params.push(g.organisationId, g.role);
      return `(organisation_id = $${params.length - 1} AND role = $${params.length} AND user_id IS NULL)`;
    });
    match.push('user_id = $1');
    params.push(limit);
    return this.ds.query(
      `SELECT id, kind, task_id AS "taskId", message, created_at AS "createdAt", read_at AS "readAt"
         FROM notifications WHERE ${match.join(' OR ')} ORDER BY created_at DESC LIMIT $${params.length}`,
      params,
    );
  }
}

export function presentTask(t: TaskEntity) {
  return {
    id: t.id,
    kind: t.kind,
    title: t.title,
    subjectType: t.subjectType,
    subjectId: t.subjectId,
    organisationId: t.organisationId,
    role: t.role,
    status: t.status,
    outcome: t.outcome,
    dueAt: t.dueAt,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    overdue: t.overdue,
    assigneeUserId: t.assigneeUserId,
    delegatedToUserId: t.delegatedToUserId,
    opinion: t.opinion,
    campaignId: t.campaignId,
    stage: t.stage,
    form: t.form,
    data: t.data,
    missed: t.missed,
  };
}
