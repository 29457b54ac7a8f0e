import { Inject, Injectable } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import type { NominationForm, NominationReceipt } from '../../../../libs/contracts/src';
import { type BranchGrade, NOMINATION_STATUS_LABELS, REVIEW_DECISION_LABELS, ROLE_LABELS, type Role, nearestOfLevel, reviewingCommittee } from '../../../../libs/domain/src';
import { PROCESSES } from '../../../../libs/processes/src';
import { NominationEntity, NominationStepEntity, type OrganisationEntity, TaskEntity, deterministicUuid } from '../../../../libs/persistence/src';
import { type NominationGateway, WorkflowAlreadyFinished, WorkflowPending } from '../../../../libs/temporal-client/src';
import { NOMINATION_ATTACHMENTS } from '../attachments/attachment-owner';
import { listAttachments } from '../attachments/attachment-rows';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { alreadyDoneOr, translateWorkflowError } from '../common/workflow-errors';
import { CampaignRunService } from '../campaigns/campaign-run.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { NOMINATION_GATEWAY } from '../tokens';
import { type TaskReceipt, receiptsOf } from '../tasks/receipts';
import type { SubmitNominationBody } from './nomination.schemas';

const orgRef = (o: OrganisationEntity) => ({ id: o.id, name: o.name, level: o.level, path: o.path });

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
      listAttachments(this.ds, NOMINATION_ATTACHMENTS, id),
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

  /**
   * The nomination's path as a preview (like an approval app's): its campaign's stages with the dates that hold
   * for its branch, who holds it now and by when, and its outcome in the campaign. The stages come from the
   * campaign's plan, so every process's nominations show their own path.
   */
  async progress(p: Principal, id: string) {
    const n = await this.visible(p, id);
    const [campaign] = n.campaignId ? await this.ds.query(`SELECT id, title, year, process, status FROM campaigns WHERE id = $1`, [n.campaignId]) : [];
    const definition = campaign ? PROCESSES.find((d) => d.id === campaign.process) : undefined;
    const stages: Array<{ stage: string; label: string; opensOn: string; dueOn: string; dueAt: Date; extended: boolean; status: string }> = campaign
      ? await this.ds.query(
          `SELECT s.stage, s.label, s.opens_on::text AS "opensOn", s.status,
                  greatest(s.due_at, x.due_at) AS "dueAt", x.due_at IS NOT NULL AND x.due_at > s.due_at AS extended,
                  -- An extension's day is the Beijing day its moment falls in (its midnight ending the day before).
                  CASE WHEN x.due_at > s.due_at THEN to_char((x.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') ELSE s.due_on::text END AS "dueOn"
             FROM campaign_stages s
             LEFT JOIN LATERAL (SELECT max(e.due_at) AS due_at FROM campaign_extensions e
                                 WHERE e.campaign_id = s.campaign_id AND e.stage = s.stage AND (e.organisation_path IS NULL OR $2 LIKE e.organisation_path || '%')) x ON true
            WHERE s.campaign_id = $1 ORDER BY s.seq`,
          [campaign.id, n.branchPath],
        )
      : [];
    const open: Array<{ id: string; title: string; organisationId: string; organisationName: string; role: Role; stage: string | null; dueAt: Date | null; overdue: boolean }> =
      await this.ds.query(
        `SELECT t.id, t.title, t.organisation_id AS "organisationId", o.name AS "organisationName", t.role, t.stage, t.due_at AS "dueAt", t.overdue
           FROM tasks t JOIN organisations o ON o.id = t.organisation_id WHERE t.subject_id = $1 AND t.status = 'open' ORDER BY t.created_at`,
        [id],
      );
    // While the branch's own review runs (or it is back with the branch) the nomination is in the process's application stage;
    // afterwards it moves with the campaign: the first stage not yet finished.
    const inReview = n.status === 'under_review' || n.status === 'returned';
    const ended = n.status === 'rejected';
    const currentStage = ended ? undefined : inReview ? (definition?.applicationStage ?? stages[0]?.stage) : stages.find((s) => s.status !== 'completed' && s.status !== 'cancelled')?.stage;
    const currentIndex = currentStage ? stages.findIndex((s) => s.stage === currentStage) : -1;
    const dueOf = (stage: string | null | undefined) => stages.find((s) => s.stage === (stage ?? currentStage))?.dueAt ?? null;
    const receipts = await receiptsOf(this.ds, open.map((t) => t.id));
    const holders: Array<{
      taskId: string | null;
      title: string;
      organisationId: string;
      organisationName: string;
      role: Role;
      roleLabel: string;
      stage: string | null;
      dueAt: Date | null;
      overdue: boolean;
      readBy: TaskReceipt[];
    }> = open.map((t) => ({
      taskId: t.id,
      title: t.title,
      organisationId: t.organisationId,
      organisationName: t.organisationName,
      role: t.role,
      roleLabel: ROLE_LABELS[t.role],
      stage: t.stage ?? currentStage ?? null,
      dueAt: t.dueAt ?? dueOf(t.stage),
      overdue: t.overdue,
      readBy: receipts.get(t.id) ?? [],
    }));
    if (n.status === 'returned') {
      const due = dueOf(currentStage);
      holders.push({
        taskId: null,
        title: `修改后重新提交：${n.branchName}`,
        organisationId: n.branchId,
        organisationName: n.branchName,
        role: 'submitter',
        roleLabel: ROLE_LABELS.submitter,
        stage: currentStage ?? null,
        dueAt: due,
        overdue: due !== null && new Date(due).getTime() < Date.now(),
        readBy: [],
      });
    }
    const outcomeStatus = n.campaignStatus ?? (n.status === 'approved' || n.status === 'rejected' ? n.status : null);
    const outcomeLabel = n.campaignStatus ? (definition?.subjectStatuses[n.campaignStatus] ?? n.campaignStatus) : outcomeStatus ? NOMINATION_STATUS_LABELS[n.status] : null;
    return {
      campaign: campaign ? { id: campaign.id, title: campaign.title, year: campaign.year, process: campaign.process, status: campaign.status } : null,
      holders,
      stages: stages.map((s, i) => ({
        stage: s.stage,
        label: s.label,
        opensOn: s.opensOn,
        dueOn: s.dueOn,
        dueAt: s.dueAt,
        extended: s.extended,
        position: currentIndex < 0 ? (ended ? 'not_reached' : 'done') : i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'ahead',
      })),
      outcome: outcomeStatus && outcomeLabel ? { status: outcomeStatus, label: outcomeLabel, reason: n.campaignReason } : null,
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
