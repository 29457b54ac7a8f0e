import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { CANDIDATE_STATUSES, CANDIDATE_STATUS_LABELS, type CandidateStatus, NOMINATION_STATUSES } from '../../../../libs/domain/src';
import { id, timestamp } from '../openapi/schemas';

/** The sections' shape, as the OpenAPI document shows them. */
export const taianSectionsSchema = z.strictObject({
  candidates: z.strictObject({
    byStatus: z.record(z.string(), z.int()),
    items: z.array(
      z.strictObject({
        nominationId: id,
        branchId: id,
        branchName: z.string(),
        grassrootsCommittee: z.string().nullable(),
        cityManagedCommittee: z.string().nullable(),
        reviewStatus: z.enum(NOMINATION_STATUSES),
        status: z.enum(CANDIDATE_STATUSES).nullable(),
        reason: z.string().nullable(),
        priority: z.boolean(),
        statusLabel: z.string(),
      }),
    ),
  }),
  vetoes: z.array(z.strictObject({ nominationId: id, branchName: z.string(), agency: z.string(), reason: z.string(), answeredAt: timestamp })),
  objections: z.array(
    z.strictObject({
      id,
      noticeId: id,
      noticeTitle: z.string(),
      scope: z.string().nullable(),
      itemName: z.string(),
      status: z.enum(['investigating', 'upheld', 'dismissed']),
      resolution: z.string().nullable(),
      lodgedAt: timestamp,
    }),
  ),
  ledger: z.strictObject({ byGrade: z.record(z.string(), z.int()), branches: z.int() }),
});

/**
 * Tai'an's dashboard sections over one subtree: the candidates by status, the
 * agencies' vetoes, the objections to its notices, and the ledger (附件1) by grade.
 */
export async function taianSections(ds: DataSource, campaignId: string, under: string) {
  const [candidates, vetoes, objections, ledger] = await Promise.all([
    ds.query(
      `SELECT n.id AS "nominationId", n.branch_id AS "branchId", n.branch_name AS "branchName", n.grassroots_committee_name AS "grassrootsCommittee",
              n.city_managed_committee_name AS "cityManagedCommittee", n.status AS "reviewStatus", n.campaign_status AS status, n.campaign_reason AS reason, n.priority
         FROM nominations n WHERE n.campaign_id = $1 AND n.branch_path LIKE $2 ORDER BY n.branch_path`,
      [campaignId, under],
    ),
    ds.query(
      `SELECT n.id AS "nominationId", n.branch_name AS "branchName", o.name AS agency, a.reason, a.answered_at AS "answeredAt"
         FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id JOIN nominations n ON n.id::text = a.candidate_id
         JOIN organisations o ON o.id = a.agency_id
        WHERE c.campaign_id = $1 AND a.answer = 'veto' AND n.branch_path LIKE $2 ORDER BY a.answered_at`,
      [campaignId, under],
    ),
    ds.query(
      `SELECT ob.id, p.id AS "noticeId", p.title AS "noticeTitle", p.scope, i.name AS "itemName", ob.status, ob.resolution, ob.lodged_at AS "lodgedAt"
         FROM objections ob JOIN public_notices p ON p.id = ob.notice_id JOIN public_notice_items i ON i.notice_id = ob.notice_id AND i.item_id = ob.item_id
         JOIN nominations n ON n.id::text = ob.item_id
        WHERE p.campaign_id = $1 AND n.branch_path LIKE $2 ORDER BY ob.lodged_at`,
      [campaignId, under],
    ),
    ledgerByGrade(ds, under),
  ]);
  const byStatus: Record<string, number> = {};
  for (const c of candidates) byStatus[c.status ?? 'under_review'] = (byStatus[c.status ?? 'under_review'] ?? 0) + 1;
  return {
    candidates: {
      byStatus,
      items: candidates.map((c: { status: CandidateStatus | null }) => ({ ...c, statusLabel: c.status ? CANDIDATE_STATUS_LABELS[c.status] : '受理审核中' })),
    },
    vetoes,
    objections,
    ledger,
  };
}

/** The ledger (附件1) of the subtree's branches, by grade. */
async function ledgerByGrade(ds: DataSource, under: string) {
  const rows: Array<{ grade: string; n: number }> = await ds.query(
    `SELECT l.grade, count(*)::int AS n FROM ledger_entries l JOIN organisations b ON b.id = l.branch_id WHERE b.path LIKE $1 GROUP BY l.grade`,
    [under],
  );
  return { byGrade: Object.fromEntries(rows.map((r) => [r.grade, r.n])), branches: rows.reduce((a, r) => a + r.n, 0) };
}
