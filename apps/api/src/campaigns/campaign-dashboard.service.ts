import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CANDIDATE_STATUS_LABELS, type CandidateStatus, scopePathOf } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { forbidden, notFound } from '../common/api-error';

const DUE_SOON_HOURS = 72;
const READERS = ['department_head', 'administrator', 'reviewer'] as const;

/**
 * A department head's view of a campaign over their subtree: stages with
 * deadlines and task counts, late and nearly late work by organisation,
 * candidates by status, vetoes and objections. Every query is bounded by the
 * subtree's path, so nobody sees another subtree's work.
 */
@Injectable()
export class CampaignDashboardService {
  constructor(private readonly ds: DataSource) {}

  /** The subtree to show: the one asked for, if the caller may read it, or the caller's widest. */
  async scope(p: Principal, organisationId?: string): Promise<{ id: string; name: string; path: string }> {
    const grants = p.grants.filter((g) => (READERS as readonly string[]).includes(g.role));
    if (!grants.length) throw forbidden('只有部门负责人、审核人和管理员可以查看评选活动看板');
    if (organisationId) {
      const [org] = await this.ds.query(`SELECT id, name, path, level FROM organisations WHERE id = $1`, [organisationId]);
      if (!org || !grants.some((g) => org.path.startsWith(g.scopePath))) throw notFound('组织');
      return { id: org.id, name: org.name, path: scopePathOf(org) };
    }
    const widest = [...grants].sort((a, b) => a.scopePath.length - b.scopePath.length)[0]!;
    return { id: widest.organisationId, name: widest.organisationName, path: widest.scopePath };
  }

  /** A campaign concerns its whole city: anyone whose organisation lies in it may open it, for their own subtree. */
  async dashboardAccess(p: Principal, campaignId: string): Promise<{ id: string; title: string; year: number; status: string }> {
    const [campaign] = await this.ds.query(
      `SELECT c.id, c.title, c.year, c.status, o.path, o.level FROM campaigns c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`,
      [campaignId],
    );
    if (!campaign || !p.grants.some((g) => g.path.startsWith(scopePathOf(campaign)))) throw notFound('评选活动');
    return campaign;
  }

  async dashboard(p: Principal, campaignId: string, organisationId?: string) {
    const campaign = await this.dashboardAccess(p, campaignId);
    const scope = await this.scope(p, organisationId);
    const under = `${scope.path}%`;
    const [stages, late, soon, candidates, vetoes, objections, ledger] = await Promise.all([
      this.ds.query(
        `SELECT s.stage, s.label, s.opens_on AS "opensOn", s.due_on AS "dueOn", s.due_at AS "dueAt", s.status, s.completed_late AS "completedLate",
                count(t.id) FILTER (WHERE t.status = 'open')::int AS open,
                count(t.id) FILTER (WHERE t.status = 'completed')::int AS completed,
                count(t.id) FILTER (WHERE t.status = 'open' AND t.overdue)::int AS overdue,
                count(t.id) FILTER (WHERE t.missed > 0)::int AS missed
           FROM campaign_stages s LEFT JOIN tasks t ON t.campaign_id = s.campaign_id AND t.stage = s.stage AND t.organisation_path LIKE $2
          WHERE s.campaign_id = $1 GROUP BY s.campaign_id, s.stage ORDER BY s.seq`,
        [campaignId, under],
      ),
      this.lateWork(campaignId, under, `t.overdue`),
      this.lateWork(campaignId, under, `NOT t.overdue AND t.due_at < now() + interval '${DUE_SOON_HOURS} hours'`),
      this.ds.query(
        `SELECT n.id AS "nominationId", n.branch_id AS "branchId", n.branch_name AS "branchName", n.grassroots_committee_name AS "grassrootsCommittee",
                n.city_managed_committee_name AS "cityManagedCommittee", n.status AS "reviewStatus", n.campaign_status AS status, n.campaign_reason AS reason, n.priority
           FROM nominations n WHERE n.campaign_id = $1 AND n.branch_path LIKE $2 ORDER BY n.branch_path`,
        [campaignId, under],
      ),
      this.ds.query(
        `SELECT n.id AS "nominationId", n.branch_name AS "branchName", o.name AS agency, a.reason, a.answered_at AS "answeredAt"
           FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id JOIN nominations n ON n.id::text = a.candidate_id
           JOIN organisations o ON o.id = a.agency_id
          WHERE c.campaign_id = $1 AND a.answer = 'veto' AND n.branch_path LIKE $2 ORDER BY a.answered_at`,
        [campaignId, under],
      ),
      this.ds.query(
        `SELECT ob.id, p.id AS "noticeId", p.title AS "noticeTitle", p.scope, i.name AS "itemName", ob.status, ob.resolution, ob.lodged_at AS "lodgedAt"
           FROM objections ob JOIN public_notices p ON p.id = ob.notice_id JOIN public_notice_items i ON i.notice_id = ob.notice_id AND i.item_id = ob.item_id
           JOIN nominations n ON n.id::text = ob.item_id
          WHERE p.campaign_id = $1 AND n.branch_path LIKE $2 ORDER BY ob.lodged_at`,
        [campaignId, under],
      ),
      this.ledger(under),
    ]);
    const byStatus: Record<string, number> = {};
    for (const c of candidates) byStatus[c.status ?? 'under_review'] = (byStatus[c.status ?? 'under_review'] ?? 0) + 1;
    return {
      campaign: { id: campaign.id, title: campaign.title, year: campaign.year, status: campaign.status },
      scope: { organisationId: scope.id, name: scope.name },
      stages,
      overdue: late,
      dueSoon: soon,
      candidates: {
        byStatus,
        items: candidates.map((c: { status: CandidateStatus | null }) => ({ ...c, statusLabel: c.status ? CANDIDATE_STATUS_LABELS[c.status] : '受理审核中' })),
      },
      vetoes,
      objections,
      ledger,
    };
  }

  /** Open campaign tasks matching `condition`, grouped by the organisation that holds them. */
  private async lateWork(campaignId: string, under: string, condition: string) {
    const rows: Array<{ organisationId: string; organisationName: string; id: string; title: string; dueAt: string; kind: string }> = await this.ds.query(
      `SELECT t.organisation_id AS "organisationId", o.name AS "organisationName", t.id, t.title, t.kind, t.due_at AS "dueAt"
         FROM tasks t JOIN organisations o ON o.id = t.organisation_id
        WHERE t.campaign_id = $1 AND t.status = 'open' AND t.due_at IS NOT NULL AND t.organisation_path LIKE $2 AND ${condition}
        ORDER BY o.path, t.due_at`,
      [campaignId, under],
    );
    const groups = new Map<string, { organisationId: string; organisationName: string; tasks: Array<{ id: string; title: string; kind: string; dueAt: string }> }>();
    for (const r of rows) {
      const g = groups.get(r.organisationId) ?? { organisationId: r.organisationId, organisationName: r.organisationName, tasks: [] };
      g.tasks.push({ id: r.id, title: r.title, kind: r.kind, dueAt: r.dueAt });
      groups.set(r.organisationId, g);
    }
    return [...groups.values()];
  }

  /** The ledger (附件1) of the subtree's branches, by grade. */
  private async ledger(under: string) {
    const rows: Array<{ grade: string; n: number }> = await this.ds.query(
      `SELECT l.grade, count(*)::int AS n FROM ledger_entries l JOIN organisations b ON b.id = l.branch_id WHERE b.path LIKE $1 GROUP BY l.grade`,
      [under],
    );
    return { byGrade: Object.fromEntries(rows.map((r) => [r.grade, r.n])), branches: rows.reduce((a, r) => a + r.n, 0) };
  }
}
