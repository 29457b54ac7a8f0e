import type { DataSource, EntityManager } from 'typeorm';
import { WUJIN_SUBJECT_STATUS_LABELS, type WujinStanding } from '../../processes/src/wujin/statuses';

/** Where a branch stands in the latest standardisation plan (Wujin's) that covers it. */
export interface BranchCompliance {
  /** 合格支部: assessed, verified, and its public notice drew no upheld objection. */
  compliant: boolean;
  campaignId: string;
  campaignTitle: string;
  year: number;
  /** When it became compliant (the notice closed); null while not compliant. */
  since: string | null;
  standing: WujinStanding;
  standingLabel: string;
}

/**
 * Whether a branch is compliant (合格支部), for any process that needs to know
 * (being compliant is a precondition for district-level honours): the
 * standing in the newest plan of process 'wujin' covering the branch, null
 * when no plan covers it. A cancelled plan does not count.
 */
export async function branchCompliance(q: DataSource | EntityManager, branchId: string): Promise<BranchCompliance | null> {
  const [row] = await q.query(
    `SELECT s.campaign_id, c.title, c.year, s.standing, s.compliant_at
       FROM wujin_branch_standing s JOIN campaigns c ON c.id = s.campaign_id
      WHERE s.branch_id = $1 AND c.process = 'wujin' AND c.status <> 'cancelled'
      ORDER BY c.year DESC, c.created_at DESC LIMIT 1`,
    [branchId],
  );
  if (!row) return null;
  const standing = row.standing as WujinStanding;
  return {
    compliant: standing === 'compliant',
    campaignId: row.campaign_id,
    campaignTitle: row.title,
    year: row.year,
    since: row.compliant_at === null ? null : new Date(row.compliant_at).toISOString(),
    standing,
    standingLabel: WUJIN_SUBJECT_STATUS_LABELS[standing],
  };
}
