import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BRANCH_DOMAIN_LABELS, type BranchDomain } from '../../../../libs/domain/src';
import { MEMBER_CASE_KIND_LABELS, type MemberCaseKind } from '../../../../libs/processes/src/wujin';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { BRAND_STATUS_LABELS, RECTIFICATION_STATUS_LABELS, UNDECIDED_RECTIFICATIONS, type WujinBrandStatus, type WujinRectificationStatus } from './labels';
import { MODEL_BRANCH_STATUS_LABELS, PLAN_STATUS_LABELS, SHELL_STATUS_LABELS, type WujinModelBranchStatus, type WujinPlanStatus, type WujinShellStatus } from './subject-labels';
import { WujinReadService, presentAssessment } from './wujin-read.service';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Who may read what a unit filed: its own people and those above it (the
 * reviewers it reports to), and those inside it (a branch reads its
 * committee's plan). Another subtree is told the row does not exist.
 */
export function mayRead(p: Principal, unitPath: string): boolean {
  return p.grants.some((g) => unitPath.startsWith(g.scopePath) || g.path.startsWith(unitPath));
}

/**
 * What a Wujin review task is about, read by its reviewer: the committee's
 * implementation plan, a branch's brand, an empty-shell case, a
 * rectification, an assessment round, the model branches recommended and a
 * committee's member case list — each within one plan and the caller's tree.
 */
@Injectable()
export class WujinSubjectsService {
  constructor(
    private readonly ds: DataSource,
    private readonly read: WujinReadService,
  ) {}

  /** A committee's implementation plan (one version), with the versions before it and their opinions. */
  async plan(p: Principal, campaignId: string, planId: string) {
    await this.read.campaign(p, campaignId);
    const [row] = await this.ds.query(
      `SELECT w.id, w.committee_id, c.name AS committee_name, c.path, w.version, w.summary, w.duties, w.status, w.opinion, w.filed_at, w.decided_at,
              f.display_name AS filer, d.display_name AS decider
         FROM wujin_implementation_plans w JOIN organisations c ON c.id = w.committee_id
         LEFT JOIN users f ON f.id = w.filed_by LEFT JOIN users d ON d.id = w.decided_by
        WHERE w.id = $1 AND w.campaign_id = $2`,
      [planId, campaignId],
    );
    if (!row || !mayRead(p, row.path)) throw notFound('实施方案');
    const earlier: Array<{ version: number; status: WujinPlanStatus; opinion: string | null; filed_at: Date; decided_at: Date | null }> = await this.ds.query(
      `SELECT version, status, opinion, filed_at, decided_at FROM wujin_implementation_plans WHERE campaign_id = $1 AND committee_id = $2 AND version < $3 ORDER BY version`,
      [campaignId, row.committee_id, row.version],
    );
    const status = row.status as WujinPlanStatus;
    return {
      id: row.id as string,
      committee: { id: row.committee_id as string, name: row.committee_name as string },
      version: row.version as number,
      summary: row.summary as string,
      duties: (row.duties as Array<{ duty: string; owner: string; dueOn: string }>).map((d) => ({ duty: d.duty, owner: d.owner, dueOn: d.dueOn })),
      status,
      statusLabel: PLAN_STATUS_LABELS[status],
      opinion: row.opinion as string | null,
      filedBy: row.filer as string | null,
      filedAt: iso(row.filed_at)!,
      decidedBy: row.decider as string | null,
      decidedAt: iso(row.decided_at),
      earlier: earlier.map((e) => ({ version: e.version, status: e.status, statusLabel: PLAN_STATUS_LABELS[e.status], opinion: e.opinion, filedAt: iso(e.filed_at)!, decidedAt: iso(e.decided_at) })),
    };
  }

  /** A branch's brand (one version), with the versions before it and their opinions. */
  async brand(p: Principal, campaignId: string, brandId: string) {
    await this.read.campaign(p, campaignId);
    const [row] = await this.ds.query(
      `SELECT w.id, w.branch_id, b.name AS branch_name, b.path, w.committee_id, c.name AS committee_name, w.version, w.name, w.description, w.evidence, w.status, w.opinion,
              w.filed_at, w.decided_at, f.display_name AS filer, d.display_name AS decider
         FROM wujin_brands w JOIN organisations b ON b.id = w.branch_id JOIN organisations c ON c.id = w.committee_id
         LEFT JOIN users f ON f.id = w.filed_by LEFT JOIN users d ON d.id = w.decided_by
        WHERE w.id = $1 AND w.campaign_id = $2`,
      [brandId, campaignId],
    );
    if (!row || !mayRead(p, row.path)) throw notFound('党建工作品牌');
    const earlier: Array<{ version: number; name: string; status: WujinBrandStatus; opinion: string | null; filed_at: Date; decided_at: Date | null }> = await this.ds.query(
      `SELECT version, name, status, opinion, filed_at, decided_at FROM wujin_brands WHERE campaign_id = $1 AND branch_id = $2 AND version < $3 ORDER BY version`,
      [campaignId, row.branch_id, row.version],
    );
    const status = row.status as WujinBrandStatus;
    return {
      id: row.id as string,
      branch: { id: row.branch_id as string, name: row.branch_name as string },
      committee: { id: row.committee_id as string, name: row.committee_name as string },
      version: row.version as number,
      name: row.name as string,
      description: row.description as string,
      evidence: row.evidence as string,
      status,
      statusLabel: BRAND_STATUS_LABELS[status],
      opinion: row.opinion as string | null,
      filedBy: row.filer as string | null,
      filedAt: iso(row.filed_at)!,
      decidedBy: row.decider as string | null,
      decidedAt: iso(row.decided_at),
      earlier: earlier.map((e) => ({
        version: e.version,
        name: e.name,
        status: e.status,
        statusLabel: BRAND_STATUS_LABELS[e.status],
        opinion: e.opinion,
        filedAt: iso(e.filed_at)!,
        decidedAt: iso(e.decided_at),
      })),
    };
  }

  /** An empty-shell case: the branch as the tree has it (members, field, term) and the committee's decision. */
  async shellReview(p: Principal, campaignId: string, reviewId: string) {
    await this.read.campaign(p, campaignId);
    const [row] = await this.ds.query(
      `SELECT w.id, w.branch_id, b.name AS branch_name, b.path, b.domain, b.member_count, to_char(b.term_ends_on, 'YYYY-MM-DD') AS term_ends_on,
              w.committee_id, c.name AS committee_name, w.status, w.opinion, w.decided_at, w.created_at, d.display_name AS decider
         FROM wujin_shell_reviews w JOIN organisations b ON b.id = w.branch_id JOIN organisations c ON c.id = w.committee_id
         LEFT JOIN users d ON d.id = w.decided_by
        WHERE w.id = $1 AND w.campaign_id = $2`,
      [reviewId, campaignId],
    );
    if (!row || !mayRead(p, row.path)) throw notFound('“空壳”党组织审查');
    const domain = row.domain as BranchDomain | null;
    const status = row.status as WujinShellStatus;
    return {
      id: row.id as string,
      branch: {
        id: row.branch_id as string,
        name: row.branch_name as string,
        domain,
        domainLabel: domain ? BRANCH_DOMAIN_LABELS[domain] : null,
        memberCount: row.member_count as number | null,
        termEndsOn: row.term_ends_on as string | null,
      },
      committee: { id: row.committee_id as string, name: row.committee_name as string },
      status,
      statusLabel: SHELL_STATUS_LABELS[status],
      opinion: row.opinion as string | null,
      decidedBy: row.decider as string | null,
      decidedAt: iso(row.decided_at),
      openedAt: iso(row.created_at)!,
    };
  }

  /** A rectification: why, by when, what the branch reported, and the committee's decision. */
  async rectification(p: Principal, campaignId: string, rectificationId: string) {
    await this.read.campaign(p, campaignId);
    const undecided = UNDECIDED_RECTIFICATIONS.map((s) => `'${s}'`).join(', ');
    const [row] = await this.ds.query(
      `SELECT r.id, r.branch_id, b.name AS branch_name, b.path, r.committee_id, c.name AS committee_name, r.reasons, r.due_at, r.status, r.submissions, r.measures, r.evidence,
              r.submitted_at, r.late, (r.status IN (${undecided}) AND r.due_at < now()) AS overdue, r.opinion, d.display_name AS decider, r.decided_at, r.created_at
         FROM wujin_rectifications r JOIN organisations b ON b.id = r.branch_id JOIN organisations c ON c.id = r.committee_id
         LEFT JOIN users d ON d.id = r.decided_by
        WHERE r.id = $1 AND r.campaign_id = $2`,
      [rectificationId, campaignId],
    );
    if (!row || !mayRead(p, row.path)) throw notFound('整顿');
    const status = row.status as WujinRectificationStatus;
    return {
      id: row.id as string,
      branch: { id: row.branch_id as string, name: row.branch_name as string },
      committee: { id: row.committee_id as string, name: row.committee_name as string },
      reasons: (row.reasons as unknown[]).map(String),
      dueAt: iso(row.due_at)!,
      overdue: row.overdue as boolean,
      status,
      statusLabel: RECTIFICATION_STATUS_LABELS[status],
      submissions: row.submissions as number,
      measures: row.measures as string | null,
      evidence: row.evidence as string | null,
      submittedAt: iso(row.submitted_at),
      late: row.late as boolean | null,
      opinion: row.opinion as string | null,
      decidedBy: row.decider as string | null,
      decidedAt: iso(row.decided_at),
      openedAt: iso(row.created_at)!,
    };
  }

  /** One assessment round of a branch, as its declaration and verification read it: every item's scores, the vetoes, the declaration. */
  async assessment(p: Principal, campaignId: string, assessmentId: string) {
    const campaign = await this.read.campaign(p, campaignId);
    const [row] = await this.ds.query(
      `SELECT w.branch_id, b.path FROM wujin_assessments w JOIN organisations b ON b.id = w.branch_id WHERE w.id = $1 AND w.campaign_id = $2`,
      [assessmentId, campaignId],
    );
    if (!row || !mayRead(p, row.path)) throw notFound('考核');
    const [branch, rounds, obligations] = await Promise.all([
      this.read.branch(p, campaignId, row.branch_id),
      this.read.assessments(campaignId, row.branch_id),
      this.read.obligations(campaignId, row.branch_id),
    ]);
    const round = rounds.find((r) => r.id === assessmentId)!;
    return { branch: { id: branch.id, name: branch.name }, committee: branch.committee, passThreshold: campaign.passThreshold, assessment: presentAssessment(round, obligations) };
  }

  /** The branches committees recommended as model branches, each with its committee's reasons and where it stands; within the caller's tree. */
  async modelBranches(p: Principal, campaignId: string) {
    await this.read.campaign(p, campaignId);
    const rows: Array<{ branch_id: string; branch_name: string; path: string; committee_id: string; committee_name: string; status: WujinModelBranchStatus; reason: string | null; updated_at: Date }> =
      await this.ds.query(
        `SELECT m.branch_id, b.name AS branch_name, b.path, m.committee_id, c.name AS committee_name, m.status, m.reason, m.updated_at
           FROM wujin_model_branches m JOIN organisations b ON b.id = m.branch_id JOIN organisations c ON c.id = m.committee_id
          WHERE m.campaign_id = $1 ORDER BY c.path, b.path`,
        [campaignId],
      );
    const items = rows
      .filter((r) => mayRead(p, r.path))
      .map((r) => ({
        branch: { id: r.branch_id, name: r.branch_name },
        committee: { id: r.committee_id, name: r.committee_name },
        status: r.status,
        statusLabel: MODEL_BRANCH_STATUS_LABELS[r.status],
        reason: r.reason,
        updatedAt: iso(r.updated_at)!,
      }));
    return { items, total: items.length };
  }

  /** A committee's list of lost-contact and law-breaking members, each with its outcome. */
  async memberCases(p: Principal, campaignId: string, committeeId: string) {
    await this.read.campaign(p, campaignId);
    const [row] = await this.ds.query(
      `SELECT m.committee_id, c.name AS committee_name, c.path, m.cases, m.filed_at, f.display_name AS filer
         FROM wujin_member_case_lists m JOIN organisations c ON c.id = m.committee_id LEFT JOIN users f ON f.id = m.filed_by
        WHERE m.campaign_id = $1 AND m.committee_id = $2`,
      [campaignId, committeeId],
    );
    if (!row || !mayRead(p, row.path)) throw notFound('党员处理清单');
    return {
      committee: { id: row.committee_id as string, name: row.committee_name as string },
      cases: (row.cases as Array<{ memberName: string; kind: MemberCaseKind; finding: string; outcome: string }>).map((c) => ({
        memberName: c.memberName,
        kind: c.kind,
        kindLabel: MEMBER_CASE_KIND_LABELS[c.kind],
        finding: c.finding,
        outcome: c.outcome,
      })),
      filedBy: row.filer as string | null,
      filedAt: iso(row.filed_at)!,
    };
  }
}
