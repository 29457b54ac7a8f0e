import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src';
import { appendAudit, deterministicUuid } from '../../../../libs/persistence/src';
import {
  ZIBO_CRITERION_LABELS,
  ZIBO_HELP_CASE_WORKFLOW,
  ZIBO_PROJECT_STATUS_LABELS,
  type ZiboCriterion,
  type ZiboHelpCaseInput,
  type ZiboProjectStatus,
  ziboHelpCaseWorkflowId,
} from '../../../../libs/processes/src/zibo';
import type { ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { translateWorkflowError } from '../common/workflow-errors';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { PROCESS_GATEWAY } from '../tokens';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
const num = (x: string | null) => (x === null ? null : Number(x));

export interface HelpCaseBody {
  branchId: string;
  memberName: string;
  helperName: string;
  reason: string;
  deadline: string;
}

const HELP_CASE_STATUS_LABELS = { open: '帮教中', rectified: '整改到位', not_rectified: '未整改到位' } as const;
const PLAN_STATUS_LABELS = { pending: '未报送', filed: '已报送，待备案', acknowledged: '已备案', returned: '退回修改' } as const;

/** What Zibo's branches and bureau committee read of a year, and the one-to-one help cases a branch opens, each within the caller's subtree. */
@Injectable()
export class ZiboReadService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: CampaignDashboardService,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {}

  /** A Zibo campaign the caller may read (404 otherwise). */
  async campaign(p: Principal, campaignId: string): Promise<{ id: string; year: number; title: string; status: string; organisationId: string }> {
    const [row] = await this.ds.query(`SELECT c.id, c.process, c.year, c.title, c.status, c.organisation_id, d.parent_id AS bureau_id FROM campaigns c JOIN organisations d ON d.id = c.organisation_id WHERE c.id = $1`, [campaignId]);
    if (!row || row.process !== 'zibo') throw notFound('过硬支部建设年度活动');
    await this.dashboards.dashboardAccess(p, campaignId);
    return { id: row.id, year: row.year, title: row.title, status: row.status, organisationId: row.bureau_id };
  }

  /** A branch of the bureau the caller may read: its own, or one below the caller's organisation. */
  async branch(p: Principal, branchId: string): Promise<{ id: string; name: string; path: string }> {
    const [b] = await this.ds.query(`SELECT id, name, path, level FROM organisations WHERE id = $1`, [branchId]);
    if (!b || b.level !== 'branch' || !p.canSee(b.path)) throw notFound('党支部');
    return { id: b.id, name: b.name, path: b.path };
  }

  async branchPage(p: Principal, campaignId: string, branchId: string) {
    const campaign = await this.campaign(p, campaignId);
    const branch = await this.branch(p, branchId);
    const [year] = await this.ds.query(`SELECT * FROM zibo_branch_years WHERE campaign_id = $1 AND branch_id = $2`, [campaignId, branchId]);
    if (!year) throw notFound('党支部的年度过硬支部建设记录');
    const projects: Array<{ id: string; title: string; content: string; proposer: string; status: ZiboProjectStatus; version: number; returns: number; opinion: string | null; approved_at: Date | null }> = await this.ds.query(
      `SELECT id, title, content, proposer, status, version, returns, opinion, approved_at FROM zibo_projects WHERE campaign_id = $1 AND branch_id = $2 ORDER BY updated_at`,
      [campaignId, branchId],
    );
    const steps: Array<{ project_id: string | null; step: string; outcome: string; opinion: string | null; actor_name: string | null; at: Date }> = await this.ds.query(
      `SELECT project_id, step, outcome, opinion, actor_name, at FROM zibo_project_steps WHERE campaign_id = $1 AND branch_id = $2 ORDER BY at, id`,
      [campaignId, branchId],
    );
    const proposals: Array<{ id: string; proposer: string; title: string; committee_chosen: boolean; members_chosen: boolean }> = await this.ds.query(
      `SELECT id, proposer, title, committee_chosen, members_chosen FROM zibo_proposals WHERE campaign_id = $1 AND branch_id = $2 ORDER BY created_at, title`,
      [campaignId, branchId],
    );
    const hard: Array<{ year: number; status: string; review_opinion: string | null; reviewed_at: Date | null }> = await this.ds.query(
      `SELECT year, status, review_opinion, reviewed_at FROM zibo_hard_branches WHERE branch_id = $1 ORDER BY year`,
      [branchId],
    );
    const cases: Array<{ id: string; member_name: string; helper_name: string; reason: string; deadline: string; status: keyof typeof HELP_CASE_STATUS_LABELS; outcome: string | null }> = await this.ds.query(
      `SELECT id, member_name, helper_name, reason, to_char(deadline, 'YYYY-MM-DD') AS deadline, status, outcome FROM zibo_help_cases WHERE campaign_id = $1 AND branch_id = $2 ORDER BY opened_at`,
      [campaignId, branchId],
    );
    const scores = (rows: Array<{ criterion: ZiboCriterion; score: number; note: string }> | null) =>
      rows?.map((s) => ({ criterion: s.criterion, label: ZIBO_CRITERION_LABELS[s.criterion], score: s.score, note: s.note })) ?? null;
    return {
      campaign: { id: campaign.id, year: campaign.year, title: campaign.title },
      branch: { id: branch.id, name: branch.name },
      plan: { status: year.plan_status as keyof typeof PLAN_STATUS_LABELS, statusLabel: PLAN_STATUS_LABELS[year.plan_status as keyof typeof PLAN_STATUS_LABELS], opinion: year.plan_opinion as string | null },
      standard: (year.standard?.criteria as Array<{ criterion: ZiboCriterion; requirements: string; points: number }> | undefined)?.map((c) => ({ ...c, label: ZIBO_CRITERION_LABELS[c.criterion] })) ?? null,
      selfScores: scores(year.self_scores),
      selfTotal: num(year.self_total),
      bureauScores: scores(year.bureau_scores),
      bureauTotal: num(year.bureau_total),
      gaps: (year.gaps as Array<{ criterion: ZiboCriterion; gap: string; measure: string; dueOn: string }> | null) ?? null,
      dutyReport: { report: year.duty_report as string | null, bureauRating: year.bureau_rating as string | null, membersRating: year.members_rating as string | null, membersParticipants: year.members_participants as number | null },
      flaggedNoProject: year.flagged_no_project as boolean,
      proposals: proposals.map((x) => ({ id: x.id, proposer: x.proposer, title: x.title, committeeChosen: x.committee_chosen, membersChosen: x.members_chosen })),
      projects: projects.map((x) => ({
        id: x.id,
        title: x.title,
        content: x.content,
        proposer: x.proposer,
        status: x.status,
        statusLabel: ZIBO_PROJECT_STATUS_LABELS[x.status],
        version: x.version,
        returns: x.returns,
        opinion: x.opinion,
        approvedAt: iso(x.approved_at),
      })),
      steps: steps.map((s) => ({ projectId: s.project_id, step: s.step, outcome: s.outcome, opinion: s.opinion, by: s.actor_name, at: iso(s.at)! })),
      hardBranch: hard.map((h) => ({ year: h.year, status: h.status, opinion: h.review_opinion, reviewedAt: iso(h.reviewed_at) })),
      helpCases: cases.map((c) => ({ id: c.id, memberName: c.member_name, helperName: c.helper_name, reason: c.reason, deadline: c.deadline, status: c.status, statusLabel: HELP_CASE_STATUS_LABELS[c.status], outcome: c.outcome })),
    };
  }

  /** The year's projects under the scope's path, and the branches flagged for having none approved by the date. */
  async ledger(campaignId: string, under: string) {
    const projects: Array<{ branch_name: string; title: string; proposer: string; status: ZiboProjectStatus; returns: number; approved_at: Date | null; opinion: string | null; progress: { progress: string; evidence: string } | null }> = await this.ds.query(
      `SELECT b.name AS branch_name, p.title, p.proposer, p.status, p.returns, p.approved_at, p.opinion,
              (SELECT s.data FROM zibo_project_steps s WHERE s.project_id = p.id AND s.step = 'progress' ORDER BY s.at DESC, s.id LIMIT 1) AS progress
         FROM zibo_projects p JOIN organisations b ON b.id = p.branch_id WHERE p.campaign_id = $1 AND b.path LIKE $2 ORDER BY b.path, p.updated_at`,
      [campaignId, under],
    );
    const flagged: Array<{ name: string }> = await this.ds.query(
      `SELECT b.name FROM zibo_branch_years y JOIN organisations b ON b.id = y.branch_id WHERE y.campaign_id = $1 AND y.flagged_no_project AND b.path LIKE $2 ORDER BY b.path`,
      [campaignId, under],
    );
    return {
      projects: projects.map((r) => ({
        branchName: r.branch_name,
        title: r.title,
        proposer: r.proposer,
        status: ZIBO_PROJECT_STATUS_LABELS[r.status],
        returns: r.returns,
        approvedOn: r.approved_at ? chinaDate(r.approved_at) : '',
        progress: r.progress ? `${r.progress.progress}（佐证：${r.progress.evidence}）` : '',
        opinion: r.opinion ?? '',
      })),
      flagged: flagged.map((f) => ({ branchName: f.name, reason: '未按期确定审核通过的党建项目' })),
    };
  }

  /** Opens a one-to-one help case for a lagging member of the caller's branch; a retry with the same key is the same case. */
  async openHelpCase(p: Principal, campaignId: string, body: HelpCaseBody, requestId: string) {
    const campaign = await this.campaign(p, campaignId);
    const branch = await this.branch(p, body.branchId);
    const grant = p.grantAt('submitter', branch.id);
    if (!grant) throw forbidden(`只有${branch.name}的书记可以确定结对帮教`);
    const caseId = deterministicUuid(`zibo-help-case:${requestId}`);
    const [already] = await this.ds.query(`SELECT id FROM zibo_help_cases WHERE id = $1`, [caseId]);
    if (!already) {
      if (campaign.status !== 'running') throw new ApiError('PLAN_NOT_RUNNING', campaign.status === 'draft' ? '年度活动尚未启动，不能确定结对帮教' : '年度活动不在进行中，不能确定结对帮教');
      const today = chinaDate(new Date());
      if (body.deadline < today) throw new ApiError('INVALID_FORM_DATA', `整改期限（${body.deadline}）不能早于今天（${today}）`);
      if (body.deadline > `${campaign.year}-12-31`) throw new ApiError('INVALID_FORM_DATA', `整改期限须在${campaign.year}年内`);
      const at = new Date().toISOString();
      await this.ds.transaction(async (em) => {
        await em.query(
          `INSERT INTO zibo_help_cases (id, campaign_id, branch_id, member_name, helper_name, reason, deadline, status, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)`,
          [caseId, campaignId, branch.id, body.memberName, body.helperName, body.reason, body.deadline, p.userId, at],
        );
        await appendAudit(em, {
          actorId: p.userId,
          actorName: p.displayName,
          actorRole: grant.role,
          organisationId: grant.organisationId,
          action: 'zibo.help_case.opened',
          subjectType: 'zibo_help_case',
          subjectId: caseId,
          opinion: body.reason,
          after: { memberName: body.memberName, helperName: body.helperName, deadline: body.deadline },
          requestId,
          at,
        });
      });
    }
    const [row] = await this.ds.query(
      `SELECT h.id, h.member_name, h.helper_name, h.reason, to_char(h.deadline, 'YYYY-MM-DD') AS deadline, h.status, h.outcome, o.name AS bureau_name
         FROM zibo_help_cases h JOIN organisations o ON o.id = $2 WHERE h.id = $1`,
      [caseId, campaign.organisationId],
    );
    const input: ZiboHelpCaseInput = {
      caseId,
      campaignId,
      branch: { id: branch.id, name: branch.name },
      bureau: { id: campaign.organisationId, name: row.bureau_name },
      memberName: row.member_name,
      helperName: row.helper_name,
      reason: row.reason,
      deadline: row.deadline,
    };
    try {
      await this.processes.startOnce(ZIBO_HELP_CASE_WORKFLOW, ziboHelpCaseWorkflowId(caseId), input);
    } catch (err) {
      throw translateWorkflowError(err);
    }
    return { id: row.id, branchId: branch.id, memberName: row.member_name, helperName: row.helper_name, reason: row.reason, deadline: row.deadline, status: row.status, statusLabel: HELP_CASE_STATUS_LABELS[row.status as keyof typeof HELP_CASE_STATUS_LABELS], outcome: row.outcome };
  }
}
