import type { DataSource } from 'typeorm';
import { appendAudit, SYSTEM_ACTOR } from '../../libs/persistence/src';
import { LIANGSHAN_DEFAULT_LIST, type LiangshanCommittee, type LiangshanItem, type LiangshanThresholds } from '../../libs/processes/src/liangshan';

/** Liangshan's writes: the year's list taken when a campaign starts, and which branches keep it. */
export function createLiangshanActivities(ds: DataSource) {
  return {
    /**
     * The list the year runs with: the administrator's for that year, else the
     * seed's. Kept with the campaign, so a list edited later changes no running
     * year; a retry returns what the first call kept.
     */
    async openLiangshanYear(a: { campaignId: string; year: number; thresholds: LiangshanThresholds; organisationId: string; at: string }): Promise<LiangshanItem[]> {
      return ds.transaction(async (em) => {
        const [kept] = await em.query(`SELECT items FROM liangshan_lists WHERE year = $1`, [a.year]);
        const items: LiangshanItem[] = kept?.items ?? [...LIANGSHAN_DEFAULT_LIST];
        const inserted = await em.query(
          `INSERT INTO liangshan_years (campaign_id, year, items, thresholds, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id) DO NOTHING RETURNING campaign_id`,
          [a.campaignId, a.year, JSON.stringify(items), JSON.stringify(a.thresholds), a.at],
        );
        if (inserted.length) {
          await appendAudit(em, {
            ...SYSTEM_ACTOR,
            organisationId: a.organisationId,
            action: 'liangshan.year.opened',
            subjectType: 'campaign',
            subjectId: a.campaignId,
            after: { year: a.year, items: items.length, list: kept ? 'administrator' : 'seed' },
            requestId: `${a.campaignId}:liangshan-year`,
            at: a.at,
          });
        }
        const [row] = await em.query(`SELECT items FROM liangshan_years WHERE campaign_id = $1`, [a.campaignId]);
        return row.items as LiangshanItem[];
      });
    },

    /** Every branch of the tree under its parent (the committee it answers to), committees in the tree's order. */
    async loadLiangshanTree({ districtId }: { districtId: string }): Promise<LiangshanCommittee[]> {
      const rows: Array<{ committee_id: string; committee_name: string; id: string; name: string }> = await ds.query(
        `SELECT c.id AS committee_id, c.name AS committee_name, b.id, b.name
           FROM organisations d
           JOIN organisations b ON b.level = 'branch' AND b.path LIKE d.path || '%'
           JOIN organisations c ON c.id = b.parent_id
          WHERE d.id = $1 ORDER BY c.path, b.path`,
        [districtId],
      );
      const committees = new Map<string, LiangshanCommittee>();
      for (const r of rows) {
        const c = committees.get(r.committee_id) ?? { id: r.committee_id, name: r.committee_name, branches: [] };
        c.branches.push({ id: r.id, name: r.name });
        committees.set(r.committee_id, c);
      }
      return [...committees.values()];
    },

    /** A committee's branches keep the year's list, each with its schedule. */
    async recordLiangshanBranchYears(a: { campaignId: string; committeeId: string; branches: Array<{ id: string; scheduleId: string }> }): Promise<void> {
      if (!a.branches.length) return;
      await ds.query(
        `INSERT INTO liangshan_branch_years (campaign_id, branch_id, committee_id, schedule_id)
         SELECT $1, b.id, $2, b.schedule_id FROM jsonb_to_recordset($3::jsonb) AS b(id uuid, schedule_id text) ON CONFLICT DO NOTHING`,
        [a.campaignId, a.committeeId, JSON.stringify(a.branches.map((b) => ({ id: b.id, schedule_id: b.scheduleId })))],
      );
    },
  };
}

export type LiangshanActivities = ReturnType<typeof createLiangshanActivities>;
