import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { AGENCY_KIND_LABELS, type AgencyKind, CANDIDATE_STATUSES, CANDIDATE_STATUS_LABELS, type CandidateStatus, NOMINATION_STATUSES } from '../../../../libs/domain/src';
import { subtreeGradesUnder } from '../../../../libs/persistence/src';
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
  consultationGaps: z.strictObject({
    unanswered: z
      .array(
        z.strictObject({
          consultationId: id,
          committee: z.string().describe('征求意见的党委'),
          agency: z.string().describe('逾期未复的单位'),
          candidates: z.int().describe('涉及的候选对象数'),
          gapOpinion: z.string().nullable().describe('党委决定记录缺项继续研究时的理由；为空表示按旧规则视为无异议'),
          recordedAt: timestamp,
        }),
      )
      .describe('逾期未答复的单位：每一项都是党委明确决定后记录的缺项'),
    levelsWithoutAgency: z
      .array(z.strictObject({ committee: z.string(), agencyKinds: z.array(z.string()).describe('同级缺少的单位类别'), recordedAt: timestamp }))
      .describe('同级没有某类单位而无法征求其意见的党委'),
  }),
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
 * agencies' vetoes, the consultations that went ahead with a gap, the objections to its notices, and the ledger (附件1) by grade.
 */
export async function taianSections(ds: DataSource, campaignId: string, under: string) {
  const [candidates, vetoes, consultationGaps, objections, ledger] = await Promise.all([
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
    gapsUnder(ds, campaignId, under),
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
    consultationGaps,
    objections,
    ledger,
  };
}

/** The consultations of the subtree's committees that went ahead without an answer, and the levels lacking an agency. */
async function gapsUnder(ds: DataSource, campaignId: string, under: string) {
  const [unanswered, levels] = await Promise.all([
    ds.query(
      `SELECT c.id AS "consultationId", o.name AS committee, ag.name AS agency, count(*)::int AS candidates, max(a.gap_opinion) AS "gapOpinion", max(a.answered_at) AS "recordedAt"
         FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id JOIN organisations o ON o.id = c.organisation_id
         JOIN organisations ag ON ag.id = a.agency_id
        WHERE c.campaign_id = $1 AND a.answer = 'no_answer' AND o.path LIKE $2
        GROUP BY c.id, o.name, o.path, ag.name ORDER BY o.path, ag.name`,
      [campaignId, under],
    ),
    ds.query(
      `SELECT o.name AS committee, g.agency_kinds AS kinds, g.recorded_at AS "recordedAt"
         FROM consultation_level_gaps g JOIN organisations o ON o.id = g.organisation_id
        WHERE g.campaign_id = $1 AND o.path LIKE $2 ORDER BY o.path, g.recorded_at`,
      [campaignId, under],
    ),
  ]);
  return {
    unanswered,
    levelsWithoutAgency: (levels as Array<{ committee: string; kinds: AgencyKind[]; recordedAt: Date }>).map((l) => ({
      committee: l.committee,
      agencyKinds: l.kinds.map((k) => AGENCY_KIND_LABELS[k] ?? k),
      recordedAt: l.recordedAt,
    })),
  };
}

/** The ledger (附件1) of the subtree's branches, by grade: the grades some branch has, and the branches graded. */
async function ledgerByGrade(ds: DataSource, under: string) {
  // `under` is the scope's path and LIKE's `%`; the counts are kept per organisation.
  const { byGrade } = await subtreeGradesUnder(ds, under.slice(0, -1));
  const graded = Object.entries(byGrade).filter(([, n]) => n > 0);
  return { byGrade: Object.fromEntries(graded), branches: graded.reduce((a, [, n]) => a + n, 0) };
}
