import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CADENCE_LABELS, OBLIGATION_STATUS_LABELS, isDepartment } from '../../../../libs/domain/src';
import { appendAudit } from '../../../../libs/persistence/src';
import {
  LIANGSHAN_DEFAULT_LIST,
  LIANGSHAN_DEFAULT_THRESHOLDS,
  LIANGSHAN_LEADER_LABELS,
  type LiangshanItem,
  type LiangshanThresholds,
  type PointsRankingData,
  type StarRatingData,
  liangshanListProblems,
  liangshanObligationCode,
  pointsRanking,
} from '../../../../libs/processes/src/liangshan';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import type { BranchYearView, LiangshanListView } from './liangshan.responses';
import { COUNTED_RECORDS_SQL, type CountedRecordRow, countsAsOf, listFigures, type OccurrenceRow, OCCURRENCE_COLUMNS, thresholdsOf } from './occurrence-figures';

export const LIANGSHAN = 'liangshan';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An item as the API shows it: with its leader's and its deadline kind's labels. */
export const itemView = (i: LiangshanItem) => ({ ...i, leaderLabel: LIANGSHAN_LEADER_LABELS[i.leader], deadlineKindLabel: CADENCE_LABELS[i.deadline.kind] });

/** Liangshan's list as an administrator keeps it, and each branch's year of it, within the reader's subtree. */
@Injectable()
export class LiangshanService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  /** The year's list: the administrator's for that year, else the seed's. */
  async list(year: number): Promise<LiangshanListView> {
    const [row] = await this.ds.query(
      `SELECT l.items, l.version, l.updated_at, u.display_name FROM liangshan_lists l JOIN users u ON u.id = l.updated_by WHERE l.year = $1`,
      [year],
    );
    const items: LiangshanItem[] = row?.items ?? [...LIANGSHAN_DEFAULT_LIST];
    return {
      year,
      source: row ? 'administrator' : 'seed',
      version: row?.version ?? 0,
      updatedAt: iso(row?.updated_at ?? null),
      updatedBy: row?.display_name ?? null,
      items: items.map(itemView),
    };
  }

  /** Replaces the year's list (an organisation department's administrator); years already running keep the list they started with. */
  async saveList(p: Principal, year: number, items: LiangshanItem[]): Promise<LiangshanListView> {
    const grant = p.grants.find((g) => g.role === 'administrator' && isDepartment(g.level));
    if (!grant) throw forbidden('只有组织部的管理员可以维护责任清单');
    const problems = liangshanListProblems(items);
    if (problems.length) throw new ApiError('INVALID_LIANGSHAN_LIST', problems.slice(0, 5).join('；'), problems.slice(0, 20));
    await this.ds.transaction(async (em) => {
      const [before] = await em.query(`SELECT items, version FROM liangshan_lists WHERE year = $1 FOR UPDATE`, [year]);
      const version = (before?.version ?? 0) + 1;
      await em.query(
        `INSERT INTO liangshan_lists (year, items, version, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (year) DO UPDATE SET items = excluded.items, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [year, JSON.stringify(items), version, p.userId],
      );
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: 'liangshan.list.saved',
        subjectType: 'liangshan_list',
        subjectId: String(year),
        before: before ? { version: before.version, items: (before.items as LiangshanItem[]).map((i) => i.code) } : { source: 'seed' },
        after: { version, items: items.map((i) => i.code) },
      });
    });
    return this.list(year);
  }

  /** A Liangshan campaign the caller's tree reaches, with the list and thresholds it started with. */
  async campaign(p: Principal, campaignId: string) {
    const [row] = await this.ds.query(
      `SELECT c.id, c.process, c.year, c.title, y.items, y.thresholds FROM campaigns c LEFT JOIN liangshan_years y ON y.campaign_id = c.id WHERE c.id = $1`,
      [campaignId],
    );
    if (!row || row.process !== LIANGSHAN) throw notFound('责任清单年度');
    await this.dashboards.dashboardAccess(p, campaignId);
    return {
      id: row.id as string,
      year: row.year as number,
      title: row.title as string,
      items: (row.items ?? []) as LiangshanItem[],
      thresholds: { ...LIANGSHAN_DEFAULT_THRESHOLDS, ...(row.thresholds ?? {}) } as LiangshanThresholds,
    };
  }

  /** A branch of the year the caller may read (its own, or one below the caller's organisation). */
  async branch(p: Principal, campaignId: string, branchId: string) {
    const [b] = await this.ds.query(
      `SELECT b.id, b.name, b.path, b.level, c.name AS committee_name, y.schedule_id
         FROM organisations b LEFT JOIN organisations c ON c.id = b.parent_id
         LEFT JOIN liangshan_branch_years y ON y.branch_id = b.id AND y.campaign_id = $2
        WHERE b.id = $1`,
      [branchId, campaignId],
    );
    if (!b || b.level !== 'branch' || !p.canSee(b.path)) throw notFound('党支部');
    return { id: b.id as string, name: b.name as string, committeeName: (b.committee_name ?? '') as string, scheduleId: b.schedule_id as string | null };
  }

  async occurrences(scheduleId: string | null): Promise<OccurrenceRow[]> {
    if (!scheduleId) return [];
    return this.ds.query(`SELECT ${OCCURRENCE_COLUMNS} FROM obligation_occurrences x WHERE x.schedule_id = $1 ORDER BY x.period_start, x.obligation_code`, [scheduleId]);
  }

  /** A branch's year: every item with its two parties and its occurrences, the figures, the thresholds, the points and the stars. */
  async branchYear(p: Principal, campaignId: string, branchId: string): Promise<BranchYearView> {
    const campaign = await this.campaign(p, campaignId);
    const branch = await this.branch(p, campaignId, branchId);
    const rows = await this.occurrences(branch.scheduleId);
    const counted: CountedRecordRow[] = branch.scheduleId ? await this.ds.query(COUNTED_RECORDS_SQL, [[branch.scheduleId]]) : [];
    const latest = <T>(kind: string) => rows.filter((r) => r.status === 'completed' && r.record_kind === kind).at(-1)?.record as T | undefined;
    const ranking = latest<PointsRankingData>('liangshan_points_ranking');
    const stars = latest<StarRatingData>('liangshan_star_rating');
    return {
      campaign: { id: campaign.id, year: campaign.year, title: campaign.title },
      branch: { id: branch.id, name: branch.name, committeeName: branch.committeeName },
      figures: listFigures(rows),
      items: campaign.items.map((i) => ({
        code: i.code,
        title: i.title,
        leaderLabel: LIANGSHAN_LEADER_LABELS[i.leader],
        responsible: i.responsible,
        deadlineText: i.deadlineText,
        occurrences: rows
          .filter((r) => r.obligation_code === liangshanObligationCode(i.code))
          .map((r) => ({
            id: r.id,
            label: r.period_label,
            periodStart: r.period_start,
            dueDate: r.due_date,
            status: r.status,
            statusLabel: OBLIGATION_STATUS_LABELS[r.status],
            completedLate: r.completed_late,
            completedAt: iso(r.completed_at),
            evidence: r.evidence,
            recordKind: r.record_kind,
            record: r.record ? Object.fromEntries(Object.entries(r.record).filter(([k]) => k !== 'evidence')) : null,
          })),
      })),
      thresholds: thresholdsOf(rows, campaign.thresholds, counted, countsAsOf(campaign.items)),
      pointsRanking: ranking ? pointsRanking(ranking.scores) : [],
      starRating: stars
        ? { rated: stars.ratings.length, byStars: Object.fromEntries([5, 4, 3, 2, 1].map((s) => [String(s), stars.ratings.filter((r) => r.stars === s).length])) }
        : null,
    };
  }
}
