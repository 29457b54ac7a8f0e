import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CANDIDATE_STATUS_LABELS, type CandidateStatus, scopePathOf } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { forbidden, notFound } from '../common/api-error';

const DUE_SOON_HOURS = 72;
/** Late lists name each organisation's count and only its earliest tasks: a city of late work would not fit on a page. */
const TASKS_SHOWN_PER_ORGANISATION = 5;
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
        `SELECT s.stage, s.label, s.opens_on::text AS "opensOn", s.due_on::text AS "dueOn", s.due_at AS "dueAt", s.status, s.completed_late AS "completedLate",
                coalesce(sum(k.open), 0)::int AS open, coalesce(sum(k.completed), 0)::int AS completed,
                coalesce(sum(k.overdue), 0)::int AS overdue, coalesce(sum(k.missed), 0)::int AS missed
           FROM campaign_stages s LEFT JOIN campaign_task_counts k ON k.campaign_id = s.campaign_id AND k.stage = s.stage AND k.organisation_path LIKE $2
          WHERE s.campaign_id = $1 GROUP BY s.campaign_id, s.stage ORDER BY s.seq`,
        [campaignId, under],
      ),
      this.overdueWork(campaignId, under),
      this.dueSoonWork(campaignId, under),
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

  /** Late open tasks by holder: how many each organisation has (from the counts) and its earliest few. */
  private async overdueWork(campaignId: string, under: string) {
    return this.byOrganisation(
      await this.ds.query(
        `WITH holders AS (
           SELECT organisation_id, sum(overdue)::int AS n FROM campaign_task_counts
            WHERE campaign_id = $1 AND organisation_path LIKE $2 GROUP BY organisation_id HAVING sum(overdue) > 0)
         SELECT o.id AS "organisationId", o.name AS "organisationName", h.n AS count, t.id, t.title, t.kind, t.due_at AS "dueAt"
           FROM holders h JOIN organisations o ON o.id = h.organisation_id
           CROSS JOIN LATERAL (
             SELECT id, title, kind, due_at FROM tasks
              WHERE campaign_id = $1 AND organisation_id = h.organisation_id AND status = 'open' AND overdue
              ORDER BY due_at LIMIT ${TASKS_SHOWN_PER_ORGANISATION}) t
          ORDER BY o.path, t.due_at`,
        [campaignId, under],
      ),
    );
  }

  /** Open tasks due within the next few days by holder: how many each organisation has and its earliest few. */
  private async dueSoonWork(campaignId: string, under: string) {
    return this.byOrganisation(
      await this.ds.query(
        `WITH soon AS (
           SELECT id, title, kind, due_at, organisation_id,
                  row_number() OVER (PARTITION BY organisation_id ORDER BY due_at) AS rank, count(*) OVER (PARTITION BY organisation_id)::int AS n
             FROM tasks
            WHERE campaign_id = $1 AND status = 'open' AND NOT overdue AND due_at IS NOT NULL
              AND due_at < now() + interval '${DUE_SOON_HOURS} hours' AND organisation_path LIKE $2)
         SELECT o.id AS "organisationId", o.name AS "organisationName", s.n AS count, s.id, s.title, s.kind, s.due_at AS "dueAt"
           FROM soon s JOIN organisations o ON o.id = s.organisation_id
          WHERE s.rank <= ${TASKS_SHOWN_PER_ORGANISATION}
          ORDER BY o.path, s.due_at`,
        [campaignId, under],
      ),
    );
  }

  private byOrganisation(rows: Array<{ organisationId: string; organisationName: string; count: number; id: string; title: string; dueAt: string; kind: string }>) {
    const groups = new Map<string, { organisationId: string; organisationName: string; count: number; tasks: Array<{ id: string; title: string; kind: string; dueAt: string }> }>();
    for (const r of rows) {
      const g = groups.get(r.organisationId) ?? { organisationId: r.organisationId, organisationName: r.organisationName, count: r.count, tasks: [] };
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
