import type { DataSource } from 'typeorm';
import { WUJIN_OBLIGATIONS, type WujinObligation, wujinSchedulesOf } from '../../../../libs/processes/src/wujin';
import { type ObligationCount, obligationFigures } from './figures';
import { RECTIFICATION_STATUSES, RECTIFICATION_STATUS_LABELS, UNDECIDED_RECTIFICATIONS, type WujinRectificationStatus } from './labels';
import type { WujinSections as Sections } from './dashboard-schema';
import { STANDING_ROWS } from './standing-figures';

/** Past its deadline and not decided for good (`r`): the one meaning of an overdue rectification. */
export const OVERDUE_RECTIFICATION = `(r.status IN (${UNDECIDED_RECTIFICATIONS.map((s) => `'${s}'`).join(', ')}) AND r.due_at < now())`;

export async function rectificationFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['rectifications']> {
  const [counts, overdue]: [Array<{ status: WujinRectificationStatus; n: number; late: number }>, Array<Sections['rectifications']['overdueItems'][number] & { dueAt: Date }>] = await Promise.all([
    ds.query(
      `SELECT r.status, count(*)::int AS n, count(*) FILTER (WHERE r.late)::int AS late
         FROM wujin_rectifications r JOIN organisations b ON b.id = r.branch_id WHERE r.campaign_id = $1 AND b.path LIKE $2 GROUP BY r.status`,
      [campaignId, under],
    ),
    ds.query(
      `SELECT r.id, r.branch_id AS "branchId", b.name AS "branchName", c.name AS "committeeName", r.due_at AS "dueAt", r.status
         FROM wujin_rectifications r JOIN organisations b ON b.id = r.branch_id JOIN organisations c ON c.id = r.committee_id
        WHERE r.campaign_id = $1 AND b.path LIKE $2 AND ${OVERDUE_RECTIFICATION} ORDER BY r.due_at, b.path`,
      [campaignId, under],
    ),
  ]);
  const byStatus = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<WujinRectificationStatus, number>;
  let lateSubmissions = 0;
  for (const r of counts) {
    byStatus[r.status] = r.n;
    lateSubmissions += r.late;
  }
  return {
    byStatus,
    open: UNDECIDED_RECTIFICATIONS.reduce((n, s) => n + byStatus[s], 0),
    overdue: overdue.length,
    lateSubmissions,
    accepted: byStatus.accepted,
    dissolved: byStatus.dissolved,
    merged: byStatus.merged,
    overdueItems: overdue.map((r) => ({ ...r, dueAt: new Date(r.dueAt).toISOString(), statusLabel: RECTIFICATION_STATUS_LABELS[r.status] })),
  };
}

export async function brandFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['brands']> {
  // Each standing branch's brand: accepted if any version was, else where its latest version stands, else missing.
  const rows: Array<{ committeeId: string; committeeName: string; branches: number; accepted: number; filed: number; returned: number; missing: number }> = await ds.query(
    `WITH brand AS (
       SELECT s.committee_id, c.name, c.path,
              CASE WHEN EXISTS (SELECT 1 FROM wujin_brands x WHERE x.campaign_id = $1 AND x.branch_id = s.branch_id AND x.status = 'accepted') THEN 'accepted'
                   ELSE (SELECT x.status FROM wujin_brands x WHERE x.campaign_id = $1 AND x.branch_id = s.branch_id ORDER BY x.version DESC LIMIT 1) END AS state
         ${STANDING_ROWS} AND s.standing NOT IN ('dissolved', 'merged'))
     SELECT committee_id AS "committeeId", name AS "committeeName", count(*)::int AS branches,
            count(*) FILTER (WHERE state = 'accepted')::int AS accepted, count(*) FILTER (WHERE state = 'filed')::int AS filed,
            count(*) FILTER (WHERE state = 'returned')::int AS returned, count(*) FILTER (WHERE state IS NULL)::int AS missing
       FROM brand GROUP BY committee_id, name, path ORDER BY path`,
    [campaignId, under],
  );
  const total = (k: 'branches' | 'accepted' | 'filed' | 'returned' | 'missing') => rows.reduce((n, r) => n + r[k], 0);
  return { branches: total('branches'), accepted: total('accepted'), filed: total('filed'), returned: total('returned'), missing: total('missing'), committees: rows };
}

/** The occurrences of the campaign's schedules over the subtree, by obligation and how each went. */
export async function obligationCounts(ds: DataSource, campaignId: string, where: string, params: unknown[]): Promise<ObligationCount[]> {
  return ds.query(
    `SELECT x.obligation_code AS code, x.status, coalesce(x.completed_late, false) AS late, count(*)::int AS n
       FROM obligation_occurrences x JOIN organisations o ON o.id = x.organisation_id
      WHERE x.schedule_id LIKE $1 AND ${where}
      GROUP BY 1, 2, 3`,
    [wujinSchedulesOf(campaignId), ...params],
  );
}

export async function obligationSection(ds: DataSource, campaignId: string, under: string): Promise<Sections['obligations']> {
  const figures = obligationFigures(await obligationCounts(ds, campaignId, `o.path LIKE $2`, [under]));
  return (Object.keys(WUJIN_OBLIGATIONS) as WujinObligation[]).map((code) => ({ code, title: WUJIN_OBLIGATIONS[code].title, rubricItem: WUJIN_OBLIGATIONS[code].rubricItem, ...figures[code] }));
}
