import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type OrgLevel, ancestorIds, scopePathOf } from '../../../../libs/domain/src';
import { dashboardSectionsOf } from './dashboard-sections';
import type { Principal } from '../auth/principal';
import { forbidden, notFound } from '../common/api-error';

const DUE_SOON_HOURS = 72;
/** Late lists name each organisation's count and only its earliest tasks: a city of late work would not fit on a page. */
const TASKS_SHOWN_PER_ORGANISATION = 5;
/**
 * And only the organisations with the most such work: a province head's subtree has thousands of holders, which one
 * answer would list whole. The rest are counted; a head finds them by drilling down through the units.
 */
export const HOLDERS_SHOWN = 20;
const READERS = ['department_head', 'administrator', 'reviewer'] as const;

/** A holder's group as the dashboard shows it: its path only served to share the groups out among the units. */
const withoutPath = <T extends { path: string }>({ path: _, ...group }: T): Omit<T, 'path'> => group;

/** One of the few tasks a late or nearly-late list shows, with its holder and how many the holder has. */
interface TaskRow {
  organisationId: string;
  organisationName: string;
  path: string;
  count: number;
  /** Null on a row that only counts its holder (one not listed). */
  id: string | null;
  title: string;
  kind: string;
  dueAt: string;
}

/** A holder of late (or nearly late) work: its count, and the tasks listed (none for a holder only counted). */
interface HolderGroup {
  organisationId: string;
  organisationName: string;
  path: string;
  count: number;
  tasks: Array<{ id: string; title: string; kind: string; dueAt: string }>;
}

/**
 * A department head's view of a campaign over their subtree: what every
 * process shows (stages with deadlines and task counts, late and nearly late
 * work by organisation) and the sections its process adds (./sections). Every
 * query is bounded by the subtree's path, so nobody sees another subtree's work.
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
  async dashboardAccess(p: Principal, campaignId: string): Promise<{ id: string; process: string; title: string; year: number; status: string; path: string; level: OrgLevel }> {
    const [campaign] = await this.ds.query(
      `SELECT c.id, c.process, c.title, c.year, c.status, o.path, o.level FROM campaigns c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`,
      [campaignId],
    );
    if (!campaign || !p.grants.some((g) => g.path.startsWith(scopePathOf(campaign)))) throw notFound('评选活动');
    return campaign;
  }

  async dashboard(p: Principal, campaignId: string, organisationId?: string) {
    const campaign = await this.dashboardAccess(p, campaignId);
    const scope = await this.scope(p, organisationId);
    const under = `${scope.path}%`;
    const [stages, unitCounts, progress, late, soonRows, sections] = await Promise.all([
      this.ds.query(
        `SELECT s.stage, s.label, s.opens_on::text AS "opensOn", s.due_on::text AS "dueOn", s.due_at AS "dueAt", s.status, s.completed_late AS "completedLate",
                coalesce(sum(k.open), 0)::int AS open, coalesce(sum(k.completed), 0)::int AS completed,
                coalesce(sum(k.overdue), 0)::int AS overdue, coalesce(sum(k.missed), 0)::int AS missed
           FROM campaign_stages s LEFT JOIN campaign_task_counts k ON k.campaign_id = s.campaign_id AND k.stage = s.stage AND k.organisation_path LIKE $2
          WHERE s.campaign_id = $1 GROUP BY s.campaign_id, s.stage ORDER BY s.seq`,
        [campaignId, under],
      ),
      this.unitCounts(campaignId, scope.path),
      // A scope holding the campaign's whole city reads the campaign's own day sums; a part of it sums its holders' days.
      scopePathOf(campaign).startsWith(scope.path) ? this.campaignProgress(campaignId) : this.progress(campaignId, under),
      this.overdueWork(campaignId, under),
      this.dueSoonRows(campaignId, under),
      dashboardSectionsOf(campaign.process).read(this.ds, campaignId, under),
    ]);
    // Every holder of nearly-late work (the ones shown with their tasks): a unit's count is summed from them (read once, for both).
    const soon = this.byOrganisation(soonRows);
    const units = unitCounts.map((u) => {
      const under = `${scope.path}${u.organisationId}/`;
      return { ...u, dueSoon: soon.reduce((n, g) => (g.path.startsWith(under) ? n + g.count : n), 0) };
    });
    const shownSoon = soon.filter((g) => g.tasks.length > 0);
    return {
      campaign: { id: campaign.id, process: campaign.process, title: campaign.title, year: campaign.year, status: campaign.status },
      scope: { organisationId: scope.id, name: scope.name },
      stages,
      units,
      progress,
      overdue: late.groups.map(withoutPath),
      overdueHolders: late.holders,
      dueSoon: shownSoon.map(withoutPath),
      dueSoonHolders: soon.length,
      ...sections,
    };
  }

  /**
   * The units right below the scope, each with its whole subtree's open and late work (its nearly late work is added
   * from the nearly-late lists): the organisation tree one level at a time, so a head drills down by asking for a
   * unit's dashboard. The counts are read once for the scope and shared out by the path segment naming the unit.
   */
  private async unitCounts(campaignId: string, scopePath: string): Promise<Array<{ organisationId: string; organisationName: string; level: string; hasUnits: boolean; open: number; overdue: number }>> {
    const parentId = ancestorIds(scopePath).at(-1);
    return this.ds.query(
      `WITH k AS (SELECT split_part(substr(organisation_path, length($2) + 1), '/', 1) AS unit, sum(open) AS open, sum(overdue) AS overdue
                    FROM campaign_task_counts WHERE campaign_id = $1 AND organisation_path LIKE $2 || '%' GROUP BY 1)
       SELECT o.id AS "organisationId", o.name AS "organisationName", o.level,
              EXISTS (SELECT 1 FROM organisations c WHERE c.parent_id = o.id) AS "hasUnits",
              coalesce(k.open, 0)::int AS open, coalesce(k.overdue, 0)::int AS overdue
         FROM organisations o LEFT JOIN k ON k.unit = o.id::text
        WHERE o.parent_id = $3
        -- Committees first, the agencies (many, and rarely holding campaign work) after them.
        ORDER BY o.level = 'agency', o.level = 'branch', o.name`,
      [campaignId, scopePath, parentId],
    );
  }

  /** Work given and work done per day (Beijing time), for the progress chart: one row per day something happened (from the day counts). */
  private async progress(campaignId: string, under: string) {
    return this.ds.query(
      `SELECT day::text AS day, sum(created)::int AS created, sum(completed)::int AS completed
         FROM campaign_task_days WHERE campaign_id = $1 AND organisation_path LIKE $2
        GROUP BY day HAVING sum(created) <> 0 OR sum(completed) <> 0 ORDER BY day`,
      [campaignId, under],
    );
  }

  /** The same for the whole campaign: one row a day, whatever the number of holders. */
  private async campaignProgress(campaignId: string) {
    return this.ds.query(
      `SELECT day::text AS day, created, completed FROM campaign_days WHERE campaign_id = $1 AND (created <> 0 OR completed <> 0) ORDER BY day`,
      [campaignId],
    );
  }

  /** Late open tasks by holder: how many holders there are, and the busiest few (from the counts) with their earliest tasks. */
  private async overdueWork(campaignId: string, under: string): Promise<{ holders: number; groups: HolderGroup[] }> {
    const rows: Array<TaskRow & { holders: number }> = await this.ds.query(
      `WITH holders AS (
         SELECT organisation_id, sum(overdue)::int AS n FROM campaign_task_counts
          WHERE campaign_id = $1 AND organisation_path LIKE $2 GROUP BY organisation_id HAVING sum(overdue) > 0),
       shown AS (SELECT * FROM holders ORDER BY n DESC, organisation_id LIMIT ${HOLDERS_SHOWN})
       SELECT (SELECT count(*) FROM holders)::int AS holders,
              o.id AS "organisationId", o.name AS "organisationName", o.path, h.n AS count, t.id, t.title, t.kind, t.due_at AS "dueAt"
         -- The holders' organisations by id (LIMIT keeps it a lookup), not a scan of the whole tree to join a few.
         FROM shown h CROSS JOIN LATERAL (SELECT id, name, path FROM organisations WHERE id = h.organisation_id LIMIT 1) o
         CROSS JOIN LATERAL (
           SELECT id, title, kind, due_at FROM tasks
            WHERE campaign_id = $1 AND organisation_id = h.organisation_id AND status = 'open' AND overdue
            ORDER BY due_at LIMIT ${TASKS_SHOWN_PER_ORGANISATION}) t
        ORDER BY h.n DESC, o.path, t.due_at`,
      [campaignId, under],
    );
    return { holders: rows[0]?.holders ?? 0, groups: this.byOrganisation(rows) };
  }

  /**
   * Open tasks due within the next few days by holder: every holder with its count (one row, without a task), and
   * the busiest few with their earliest tasks. Ranked from the index alone (holder, deadline, id); only the tasks shown are read.
   */
  private async dueSoonRows(campaignId: string, under: string): Promise<TaskRow[]> {
    return this.ds.query(
      `WITH soon AS (
         SELECT id, due_at, organisation_id,
                row_number() OVER (PARTITION BY organisation_id ORDER BY due_at) AS rank, count(*) OVER (PARTITION BY organisation_id)::int AS n
           FROM tasks
          WHERE campaign_id = $1 AND status = 'open' AND NOT overdue AND due_at IS NOT NULL
            AND due_at < now() + interval '${DUE_SOON_HOURS} hours' AND organisation_path LIKE $2),
       shown AS (SELECT organisation_id FROM soon WHERE rank = 1 ORDER BY n DESC, organisation_id LIMIT ${HOLDERS_SHOWN})
       SELECT o.id AS "organisationId", o.name AS "organisationName", o.path, s.n AS count, t.id, t.title, t.kind, s.due_at AS "dueAt"
         FROM soon s LEFT JOIN shown h ON h.organisation_id = s.organisation_id
         -- By id for each task shown (LIMIT keeps it a lookup): the planner cannot tell how few tasks are nearly late, and would read
         -- whole tables to join them.
         LEFT JOIN LATERAL (SELECT id, title, kind FROM tasks WHERE h.organisation_id IS NOT NULL AND id = s.id LIMIT 1) t ON true
         CROSS JOIN LATERAL (SELECT id, name, path FROM organisations WHERE id = s.organisation_id LIMIT 1) o
        WHERE s.rank <= CASE WHEN h.organisation_id IS NULL THEN 1 ELSE ${TASKS_SHOWN_PER_ORGANISATION} END
        ORDER BY s.n DESC, o.path, s.due_at`,
      [campaignId, under],
    );
  }

  /** Rows grouped by holder, in their order; a row without a task counts its holder only. */
  private byOrganisation(rows: readonly TaskRow[]): HolderGroup[] {
    const groups = new Map<string, HolderGroup>();
    for (const r of rows) {
      const g = groups.get(r.organisationId) ?? { organisationId: r.organisationId, organisationName: r.organisationName, path: r.path, count: r.count, tasks: [] };
      if (r.id !== null) g.tasks.push({ id: r.id, title: r.title, kind: r.kind, dueAt: r.dueAt });
      groups.set(r.organisationId, g);
    }
    return [...groups.values()];
  }
}
