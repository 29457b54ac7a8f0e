import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  type NominationForm,
  type NominationReviewInput,
  type ReviewDecisionRequest,
  type TaskSpec,
} from '../libs/contracts/src';
import { hasPriorityHonour, REVIEW_DECISION_LABELS, statusAfterDecision } from '../libs/domain/src';
import { appendAudit, deadlineClause, deterministicUuid, notify, NominationEntity, NominationStepEntity, OrganisationEntity, SYSTEM_ACTOR, TaskEntity } from '../libs/persistence/src';


export interface RecordDecisionArgs {
  nominationId: string;
  task: TaskSpec;
  request: ReviewDecisionRequest;
  organisationName: string;
  /** The workflow's time of accepting the decision. */
  at: string;
}

export interface RecordResubmissionArgs {
  nominationId: string;
  round: number;
  form: NominationForm;
  actor: Actor;
  organisationName: string;
  /** The workflow's time of accepting the resubmission. */
  at: string;
}

/** A review task to open: in its campaign (when the nomination is one's), at the workflow's time. */
export type OpenTaskArgs = TaskSpec & { campaignId?: string | null; at: string };

/**
 * The nomination workflow's side effects. Each one is idempotent: a retry after
 * a crash finds its own earlier write (by primary key or idempotency key) and
 * changes nothing more.
 */
export function createNominationActivities(ds: DataSource) {
  return {
    async registerNomination(input: NominationReviewInput): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted = await em
          .createQueryBuilder()
          .insert()
          .into(NominationEntity)
          .values({
            id: input.nominationId,
            campaignYear: input.campaignYear,
            branchId: input.branch.id,
            branchName: input.branch.name,
            branchPath: input.branch.path ?? (await em.findOneByOrFail(OrganisationEntity, { id: input.branch.id })).path,
            grassrootsCommitteeId: input.grassrootsCommittee?.id ?? null,
            grassrootsCommitteeName: input.grassrootsCommittee?.name ?? null,
            cityManagedCommitteeId: input.cityManagedCommittee?.id ?? null,
            cityManagedCommitteeName: input.cityManagedCommittee?.name ?? null,
            ...formColumns(input.form),
            status: 'under_review',
            workflowId: `nomination-${input.nominationId}`,
            submittedBy: input.submittedBy.userId,
            submittedAt: new Date(input.submittedAt),
            updatedAt: new Date(input.submittedAt),
            campaignId: input.campaignId ?? null,
            priority: hasPriorityHonour(input.form.honours),
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        if (!(inserted.raw as unknown[]).length) {
          // A retry finds its own row and is done; any other row in the way is the branch's live nomination for the year.
          if (await em.existsBy(NominationEntity, { id: input.nominationId })) return;
          throw ApplicationFailure.nonRetryable(`${input.branch.name}在${input.campaignYear}年度已有推荐申报，不能重复提交`, 'DUPLICATE_NOMINATION');
        }
        await insertStep(em, {
          nominationId: input.nominationId,
          step: 'submission',
          action: 'submitted',
          opinion: '',
          organisationId: input.branch.id,
          organisationName: input.branch.name,
          actor: input.submittedBy,
          taskId: null,
          idempotencyKey: `${input.nominationId}:submitted`,
          at: input.submittedAt,
        });
        await appendAudit(em, {
          ...auditActor(input.submittedBy),
          action: 'nomination.submitted',
          subjectType: 'nomination',
          subjectId: input.nominationId,
          after: { status: 'under_review', branchId: input.branch.id, campaignYear: input.campaignYear, form: input.form },
          requestId: `${input.nominationId}:submitted`,
          at: input.submittedAt,
        });
      });
    },

    async openTask({ campaignId, at, ...task }: OpenTaskArgs): Promise<void> {
      await ds.transaction(async (em) => {
        const org = await em.findOneByOrFail(OrganisationEntity, { id: task.organisationId });
        await em
          .createQueryBuilder()
          .insert()
          .into(TaskEntity)
          .values({
            id: task.id,
            workflowId: task.workflowId,
            kind: task.kind,
            title: task.title,
            subjectType: task.subjectType,
            subjectId: task.subjectId,
            organisationId: task.organisationId,
            organisationPath: org.path,
            role: task.role,
            status: 'open',
            dueAt: task.dueAt ? new Date(task.dueAt) : null,
            campaignId: campaignId ?? null,
            createdAt: new Date(at),
          })
          .orIgnore()
          .execute();
        await em.update(NominationEntity, { id: task.subjectId }, { status: 'under_review', updatedAt: new Date(at) });
        await notify(em, {
          kind: 'task_opened',
          targets: [{ organisationId: task.organisationId, role: task.role }],
          taskId: task.id,
          message: `新待办：${task.title}${deadlineClause(task.dueAt)}`,
          key: `${task.id}:task-opened`,
          at,
        });
        // The audit row last: from it to the commit every writer of the trail waits on its lock (audit.ts).
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: task.organisationId,
          action: 'task.opened',
          subjectType: 'task',
          subjectId: task.id,
          after: { kind: task.kind, role: task.role, subjectId: task.subjectId, dueAt: task.dueAt },
          requestId: `${task.id}:opened`,
          at,
        });
      });
    },

    async recordReviewDecision({ nominationId, task, request, organisationName, at }: RecordDecisionArgs): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted = await insertStep(em, {
          nominationId,
          step: 'grassroots_review',
          action: request.decision,
          opinion: request.opinion,
          organisationId: task.organisationId,
          organisationName,
          actor: request.actor,
          taskId: task.id,
          idempotencyKey: `${task.id}:decision`,
          at,
        });
        if (!inserted) return;
        const before = await em.findOneByOrFail(NominationEntity, { id: nominationId });
        await em.update(
          TaskEntity,
          { id: task.id },
          { status: 'completed', outcome: request.decision, opinion: request.opinion, completedAt: new Date(at), completedBy: request.actor.userId },
        );
        const status = statusAfterDecision(request.decision);
        await em.update(NominationEntity, { id: nominationId }, { status, updatedAt: new Date(at) });
        // The submitter hears the decision on their own nomination (a return as 被退回), in the decision's transaction.
        await notify(em, {
          kind: request.decision === 'return' ? 'returned' : 'decision',
          targets: [{ organisationId: before.branchId, role: null, userId: before.submittedBy }],
          taskId: task.id,
          message: `${before.branchName}的推荐申报：${organisationName}审核${REVIEW_DECISION_LABELS[request.decision]}${request.opinion ? `（意见：${request.opinion}）` : ''}`,
          key: `${task.id}:decision-notice`,
          at,
        });
        // The audit row last, as in openTask.
        await appendAudit(em, {
          ...auditActor(request.actor),
          action: `nomination.review.${request.decision}`,
          subjectType: 'nomination',
          subjectId: nominationId,
          opinion: request.opinion,
          before: { status: before.status, taskId: task.id },
          after: { status },
          requestId: `${task.id}:decision`,
          at,
        });
      });
    },

    async recordResubmission({ nominationId, round, form, actor, organisationName, at }: RecordResubmissionArgs): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted = await insertStep(em, {
          nominationId,
          step: 'resubmission',
          action: 'resubmitted',
          opinion: '',
          organisationId: actor.organisationId,
          organisationName,
          actor,
          taskId: null,
          idempotencyKey: `${nominationId}:resubmitted:${round}`,
          at,
        });
        if (!inserted) return;
        const before = await em.findOneByOrFail(NominationEntity, { id: nominationId });
        await em.update(NominationEntity, { id: nominationId }, { ...formColumns(form), status: 'under_review', updatedAt: new Date(at) });
        await appendAudit(em, {
          ...auditActor(actor),
          action: 'nomination.resubmitted',
          subjectType: 'nomination',
          subjectId: nominationId,
          before: { status: before.status, form: formColumns(before) },
          after: { status: 'under_review', form },
          requestId: `${nominationId}:resubmitted:${round}`,
          at,
        });
      });
    },
  };
}

export type NominationActivities = ReturnType<typeof createNominationActivities>;

function auditActor(actor: Actor) {
  return { actorId: actor.userId, actorName: actor.displayName, actorRole: actor.role, organisationId: actor.organisationId };
}

function formColumns(form: NominationForm) {
  return {
    secretaryName: form.secretaryName,
    secretaryPhone: form.secretaryPhone,
    basicSituation: form.basicSituation,
    honours: form.honours,
    mainDeeds: form.mainDeeds,
  };
}

interface StepRecord {
  nominationId: string;
  step: NominationStepEntity['step'];
  action: NominationStepEntity['action'];
  opinion: string;
  organisationId: string;
  organisationName: string;
  actor: Actor;
  taskId: string | null;
  idempotencyKey: string;
  /** The workflow's time of the step. */
  at: string;
}

/** Inserts a step unless one with the same idempotency key exists; says whether it did. */
async function insertStep(em: EntityManager, s: StepRecord): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(NominationStepEntity)
    .values({
      id: deterministicUuid(s.idempotencyKey),
      nominationId: s.nominationId,
      step: s.step,
      action: s.action,
      opinion: s.opinion,
      organisationId: s.organisationId,
      organisationName: s.organisationName,
      actorId: s.actor.userId,
      actorName: s.actor.displayName,
      actorRole: s.actor.role,
      taskId: s.taskId,
      idempotencyKey: s.idempotencyKey,
      createdAt: new Date(s.at),
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  return (result.raw as unknown[]).length > 0;
}
