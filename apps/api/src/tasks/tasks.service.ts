import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NominationReceipt } from '../../../../libs/contracts/src';
import type { ReviewDecision } from '../../../../libs/domain/src';
import { TaskEntity } from '../../../../libs/persistence/src';
import type { NominationGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { conflict, forbidden, notFound } from '../common/api-error';
import { translateWorkflowError } from '../common/workflow-errors';
import { NOMINATION_GATEWAY } from '../tokens';

@Injectable()
export class TasksService {
  constructor(
    private readonly ds: DataSource,
    @Inject(NOMINATION_GATEWAY) private readonly gateway: NominationGateway,
  ) {}

  /** The caller's inbox: tasks assigned to a role they hold at the organisation holding it. */
  async inbox(p: Principal, q: { status: string; limit: number; offset: number }) {
    const pairs = p.grants.map((g) => [g.organisationId, g.role] as const);
    if (pairs.length === 0) return { items: [], total: 0 };
    const params: Record<string, string> = { status: q.status };
    const match = pairs.map(([org, role], i) => {
      params[`o${i}`] = org;
      params[`r${i}`] = role;
      return `(t.organisation_id = :o${i} AND t.role = :r${i})`;
    });
    const [rows, total] = await this.ds
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where(`(${match.join(' OR ')})`, params)
      .andWhere('t.status = :status')
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

  async decide(p: Principal, id: string, decision: ReviewDecision, opinion: string, requestId: string): Promise<NominationReceipt> {
    const task = await this.visible(p, id);
    const grant = p.grantAt(task.role, task.organisationId);
    if (!grant) throw forbidden('您不是该任务的办理人');
    if (task.status !== 'open') throw conflict('TaskNotOpen', '该任务已处理或不存在，无法重复办理');
    try {
      return await this.gateway.decide(task.subjectId, { taskId: task.id, decision, opinion, actor: p.actorAs(grant) }, requestId);
    } catch (err) {
      throw translateWorkflowError(err);
    }
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
  };
}
