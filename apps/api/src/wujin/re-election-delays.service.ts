import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src';
import { appendAudit, deterministicUuid } from '../../../../libs/persistence/src';
import {
  RE_ELECTION_DELAY_STATUS_LABELS,
  WUJIN_RE_ELECTION_DELAY_WORKFLOW,
  type ReElectionDelayStatus,
  type WujinPlanParams,
  type WujinReElectionDelayInput,
  type WujinStage,
  defaultWujinParams,
  originalTermEnd,
  reElectionDelayRefusal,
  wujinReElectionDelayWorkflowId,
  wujinScheduleId,
} from '../../../../libs/processes/src/wujin';
import type { ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { translateWorkflowError } from '../common/workflow-errors';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { PROCESS_GATEWAY } from '../tokens';
import { WUJIN } from './labels';

export interface ReElectionDelayBody {
  branchId: string;
  until: string;
  reason: string;
}

interface DelayRow {
  id: string;
  branch_id: string;
  term_ends_on: string;
  until: string;
  reason: string;
  status: ReElectionDelayStatus;
  requester: string | null;
  requested_at: Date;
  opinion: string | null;
  decider: string | null;
  decided_at: Date | null;
  occurrence_change: 'moved' | 'postponed' | null;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/** The phase a day falls in, for the task's place in the inbox. */
function stageOn(params: WujinPlanParams, today: string): WujinStage {
  if (today <= params.phases.deploy.endsOn) return 'phase_deploy';
  return today <= params.phases.compliance.endsOn ? 'phase_compliance' : 'phase_brand';
}

/**
 * Delayed re-elections (换届延期): a branch's secretary asks, with a reason and
 * the new date; the branch's committee decides in its inbox (the one task path).
 * Everything the request may be refused for is checked here, before anything
 * is written or started.
 */
@Injectable()
export class ReElectionDelaysService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: CampaignDashboardService,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {}

  async request(p: Principal, campaignId: string, body: ReElectionDelayBody, requestId: string) {
    const [campaign] = await this.ds.query(`SELECT c.id, c.process, c.year, c.params, c.status, c.organisation_id, o.name AS organisation_name FROM campaigns c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`, [campaignId]);
    if (!campaign || campaign.process !== WUJIN) throw notFound('党支部规范化建设计划');
    await this.dashboards.dashboardAccess(p, campaignId);
    const [branch] = await this.ds.query(
      `SELECT b.id, b.name, b.path, b.level, to_char(b.term_ends_on, 'YYYY-MM-DD') AS term_ends_on, c.id AS committee_id, c.name AS committee_name
         FROM organisations b LEFT JOIN wujin_branch_standing s ON s.branch_id = b.id AND s.campaign_id = $2 JOIN organisations c ON c.id = coalesce(s.committee_id, b.parent_id)
        WHERE b.id = $1`,
      [body.branchId, campaignId],
    );
    if (!branch || branch.level !== 'branch' || !p.canSee(branch.path)) throw notFound('党支部');
    const grant = p.grantAt('submitter', branch.id);
    if (!grant) throw forbidden(`只有${branch.name}的书记（提交人）可以申请延期换届`);
    const delayId = deterministicUuid(`wujin-re-election-delay:${requestId}`);
    const [already] = await this.ds.query(`SELECT id FROM wujin_re_election_delays WHERE id = $1`, [delayId]);
    if (!already) {
      if (campaign.status !== 'running') throw new ApiError('PLAN_NOT_RUNNING', `${campaign.status === 'paused' ? '计划已暂停' : campaign.status === 'draft' ? '计划尚未启动' : '计划已结束'}，不能申请延期换届`);
    }
    const params: WujinPlanParams = { ...defaultWujinParams(campaign.year), ...(campaign.params ?? {}) };
    const lastScheduleYear = params.year + 2;
    const today = chinaDate(new Date());
    const input: WujinReElectionDelayInput = {
      campaignId,
      delayId,
      branch: { id: branch.id, name: branch.name },
      committee: { id: branch.committee_id, name: branch.committee_name },
      orgDepartment: { id: campaign.organisation_id, name: campaign.organisation_name },
      termEndsOn: branch.term_ends_on,
      until: body.until,
      reason: body.reason,
      stage: stageOn(params, today),
      lastScheduleYear,
      requestedBy: p.actorAs(grant),
    };
    if (!already) {
      await this.ds.transaction(async (em) => {
        // One request of a branch at a time: concurrent requests wait here, then see the first.
        const [locked] = await em.query(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term_ends_on FROM organisations WHERE id = $1 FOR UPDATE`, [branch.id]);
        const termEndsOn: string | null = locked.term_ends_on;
        const termYear = termEndsOn ? Number(termEndsOn.slice(0, 4)) : null;
        if (termEndsOn === null || termYear === null || termYear < params.obligationsFrom || termYear > lastScheduleYear) {
          throw new ApiError('RE_ELECTION_NOT_DUE', `${branch.name}${termEndsOn ? `本届任期${termEndsOn}届满，` : '未登记任期届满日，'}不在本计划${params.obligationsFrom}—${lastScheduleYear}年的换届安排内`);
        }
        const [done] = await em.query(`SELECT 1 FROM obligation_occurrences WHERE schedule_id = $1 AND obligation_code = 'wujin_re_election' AND status = 'completed'`, [
          wujinScheduleId(campaignId, branch.id, termYear),
        ]);
        if (done) throw new ApiError('RE_ELECTION_NOT_DUE', `${branch.name}已按期完成换届，无须延期`);
        const [pending] = await em.query(`SELECT to_char(until, 'YYYY-MM-DD') AS until FROM wujin_re_election_delays WHERE branch_id = $1 AND status = 'pending'`, [branch.id]);
        if (pending) throw new ApiError('RE_ELECTION_DELAY_PENDING', `${branch.name}已申请延期换届至${pending.until}，正在等待党(工)委审批`);
        const approved: Array<{ termEndsOn: string; until: string }> = await em.query(
          `SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS "termEndsOn", to_char(until, 'YYYY-MM-DD') AS until FROM wujin_re_election_delays WHERE branch_id = $1 AND status = 'approved'`,
          [branch.id],
        );
        const refusal = reElectionDelayRefusal({ termEndsOn, originalTermEndsOn: originalTermEnd(termEndsOn, approved), until: body.until, today });
        if (refusal) throw new ApiError('RE_ELECTION_DATE_INVALID', refusal);
        input.termEndsOn = termEndsOn;
        const at = new Date().toISOString();
        await em.query(
          `INSERT INTO wujin_re_election_delays (id, campaign_id, branch_id, committee_id, term_ends_on, until, reason, status, requested_by, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)`,
          [delayId, campaignId, branch.id, branch.committee_id, termEndsOn, body.until, body.reason, p.userId, at],
        );
        await appendAudit(em, {
          actorId: p.userId,
          actorName: p.displayName,
          actorRole: grant.role,
          organisationId: grant.organisationId,
          action: 'wujin.re_election_delay.requested',
          subjectType: 'wujin_re_election_delay',
          subjectId: delayId,
          opinion: body.reason,
          after: { branchId: branch.id, termEndsOn, until: body.until },
          requestId,
          at,
        });
      });
    } else {
      // A retry: the request stands as first recorded; make sure its workflow runs.
      const [row] = await this.ds.query(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term_ends_on, to_char(until, 'YYYY-MM-DD') AS until, reason FROM wujin_re_election_delays WHERE id = $1`, [delayId]);
      Object.assign(input, { termEndsOn: row.term_ends_on, until: row.until, reason: row.reason });
    }
    try {
      await this.processes.startOnce(WUJIN_RE_ELECTION_DELAY_WORKFLOW, wujinReElectionDelayWorkflowId(delayId), input);
    } catch (err) {
      throw translateWorkflowError(err);
    }
    const [view] = await this.delays(`d.id = $1`, [delayId]);
    return view!;
  }

  /** The branch's term end and its delay requests, newest first, for its page. */
  async reElection(campaignId: string, branchId: string) {
    const [org] = await this.ds.query(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term_ends_on FROM organisations WHERE id = $1`, [branchId]);
    return { termEndsOn: (org?.term_ends_on as string | null) ?? null, delays: await this.delays(`d.campaign_id = $1 AND d.branch_id = $2`, [campaignId, branchId]) };
  }

  private async delays(where: string, params: unknown[]) {
    const rows: DelayRow[] = await this.ds.query(
      `SELECT d.id, d.branch_id, to_char(d.term_ends_on, 'YYYY-MM-DD') AS term_ends_on, to_char(d.until, 'YYYY-MM-DD') AS until, d.reason, d.status,
              r.display_name AS requester, d.requested_at, d.opinion, u.display_name AS decider, d.decided_at, d.occurrence_change
         FROM wujin_re_election_delays d LEFT JOIN users r ON r.id = d.requested_by LEFT JOIN users u ON u.id = d.decided_by
        WHERE ${where} ORDER BY d.requested_at DESC, d.id`,
      params,
    );
    return rows.map((d) => ({
      id: d.id,
      branchId: d.branch_id,
      termEndsOn: d.term_ends_on,
      until: d.until,
      reason: d.reason,
      status: d.status,
      statusLabel: RE_ELECTION_DELAY_STATUS_LABELS[d.status],
      requestedBy: d.requester,
      requestedAt: iso(d.requested_at)!,
      opinion: d.opinion,
      decidedBy: d.decider,
      decidedAt: iso(d.decided_at),
      occurrenceChange: d.occurrence_change,
    }));
  }
}
