import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BRANCH_DOMAIN_LABELS, type BranchDomain, type PlannedStage, rubricTotal } from '../../../../libs/domain/src';
import {
  CLEANUP_STATUS_LABELS,
  type CleanupStatus,
  FIVE_BASIC_LABELS,
  type FiveBasic,
  GRADING_STATUS_LABELS,
  type GradingStandard,
  type GradingStatus,
  HEFEI_GRADE_LABELS,
  type HefeiGrade,
  PROBLEM_SOURCE_LABELS,
  type ProblemSource,
  RECTIFICATION_STATUS_LABELS,
  type RectificationStatus,
  STANDARD_STATUS_LABELS,
  type StandardStatus,
  defaultHefeiParams,
  privateSocialFlags,
  trainingDone,
} from '../../../../libs/processes/src/hefei';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { LATE_RECTIFICATION, SECRETARY_TRAINING_OBLIGATION, branchSchedule } from './figures';

export const HEFEI = 'hefei';

export const STEP_LABELS: Record<'submitted' | 'returned' | 'accepted', string> = { submitted: '报送整改情况', returned: '退回整改', accepted: '验收通过' };


export interface HefeiCampaign {
  id: string;
  year: number;
  title: string;
  minimumMembers: number;
  trainingsPerYear: number;
  aGradeCap: number;
  plan: PlannedStage[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** What Hefei's committees and branches read: a branch's page, a committee's standards; always within the reader's subtree. */
@Injectable()
export class HefeiReadService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  /** A Hefei campaign the caller's tree reaches; another process's campaign is not found here. */
  async campaign(p: Principal, campaignId: string): Promise<HefeiCampaign> {
    const [row] = await this.ds.query(`SELECT id, process, year, title, params, plan FROM campaigns WHERE id = $1`, [campaignId]);
    if (!row || row.process !== HEFEI) throw notFound('评选活动');
    await this.dashboards.dashboardAccess(p, campaignId);
    const defaults = defaultHefeiParams(row.year);
    const params = { ...defaults, ...(row.params ?? {}) };
    return { id: row.id, year: row.year, title: row.title, minimumMembers: params.minimumMembers, trainingsPerYear: params.trainingsPerYear, aGradeCap: params.aGradeCap, plan: row.plan ?? [] };
  }

  async branchPage(p: Principal, campaignId: string, branchId: string) {
    const campaign = await this.campaign(p, campaignId);
    const [branch] = await this.ds.query(`SELECT id, name, path, level, domain, member_count FROM organisations WHERE id = $1`, [branchId]);
    if (!branch || branch.level !== 'branch' || !p.canSee(branch.path)) throw notFound('党支部');
    const domain = branch.domain as BranchDomain | null;
    const memberCount = branch.member_count as number | null;

    const [committees, current, history, rectifications, pairings, trainings, cleanup] = await Promise.all([
      this.ds.query(`SELECT id, name FROM organisations WHERE level = 'grassroots_committee' AND $1 LIKE path || '%' ORDER BY length(path) DESC LIMIT 1`, [branch.path]),
      this.ds.query(`SELECT grade, year, attempt, first_grading, graded_at FROM hefei_current_grades WHERE branch_id = $1`, [branchId]),
      this.ds.query(
        `SELECT id, campaign_id, year, attempt, first_grading, status, self_total, assessor_total, grade, grade_reasons, review_opinion, graded_at
           FROM hefei_gradings WHERE branch_id = $1 ORDER BY year DESC, attempt DESC`,
        [branchId],
      ),
      this.rectifications(`r.campaign_id = $1 AND r.branch_id = $2`, [campaignId, branchId]),
      this.pairings(branchId),
      this.ds.query(
        `SELECT count(*)::int AS n FROM obligation_occurrences WHERE obligation_code = $2 AND schedule_id = $1 AND status = 'completed'`,
        [branchSchedule(campaignId, branchId), SECRETARY_TRAINING_OBLIGATION],
      ),
      this.ds.query(`SELECT status, opinion FROM hefei_cleanup_reviews WHERE campaign_id = $1 AND branch_id = $2`, [campaignId, branchId]),
    ]);

    const flags = privateSocialFlags({ domain, memberCount }, campaign.minimumMembers);
    const trainingsThisYear: number = trainings[0].n;
    const c = current[0];
    return {
      campaign: { id: campaign.id, year: campaign.year, title: campaign.title },
      branch: { id: branch.id, name: branch.name, domain, domainLabel: domain ? BRANCH_DOMAIN_LABELS[domain] : null, memberCount, committee: committees[0] ?? null },
      currentGrade: c
        ? { grade: c.grade as HefeiGrade, gradeLabel: HEFEI_GRADE_LABELS[c.grade as HefeiGrade], year: c.year, attempt: c.attempt, firstGrading: c.first_grading, gradedAt: iso(c.graded_at)! }
        : null,
      history: history.map((g: GradingRow) => presentGrading(g)),
      rectifications: rectifications.map(({ branchName: _b, half: _h, ...r }) => r),
      pairings,
      flags: {
        privateOrSocial: flags.trainingRequired,
        minimumMembers: campaign.minimumMembers,
        focusedHelp: flags.focusedHelp,
        memberless: flags.cleanup,
        trainingRequired: flags.trainingRequired,
        trainingsThisYear,
        trainingsPerYear: campaign.trainingsPerYear,
        trainingMissing: flags.trainingRequired && !trainingDone(trainingsThisYear, campaign.trainingsPerYear),
        cleanupReview: cleanup[0]
          ? { status: cleanup[0].status as CleanupStatus, statusLabel: CLEANUP_STATUS_LABELS[cleanup[0].status as CleanupStatus], opinion: cleanup[0].opinion }
          : null,
      },
    };
  }

  async standards(p: Principal, campaignId: string, committeeId: string) {
    await this.campaign(p, campaignId);
    const [committee] = await this.ds.query(`SELECT id, name, path, level FROM organisations WHERE id = $1`, [committeeId]);
    if (!committee || committee.level !== 'grassroots_committee' || !p.canSee(committee.path)) throw notFound('基层党委');
    const rows: Array<{ id: string; version: number; campaign_id: string | null; status: StandardStatus; rubric: GradingStandard; created_at: Date; filed_at: Date | null; decided_at: Date | null; opinion: string | null }> =
      await this.ds.query(
        `SELECT id, version, campaign_id, status, rubric, created_at, filed_at, decided_at, opinion FROM hefei_grading_standards WHERE committee_id = $1 ORDER BY version DESC`,
        [committeeId],
      );
    const accepted = rows.find((r) => r.status === 'accepted');
    return {
      committee: { id: committee.id, name: committee.name },
      versions: rows.map((r) => ({
        id: r.id,
        version: r.version,
        campaignId: r.campaign_id,
        status: r.status,
        statusLabel: STANDARD_STATUS_LABELS[r.status],
        createdAt: iso(r.created_at)!,
        filedAt: iso(r.filed_at),
        decidedAt: iso(r.decided_at),
        opinion: r.opinion,
      })),
      accepted: accepted ? { id: accepted.id, version: accepted.version, acceptedAt: iso(accepted.decided_at)!, standard: presentStandard(accepted.rubric) } : null,
    };
  }

  /** Rectifications matching `where` (over `r`, the branch `b`), each with its steps in order. */
  async rectifications(where: string, params: unknown[]) {
    const rows: RectificationRow[] = await this.ds.query(
      `SELECT r.id, r.source, r.dimension, r.problem, r.inspector_id, i.name AS inspector_name, r.found_at, r.due_on::text AS due_on, r.status,
              ${LATE_RECTIFICATION} AS late, r.accepted_at, b.name AS branch_name, si.half
         FROM hefei_rectifications r JOIN organisations b ON b.id = r.branch_id JOIN organisations i ON i.id = r.inspector_id
         LEFT JOIN hefei_special_inspections si ON si.id = r.inspection_id
        WHERE ${where} ORDER BY b.path, r.found_at, r.id`,
      params,
    );
    const steps: StepRow[] = rows.length
      ? await this.ds.query(
          `SELECT s.rectification_id, s.action, s.content, s.evidence, s.actor_name, o.name AS organisation_name, s.created_at
             FROM hefei_rectification_steps s JOIN organisations o ON o.id = s.organisation_id
            WHERE s.rectification_id = ANY($1) ORDER BY s.created_at, s.id`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      sourceLabel: PROBLEM_SOURCE_LABELS[r.source],
      dimension: r.dimension,
      dimensionLabel: r.dimension ? FIVE_BASIC_LABELS[r.dimension] : null,
      problem: r.problem,
      inspector: { id: r.inspector_id, name: r.inspector_name },
      foundAt: iso(r.found_at)!,
      dueOn: r.due_on,
      status: r.status,
      statusLabel: RECTIFICATION_STATUS_LABELS[r.status],
      overdue: r.late,
      acceptedAt: iso(r.accepted_at),
      branchName: r.branch_name,
      half: r.half,
      steps: steps
        .filter((s) => s.rectification_id === r.id)
        .map((s) => ({
          action: s.action,
          actionLabel: STEP_LABELS[s.action],
          content: s.content,
          evidence: s.evidence,
          actorName: s.actor_name,
          organisationName: s.organisation_name,
          at: iso(s.created_at)!,
        })),
    }));
  }

  private async pairings(branchId: string) {
    const rows: Array<{ id: string; partner_name: string; partner_organisation_id: string | null; reason: string; assigned_at: Date; ended_at: Date | null }> = await this.ds.query(
      `SELECT id, partner_name, partner_organisation_id, reason, assigned_at, ended_at FROM hefei_pairings WHERE branch_id = $1 ORDER BY ended_at IS NOT NULL, assigned_at DESC`,
      [branchId],
    );
    const notes: Array<{ pairing_id: string; note: string; recorded_at: Date }> = rows.length
      ? await this.ds.query(`SELECT pairing_id, note, recorded_at FROM hefei_pairing_notes WHERE pairing_id = ANY($1) ORDER BY recorded_at, id`, [rows.map((r) => r.id)])
      : [];
    return rows.map((r) => ({
      id: r.id,
      partnerName: r.partner_name,
      partnerOrganisationId: r.partner_organisation_id,
      reason: r.reason,
      assignedAt: iso(r.assigned_at)!,
      endedAt: iso(r.ended_at),
      notes: notes.filter((n) => n.pairing_id === r.id).map((n) => ({ note: n.note, recordedAt: iso(n.recorded_at)! })),
    }));
  }
}

interface GradingRow {
  id: string;
  campaign_id: string;
  year: number;
  attempt: number;
  first_grading: boolean;
  status: GradingStatus;
  self_total: string | null;
  assessor_total: string | null;
  grade: HefeiGrade | null;
  grade_reasons: string[];
  review_opinion: string | null;
  graded_at: Date | null;
}

interface RectificationRow {
  id: string;
  source: ProblemSource;
  dimension: FiveBasic | null;
  problem: string;
  inspector_id: string;
  inspector_name: string;
  found_at: Date;
  due_on: string;
  status: RectificationStatus;
  late: boolean;
  accepted_at: Date | null;
  branch_name: string;
  half: number | null;
}

interface StepRow {
  rectification_id: string;
  action: 'submitted' | 'returned' | 'accepted';
  content: string;
  evidence: unknown[];
  actor_name: string;
  organisation_name: string;
  created_at: Date;
}

function presentGrading(g: GradingRow) {
  return {
    gradingId: g.id,
    campaignId: g.campaign_id,
    year: g.year,
    attempt: g.attempt,
    firstGrading: g.first_grading,
    status: g.status,
    statusLabel: GRADING_STATUS_LABELS[g.status],
    selfTotal: num(g.self_total),
    assessorTotal: num(g.assessor_total),
    grade: g.grade,
    gradeLabel: g.grade ? HEFEI_GRADE_LABELS[g.grade] : null,
    reasons: g.grade_reasons.map(String),
    reviewOpinion: g.review_opinion,
    gradedAt: iso(g.graded_at),
  };
}

/** The standard as stored, shown field by field (whatever else the stored copy carries stays out of the answer). */
function presentStandard(s: GradingStandard) {
  return {
    code: s.code,
    version: s.version,
    name: s.name,
    isDefault: Boolean(s.isDefault),
    note: s.note ?? '',
    areas: s.areas.map((a) => ({
      code: a.code,
      name: a.name,
      declaredPoints: a.declaredPoints,
      items: a.items.map((i) => ({ code: i.code, requirement: i.requirement, standard: i.standard, points: i.points })),
    })),
    vetoItems: s.vetoItems.map((v) => ({ code: v.code, text: v.text })),
    gradeThresholds: { A: s.gradeThresholds.A, B: s.gradeThresholds.B, C: s.gradeThresholds.C },
    total: rubricTotal(s),
  };
}
