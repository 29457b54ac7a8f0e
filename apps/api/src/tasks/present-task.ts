import type { TaskEntity } from '../../../../libs/persistence/src';

/** A task row as the API shows it. */
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
