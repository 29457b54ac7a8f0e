import { Inject, Injectable } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import type { NominationForm, NominationReceipt } from '../../../../libs/contracts/src';
import { type BranchGrade, NOMINATION_STATUS_LABELS, REVIEW_DECISION_LABELS, nearestOfLevel, reviewingCommittee } from '../../../../libs/domain/src';
import { PROCESSES } from '../../../../libs/processes/src';
import { NominationEntity, NominationStepEntity, type OrganisationEntity, TaskEntity, deterministicUuid } from '../../../../libs/persistence/src';
import { type NominationGateway, WorkflowAlreadyFinished, WorkflowPending } from '../../../../libs/temporal-client/src';
import { listAttachments } from '../attachments/attachment-list';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { alreadyDoneOr, translateWorkflowError } from '../common/workflow-errors';
import { CampaignRunService } from '../campaigns/campaign-run.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { NOMINATION_GATEWAY } from '../tokens';
import type { SubmitNominationBody } from './nomination.schemas';

const orgRef = (o: OrganisationEntity) => ({ id: o.id, name: o.name, level: o.level });

@Injectable()
export class NominationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationsService,
    private readonly campaigns: CampaignRunService,
    @Inject(NOMINATION_GATEWAY) private readonly gateway: NominationGateway,
  ) {}

  async submit(p: Principal, body: SubmitNominationBody, requestId: string): Promise<{ accepted: boolean; receipt: NominationReceipt }> {
    const branch = await this.orgs.visible(p, body.branchId);
    if (branch.level !== 'branch') throw new ApiError('NOT_A_BRANCH', '只能为党支部提交推荐申报');
    const grant = p.grantCovering('submitter', branch.path);
    if (!grant) throw forbidden('您无权为该党支部提交推荐申报');

    const ancestry = await this.orgs.ancestry(branch);
    const reviewer = reviewingCommittee(ancestry);
    if (!reviewer) throw new ApiError('NO_REVIEWER', '该党支部上级没有可审核的党委');
    const campaignYear = body.campaignYear ?? new Date().getFullYear();
    const window = await this.campaigns.applicationWindow(campaignYear, branch.path);
    if (window) await this.refuseIneligible(window.campaignId, branch.id);
    const live = await this.ds.getRepository(NominationEntity).existsBy({ branchId: branch.id, campaignYear, status: Not('rejected') });

    // A retried request (same Idempotency-Key, same request id) maps to the same nomination and workflow.
    const nominationId = deterministicUuid(`nomination:${requestId}`);
    if (live && !(await this.ds.getRepository(NominationEntity).existsBy({ id: nominationId }))) {
      throw new ApiError('DUPLICATE_NOMINATION', `${branch.name}在${campaignYear}年度已有推荐申报，不能重复提交`);
    }
    try {
      const receipt = await this.gateway.submit(
        {
          nominationId,
          campaignYear,
          branch: { ...orgRef(branch), domain: branch.domain },
          grassrootsCommittee: ((o) => (o ? orgRef(o) : null))(nearestOfLevel(ancestry, 'grassroots_committee')),
          cityManagedCommittee: ((o) => (o ? orgRef(o) : null))(nearestOfLevel(ancestry, 'city_managed_committee')),
          reviewingCommittee: orgRef(reviewer),
          form: body.form as NominationForm,
          submittedBy: p.actorAs(grant),
          submittedAt: new Date().toISOString(),
          ...(window ? { campaignId: window.campaignId, applicationDueAt: window.dueAt, ...(window.opensAt ? { applicationOpensAt: window.opensAt } : {}) } : {}),
        },
        requestId,
      );
      return { accepted: false, receipt };
    } catch (err) {
      if (err instanceof WorkflowPending) return { accepted: true, receipt: { nominationId, status: 'under_review', taskId: null } };
      if (err instanceof WorkflowAlreadyFinished) {
        // A retry of a submission whose review is already over: answer with what it became.
        const existing = await this.ds.getRepository(NominationEntity).findOneBy({ id: nominationId });
        if (existing) return { accepted: false, receipt: { nominationId, status: existing.status, taskId: null } };
      }
      throw translateWorkflowError(err);
    }
  }

  async resubmit(p: Principal, nominationId: string, form: NominationForm, requestId: string): Promise<NominationReceipt> {
    const nomination = await this.visible(p, nominationId);
    const grant = p.grantCovering('submitter', nomination.branchPath);
    if (!grant) throw forbidden('您无权修改该推荐申报');
    const send = () => this.gateway.resubmit(nominationId, { form, actor: p.actorAs(grant) }, requestId);
    if (nomination.status !== 'returned') return alreadyDoneOr(new ApiError('NOT_RESUBMITTABLE', '只有被退回修改的推荐申报才能重新提交'), send);
    if (nomination.campaignId) await this.refuseIneligible(nomination.campaignId, nomination.branchId);
    try {
      return await send();
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }

  /** Refuses (422 BRANCH_INELIGIBLE, nothing sent) a branch its campaign's process bars by its ledger grade. */
  private async refuseIneligible(campaignId: string, branchId: string): Promise<void> {
    const [row]: Array<{ process: string; name: string; grade: BranchGrade | null }> = await this.ds.query(
      `SELECT c.process, b.name, l.grade FROM campaigns c JOIN organisations b ON b.id = $2 LEFT JOIN ledger_entries l ON l.branch_id = b.id WHERE c.id = $1`,
      [campaignId, branchId],
    );
    const bar = row && PROCESSES.find((d) => d.id === row.process)?.applicationBar?.({ name: row.name, grade: row.grade });
    if (bar) throw new ApiError('BRANCH_INELIGIBLE', bar);
  }

  async visible(p: Principal, id: string): Promise<NominationEntity> {
    const n = await this.ds.getRepository(NominationEntity).findOneBy({ id });
    if (!n || !p.canSee(n.branchPath)) throw notFound('推荐申报');
    return n;
  }

  async detail(p: Principal, id: string) {
    const n = await this.visible(p, id);
    const [steps, openTasks, attachments] = await Promise.all([
      this.ds.getRepository(NominationStepEntity).find({ where: { nominationId: id }, order: { createdAt: 'ASC' } }),
      this.ds.getRepository(TaskEntity).find({ where: { subjectId: id, status: 'open' } }),
      listAttachments(this.ds, id),
    ]);
    return {
      ...presentNomination(n),
      steps: steps.map((s) => ({
        id: s.id,
        step: s.step,
        action: s.action,
        actionLabel: s.action in REVIEW_DECISION_LABELS ? REVIEW_DECISION_LABELS[s.action as keyof typeof REVIEW_DECISION_LABELS] : s.action === 'submitted' ? '提交申报' : '修改后重新提交',
        opinion: s.opinion,
        organisationId: s.organisationId,
        organisationName: s.organisationName,
        actorName: s.actorName,
        actorRole: s.actorRole,
        taskId: s.taskId,
        at: s.createdAt,
      })),
      openTasks: openTasks.map((t) => ({ id: t.id, title: t.title, organisationId: t.organisationId, role: t.role, createdAt: t.createdAt })),
      attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, createdAt: a.createdAt })),
    };
  }

  async list(p: Principal, q: { status?: string; limit: number; offset: number }) {
    const scopes = [...new Set(p.grants.map((g) => g.scopePath))];
    if (scopes.length === 0) return { items: [], total: 0 };
    const qb = this.ds
      .getRepository(NominationEntity)
      .createQueryBuilder('n')
      .where(`(${scopes.map((_, i) => `n.branch_path LIKE :s${i}`).join(' OR ')})`, Object.fromEntries(scopes.map((s, i) => [`s${i}`, `${s}%`])))
      .orderBy('n.submitted_at', 'DESC')
      .take(q.limit)
      .skip(q.offset);
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(presentNomination), total };
  }
}

export function presentNomination(n: NominationEntity) {
  return {
    id: n.id,
    campaignYear: n.campaignYear,
    status: n.status,
    statusLabel: NOMINATION_STATUS_LABELS[n.status],
    branch: { id: n.branchId, name: n.branchName },
    grassrootsCommittee: n.grassrootsCommitteeId ? { id: n.grassrootsCommitteeId, name: n.grassrootsCommitteeName } : null,
    cityManagedCommittee: n.cityManagedCommitteeId ? { id: n.cityManagedCommitteeId, name: n.cityManagedCommitteeName } : null,
    form: {
      secretaryName: n.secretaryName,
      secretaryPhone: n.secretaryPhone,
      basicSituation: n.basicSituation,
      honours: n.honours,
      mainDeeds: n.mainDeeds,
    },
    submittedAt: n.submittedAt,
    updatedAt: n.updatedAt,
  };
}
