import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BRANCH_DOMAIN_LABELS, type BranchDomain, type Rubric, type ScoreSheet, chinaDate, rubricTotal } from '../../../../libs/domain/src';
import { branchCompliance } from '../../../../libs/persistence/src';
import { WUJIN_OBLIGATIONS, WUJIN_SUBJECT_STATUS_LABELS, type WujinObligation, type WujinStanding, defaultWujinParams } from '../../../../libs/processes/src/wujin';
import { type AttachmentLink, attachmentLinks, linksOf } from '../attachments/attachment-links';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { ReElectionDelaysService } from './re-election-delays.service';
import { OVERDUE_RECTIFICATION, obligationCounts } from './work-figures';
import { type ObligationFigures, areaSubtotals, obligationFigures, obligationOfItem, pointsNotes } from './figures';
import { BRAND_STATUS_LABELS, RECTIFICATION_STATUS_LABELS, VERDICT_LABELS, WUJIN, type WujinBrandStatus, type WujinRectificationStatus } from './labels';

export interface WujinCampaign {
  id: string;
  year: number;
  title: string;
  passThreshold: number;
  rubricCode: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const num = (v: string | number | null) => (v === null ? null : Number(v));
const tenths = (x: number) => Math.round(x * 10) / 10;

interface AssessmentRow {
  id: string;
  round: number;
  rubric_code: string;
  rubric_version: number;
  definition: Rubric;
  status: 'self_assessment' | 'assessing' | 'completed' | null;
  self_scores: ScoreSheet | null;
  assessor_scores: ScoreSheet | null;
  vetoes: string[] | null;
  result: { selfTotal: number; assessorTotal: number; passed: boolean; reasons: string[] } | null;
  on_site_items: string[] | null;
  declaration_note: string | null;
  declared_by: string | null;
  declarer_name: string | null;
  declared_at: Date | null;
  verdict: 'pass' | 'fail' | null;
  verdict_opinion: string | null;
  on_site_checks: Array<{ itemCode: string; checkedBy: string; checkedOn: string; finding: string }> | null;
  verified_by: string | null;
  verifier_name: string | null;
  verified_at: Date | null;
  created_at: Date;
}

/** What Wujin's readers see of a branch, and the compliance other processes ask about; always within the reader's subtree. */
@Injectable()
export class WujinReadService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: CampaignDashboardService,
    private readonly reElections: ReElectionDelaysService,
  ) {}

  /** A Wujin campaign the caller's tree reaches; another process's campaign is not found here. */
  async campaign(p: Principal, campaignId: string): Promise<WujinCampaign> {
    const [row] = await this.ds.query(`SELECT id, process, year, title, params FROM campaigns WHERE id = $1`, [campaignId]);
    if (!row || row.process !== WUJIN) throw notFound('党支部规范化建设计划');
    await this.dashboards.dashboardAccess(p, campaignId);
    const params = { ...defaultWujinParams(row.year), ...(row.params ?? {}) };
    return { id: row.id, year: row.year, title: row.title, passThreshold: params.passThreshold, rubricCode: params.rubricCode };
  }

  /** A branch of the plan the caller may read (its own, or one below the caller's organisation). */
  async branch(p: Principal, campaignId: string, branchId: string) {
    const [branch] = await this.ds.query(
      `SELECT b.id, b.name, b.path, b.level, b.domain, b.member_count, c.id AS committee_id, c.name AS committee_name
         FROM organisations b LEFT JOIN wujin_branch_standing s ON s.branch_id = b.id AND s.campaign_id = $2 LEFT JOIN organisations c ON c.id = coalesce(s.committee_id, b.parent_id)
        WHERE b.id = $1`,
      [branchId, campaignId],
    );
    if (!branch || branch.level !== 'branch' || !p.canSee(branch.path)) throw notFound('党支部');
    const domain = branch.domain as BranchDomain | null;
    return {
      id: branch.id as string,
      name: branch.name as string,
      domain,
      domainLabel: domain ? BRANCH_DOMAIN_LABELS[domain] : null,
      memberCount: branch.member_count as number | null,
      committee: branch.committee_id ? { id: branch.committee_id as string, name: branch.committee_name as string } : null,
    };
  }

  async branchPage(p: Principal, campaignId: string, branchId: string) {
    const campaign = await this.campaign(p, campaignId);
    const branch = await this.branch(p, campaignId, branchId);
    const [standing, assessments, rectification, brands, obligations, reElection] = await Promise.all([
      this.ds.query(`SELECT standing, round, score, vetoes, reasons, failed_once, objection_upheld, compliant_at FROM wujin_branch_standing WHERE campaign_id = $1 AND branch_id = $2`, [
        campaignId,
        branchId,
      ]),
      this.assessments(campaignId, branchId),
      this.ds.query(
        `SELECT r.id, r.reasons, r.due_at, r.status, r.submissions, r.measures, r.evidence, r.submitted_at, r.late, ${OVERDUE_RECTIFICATION} AS overdue, r.opinion,
                u.display_name AS decider, r.decided_at, r.created_at
           FROM wujin_rectifications r LEFT JOIN users u ON u.id = r.decided_by WHERE r.campaign_id = $1 AND r.branch_id = $2`,
        [campaignId, branchId],
      ),
      this.ds.query(
        `SELECT id, version, name, description, evidence, evidence_attachments, status, opinion, filed_at, decided_at FROM wujin_brands WHERE campaign_id = $1 AND branch_id = $2 ORDER BY version DESC`,
        [campaignId, branchId],
      ),
      this.obligations(campaignId, branchId),
      this.reElections.reElection(campaignId, branchId),
    ]);
    // The files the self-assessments and brand filings named, as tasks of this branch hold them.
    const named = [
      ...assessments.flatMap((a) => Object.values(a.self_scores ?? {}).flatMap((x) => x.evidenceAttachments ?? [])),
      ...brands.flatMap((b: { evidence_attachments: string[] | null }) => b.evidence_attachments ?? []),
    ];
    const links = await attachmentLinks(this.ds, named, branchId);
    const s = standing[0];
    const r = rectification[0];
    return {
      campaign: { id: campaign.id, year: campaign.year, title: campaign.title },
      branch,
      standing: s
        ? {
            standing: s.standing as WujinStanding,
            label: WUJIN_SUBJECT_STATUS_LABELS[s.standing as WujinStanding],
            round: s.round as number,
            score: num(s.score),
            reasons: (s.reasons as unknown[]).map(String),
            failedOnce: s.failed_once as boolean,
            objectionUpheld: s.objection_upheld as boolean,
            compliantAt: iso(s.compliant_at),
          }
        : null,
      passThreshold: campaign.passThreshold,
      assessments: assessments.map((a) => presentAssessment(a, obligations, links)),
      rectification: r
        ? {
            id: r.id as string,
            reasons: (r.reasons as unknown[]).map(String),
            dueAt: iso(r.due_at)!,
            status: r.status as WujinRectificationStatus,
            statusLabel: RECTIFICATION_STATUS_LABELS[r.status as WujinRectificationStatus],
            overdue: r.overdue as boolean,
            submissions: r.submissions as number,
            measures: r.measures as string | null,
            evidence: r.evidence as string | null,
            submittedAt: iso(r.submitted_at),
            late: r.late as boolean | null,
            opinion: r.opinion as string | null,
            decidedBy: r.decider as string | null,
            decidedAt: iso(r.decided_at),
            openedAt: iso(r.created_at)!,
          }
        : null,
      brands: brands.map((b: { id: string; version: number; name: string; description: string; evidence: string; evidence_attachments: string[] | null; status: WujinBrandStatus; opinion: string | null; filed_at: Date; decided_at: Date | null }) => ({
        id: b.id,
        version: b.version,
        name: b.name,
        description: b.description,
        evidence: b.evidence,
        evidenceAttachments: linksOf(links, b.evidence_attachments),
        status: b.status,
        statusLabel: BRAND_STATUS_LABELS[b.status],
        opinion: b.opinion,
        filedAt: iso(b.filed_at)!,
        decidedAt: iso(b.decided_at),
      })),
      obligations: (Object.keys(WUJIN_OBLIGATIONS) as WujinObligation[]).map((code) => ({ code, title: WUJIN_OBLIGATIONS[code].title, rubricItem: WUJIN_OBLIGATIONS[code].rubricItem, ...obligations[code] })),
      reElection,
    };
  }

  /** The branch's rounds, oldest first, each with the rubric version it was assessed on. */
  async assessments(campaignId: string, branchId: string): Promise<AssessmentRow[]> {
    return this.ds.query(
      `SELECT w.id, w.round, w.rubric_code, w.rubric_version, r.definition, a.status, a.self_scores, a.assessor_scores, a.vetoes, a.result,
              w.on_site_items, w.declaration_note, w.declared_by, d.display_name AS declarer_name, w.declared_at,
              w.verdict, w.verdict_opinion, w.on_site_checks, w.verified_by, v.display_name AS verifier_name, w.verified_at, w.created_at
         FROM wujin_assessments w
         JOIN rubrics r ON r.code = w.rubric_code AND r.version = w.rubric_version
         LEFT JOIN rubric_assessments a ON a.id = w.id
         LEFT JOIN users d ON d.id = w.declared_by
         LEFT JOIN users v ON v.id = w.verified_by
        WHERE w.campaign_id = $1 AND w.branch_id = $2 ORDER BY w.round`,
      [campaignId, branchId],
    );
  }

  /** How the branch kept each standing obligation over the plan's years. */
  async obligations(campaignId: string, branchId: string): Promise<Record<WujinObligation, ObligationFigures>> {
    return obligationFigures(await obligationCounts(this.ds, campaignId, `x.organisation_id = $2`, [branchId]));
  }

  /** The rubric the plan scores against, newest version: what a branch not yet assessed is shown. */
  async latestRubric(code: string): Promise<Rubric> {
    const [row] = await this.ds.query(`SELECT definition FROM rubrics WHERE code = $1 ORDER BY version DESC LIMIT 1`, [code]);
    if (!row) throw notFound('考核细则');
    return row.definition as Rubric;
  }

  /** Whether an organisation the caller may see is a compliant branch, as other processes ask it. */
  async organisationCompliance(p: Principal, organisationId: string) {
    const [org] = await this.ds.query(`SELECT id, name, path, level FROM organisations WHERE id = $1`, [organisationId]);
    if (!org || !p.canSee(org.path)) throw notFound('组织');
    if (org.level !== 'branch') throw notFound('党支部');
    const c = await branchCompliance(this.ds, organisationId);
    return {
      organisationId: org.id as string,
      name: org.name as string,
      compliant: c?.compliant ?? false,
      standing: c?.standing ?? null,
      standingLabel: c?.standingLabel ?? null,
      since: c?.since ?? null,
      campaign: c ? { id: c.campaignId, title: c.campaignTitle, year: c.year } : null,
      label: !c ? '未列入党支部规范化建设计划' : c.compliant ? `合格支部（${c.campaignTitle}，${chinaDate(c.since!)}起）` : `不是合格支部（${c.standingLabel}）`,
    };
  }
}

export type AssessmentView = ReturnType<typeof presentAssessment>;

/** One round as the branch page shows it: each item's self and assessor score beside the obligation it checks. */
export function presentAssessment(a: AssessmentRow, obligations: Record<WujinObligation, ObligationFigures>, links: ReadonlyMap<string, AttachmentLink> = new Map()) {
  const rubric = a.definition;
  const self = a.self_scores;
  const assessor = a.assessor_scores;
  const areas = areaSubtotals(rubric, self, assessor);
  const vetoes = a.vetoes ?? [];
  const itemByCode = new Map(rubric.areas.flatMap((ar) => ar.items.map((i) => [i.code, i] as const)));
  return {
    id: a.id,
    round: a.round,
    status: a.status,
    rubric: { code: rubric.code, version: rubric.version, name: rubric.name, total: rubricTotal(rubric), declaredTotal: rubric.areas.reduce((n, ar) => n + ar.declaredPoints, 0), notes: pointsNotes(areas) },
    items: rubric.areas.flatMap((ar) =>
      ar.items.map((i) => {
        const o = obligationOfItem(i.code);
        return {
          areaCode: ar.code,
          areaName: ar.name,
          code: i.code,
          requirement: i.requirement,
          standard: i.standard,
          points: i.points,
          self: self?.[i.code]?.score ?? null,
          selfEvidence: self?.[i.code]?.evidence ?? null,
          selfEvidenceAttachments: linksOf(links, self?.[i.code]?.evidenceAttachments),
          assessor: assessor?.[i.code]?.score ?? null,
          assessorEvidence: assessor?.[i.code]?.evidence ?? null,
          obligation: o ? { code: o, title: WUJIN_OBLIGATIONS[o].title, ...obligations[o] } : null,
        };
      }),
    ),
    areas,
    selfTotal: self ? tenths(areas.reduce((n, x) => n + (x.self ?? 0), 0)) : null,
    assessorTotal: assessor ? tenths(areas.reduce((n, x) => n + (x.assessor ?? 0), 0)) : null,
    vetoes: vetoes.map((code) => ({ code, text: rubric.vetoItems.find((v) => v.code === code)?.text ?? code })),
    reasons: a.result?.reasons ?? [],
    declaration: a.declared_at
      ? {
          onSiteItems: (a.on_site_items ?? []).map((code) => ({ code, standard: itemByCode.get(code)?.standard ?? '' })),
          note: a.declaration_note,
          declaredBy: a.declarer_name,
          declaredAt: iso(a.declared_at)!,
        }
      : null,
    verdict: a.verdict
      ? {
          verdict: a.verdict,
          label: VERDICT_LABELS[a.verdict],
          opinion: a.verdict_opinion,
          onSiteChecks: (a.on_site_checks ?? []).map((c) => ({ itemCode: c.itemCode, checkedBy: c.checkedBy, checkedOn: c.checkedOn, finding: c.finding })),
          verifiedBy: a.verifier_name,
          verifiedAt: iso(a.verified_at)!,
        }
      : null,
    openedAt: iso(a.created_at)!,
  };
}
