import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { PlannedStage } from '../../../../libs/domain/src';
import {
  A_GRADE_CAP_SHARE,
  HEFEI_GRADES,
  type HefeiGrade,
  RECTIFICATION_STATUSES,
  type RectificationStatus,
  STANDARD_STATUSES,
  STANDARD_STATUS_LABELS,
  type StandardStatus,
} from '../../../../libs/processes/src/hefei';
import { day, id, timestamp } from '../openapi/schemas';
import { LATE_RECTIFICATION, REPORT_STATE_LABELS, SELF_INSPECTION_OBLIGATION, aGradeCapFigures, campaignSchedules, noGrades, quarterFigures, reportState } from './figures';

/** Late lists name each branch's count and only its earliest few, as the generic dashboard does. */
const LATE_SHOWN_PER_BRANCH = 5;

const byGrade = z.strictObject(Object.fromEntries(HEFEI_GRADES.map((g) => [g, z.int().min(0)])) as Record<HefeiGrade, z.ZodInt>);
const committee = { committeeId: id, committeeName: z.string() };

/** The sections' shape, as the OpenAPI document shows them. */
export const hefeiSectionsSchema = z.strictObject({
  self_inspections: z
    .array(
      z.strictObject({
        quarter: z.int().min(1).max(4),
        label: z.string(),
        dueOn: day,
        due: z.int().min(0).describe('应报送的组织数'),
        onTime: z.int().min(0),
        late: z.int().min(0).describe('逾期后补报'),
        missed: z.int().min(0).describe('逾期仍未报送'),
        open: z.int().min(0).describe('未到期、尚未报送'),
      }),
    )
    .describe('各季度自查报送情况（本级及下级基层党组织）'),
  rectifications: z.strictObject({
    byStatus: z.strictObject(Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, z.int().min(0)])) as Record<RectificationStatus, z.ZodInt>),
    unresolved: z.int().min(0).describe('尚未验收的整改'),
    overdue: z.int().min(0).describe('已过整改期限仍未验收'),
    late: z
      .array(
        z.strictObject({
          branchId: id,
          branchName: z.string(),
          count: z.int().min(1),
          items: z.array(z.strictObject({ id, problem: z.string(), dueOn: day, status: z.enum(RECTIFICATION_STATUSES) })).describe('最早到期的至多5项'),
        }),
      )
      .describe('逾期未验收的整改，按党支部'),
  }),
  grades: z.strictObject({
    aCapShare: z.number().describe('首次定级A级比例上限（0.1 为 10%）'),
    aCapRespected: z.boolean().describe('各基层党委首次定级的A级数均未超过上限'),
    byGrade: byGrade.describe('本年度各党支部当前等次（重新定级的以最后一次为准）'),
    committees: z.array(
      z.strictObject({
        ...committee,
        byGrade,
        branches: z.int().min(0).describe('本年度参加定级的党支部数'),
        inProgress: z.int().min(0).describe('尚未评定等次的申报'),
        firstGrading: z
          .strictObject({ branches: z.int().min(0), graded: z.int().min(0), aGiven: z.int().min(0), aCap: z.int().min(0), aCapRespected: z.boolean() })
          .describe('首次定级：党支部数、已评定数、A级数及其上限'),
        regraded: z.int().min(0).describe('整改后重新定级的次数'),
      }),
    ),
  }),
  reports: z.strictObject({
    onTime: z.int().min(0),
    late: z.int().min(0),
    missing: z.int().min(0),
    pending: z.int().min(0),
    committees: z.array(
      z.strictObject({
        ...committee,
        state: z.enum(['on_time', 'late', 'missing', 'pending']),
        stateLabel: z.string(),
        dueAt: timestamp.nullable(),
        filedAt: timestamp.nullable(),
        escalatedAt: timestamp.nullable(),
      }),
    ),
  }),
  standards: z.strictObject({
    withAccepted: z.int().min(0).describe('已有备案标准的基层党委数'),
    withoutAccepted: z.int().min(0),
    awaitingReview: z.int().min(0).describe('已报送待审核的基层党委数'),
    committees: z.array(
      z.strictObject({
        ...committee,
        acceptedVersion: z.int().nullable().describe('现行（已备案）版本；null 为尚无'),
        acceptedAt: timestamp.nullable(),
        latestVersion: z.int().nullable(),
        latestStatus: z.enum(STANDARD_STATUSES).nullable(),
        latestStatusLabel: z.string().nullable(),
        filed: z.int().min(0).describe('本年度报送的版本数'),
        returned: z.int().min(0).describe('本年度被退回的版本数'),
      }),
    ),
  }),
});

type Sections = z.infer<typeof hefeiSectionsSchema>;
interface CampaignFacts {
  year: number;
  share: number;
  reportDueAt: string | null;
}

/**
 * Hefei's dashboard sections over one subtree (`under`, a path pattern): the
 * quarterly self-inspections, the rectifications, the grades with the A cap,
 * the committees' August reports and their grading standards.
 */
export async function hefeiSections(ds: DataSource, campaignId: string, under: string): Promise<Sections> {
  const [c] = await ds.query(`SELECT year, params, plan FROM campaigns WHERE id = $1`, [campaignId]);
  const facts: CampaignFacts = {
    year: c.year,
    share: typeof c.params?.aGradeCap === 'number' ? c.params.aGradeCap : A_GRADE_CAP_SHARE,
    reportDueAt: (c.plan as PlannedStage[] | null)?.find((s) => s.stage === 'report')?.dueAt ?? null,
  };
  const [self_inspections, rectifications, grades, reports, standards] = await Promise.all([
    selfInspections(ds, campaignId, under, facts),
    rectificationFigures(ds, campaignId, under),
    gradeFigures(ds, campaignId, under, facts),
    reportFigures(ds, campaignId, under, facts),
    standardFigures(ds, campaignId, under, facts),
  ]);
  return { self_inspections, rectifications, grades, reports, standards };
}

async function selfInspections(ds: DataSource, campaignId: string, under: string, facts: CampaignFacts) {
  const rows = await ds.query(
    `SELECT extract(quarter FROM x.period_start)::int AS quarter,
            count(*) FILTER (WHERE x.status = 'completed' AND NOT coalesce(x.completed_late, false))::int AS "onTime",
            count(*) FILTER (WHERE x.status = 'completed' AND coalesce(x.completed_late, false))::int AS late,
            count(*) FILTER (WHERE x.status = 'overdue')::int AS missed,
            count(*) FILTER (WHERE x.status = 'open')::int AS open
       FROM obligation_occurrences x JOIN organisations o ON o.id = x.organisation_id
      WHERE x.obligation_code = $3 AND x.schedule_id LIKE $1 AND o.path LIKE $2
      GROUP BY 1`,
    [campaignSchedules(campaignId), under, SELF_INSPECTION_OBLIGATION],
  );
  return quarterFigures(facts.year, rows);
}

async function rectificationFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['rectifications']> {
  const late = LATE_RECTIFICATION;
  const [counts, lateRows] = await Promise.all([
    ds.query(
      `SELECT r.status, count(*)::int AS n, count(*) FILTER (WHERE ${late})::int AS late
         FROM hefei_rectifications r JOIN organisations b ON b.id = r.branch_id
        WHERE r.campaign_id = $1 AND b.path LIKE $2 GROUP BY r.status`,
      [campaignId, under],
    ),
    ds.query(
      `WITH late AS (
         SELECT r.id, r.problem, r.due_on, r.status, r.branch_id, b.name, b.path,
                row_number() OVER (PARTITION BY r.branch_id ORDER BY r.due_on, r.found_at) AS rank, count(*) OVER (PARTITION BY r.branch_id)::int AS n
           FROM hefei_rectifications r JOIN organisations b ON b.id = r.branch_id
          WHERE r.campaign_id = $1 AND b.path LIKE $2 AND ${late})
       SELECT branch_id AS "branchId", name AS "branchName", n AS count, id, problem, due_on::text AS "dueOn", status
         FROM late WHERE rank <= ${LATE_SHOWN_PER_BRANCH} ORDER BY path, due_on`,
      [campaignId, under],
    ),
  ]);
  const byStatus = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<RectificationStatus, number>;
  let overdue = 0;
  for (const r of counts as Array<{ status: RectificationStatus; n: number; late: number }>) {
    byStatus[r.status] = r.n;
    overdue += r.late;
  }
  const groups = new Map<string, Sections['rectifications']['late'][number]>();
  for (const r of lateRows as Array<{ branchId: string; branchName: string; count: number; id: string; problem: string; dueOn: string; status: RectificationStatus }>) {
    const g = groups.get(r.branchId) ?? { branchId: r.branchId, branchName: r.branchName, count: r.count, items: [] };
    g.items.push({ id: r.id, problem: r.problem, dueOn: r.dueOn, status: r.status });
    groups.set(r.branchId, g);
  }
  return { byStatus, unresolved: byStatus.open + byStatus.submitted + byStatus.returned, overdue, late: [...groups.values()] };
}

/**
 * The subtree's grassroots committees, and any other committee this
 * campaign's gradings in the subtree name (a reader whose subtree is a branch
 * still sees that branch's committee).
 */
const COMMITTEES = `
  committees AS (
    SELECT o.id, o.name, o.path FROM organisations o WHERE o.level = 'grassroots_committee' AND o.path LIKE $2
    UNION
    SELECT o.id, o.name, o.path FROM hefei_gradings g JOIN organisations b ON b.id = g.branch_id JOIN organisations o ON o.id = g.committee_id
     WHERE g.campaign_id = $1 AND b.path LIKE $2)`;

async function gradeFigures(ds: DataSource, campaignId: string, under: string, facts: CampaignFacts): Promise<Sections['grades']> {
  const [rows, current] = await Promise.all([
    ds.query(
      `WITH ${COMMITTEES},
       g AS (SELECT g.* FROM hefei_gradings g JOIN organisations b ON b.id = g.branch_id WHERE g.campaign_id = $1 AND b.path LIKE $2)
       SELECT c.id AS "committeeId", c.name AS "committeeName",
              count(DISTINCT g.branch_id)::int AS branches,
              count(g.id) FILTER (WHERE g.status <> 'graded')::int AS "inProgress",
              count(g.id) FILTER (WHERE g.first_grading AND g.attempt = 1)::int AS "firstBranches",
              count(g.id) FILTER (WHERE g.first_grading AND g.attempt = 1 AND g.status = 'graded')::int AS "firstGraded",
              count(g.id) FILTER (WHERE g.first_grading AND g.attempt = 1 AND g.grade = 'A')::int AS "firstA",
              count(g.id) FILTER (WHERE g.attempt > 1 AND g.status = 'graded')::int AS regraded
         FROM committees c LEFT JOIN g ON g.committee_id = c.id
        GROUP BY c.id, c.name, c.path ORDER BY c.path`,
      [campaignId, under],
    ),
    // Each branch's latest grade this year: a branch regraded after rectification counts once, with its new grade.
    ds.query(
      `SELECT committee_id AS "committeeId", grade, count(*)::int AS n FROM (
         SELECT DISTINCT ON (g.branch_id) g.committee_id, g.grade
           FROM hefei_gradings g JOIN organisations b ON b.id = g.branch_id
          WHERE g.campaign_id = $1 AND b.path LIKE $2 AND g.status = 'graded'
          ORDER BY g.branch_id, g.attempt DESC) latest
        GROUP BY committee_id, grade`,
      [campaignId, under],
    ),
  ]);
  const total = noGrades();
  const committees = (
    rows as Array<{ committeeId: string; committeeName: string; branches: number; inProgress: number; firstBranches: number; firstGraded: number; firstA: number; regraded: number }>
  ).map((r) => {
    const grades = noGrades();
    for (const x of current as Array<{ committeeId: string; grade: HefeiGrade; n: number }>) {
      if (x.committeeId !== r.committeeId) continue;
      grades[x.grade] += x.n;
      total[x.grade] += x.n;
    }
    return {
      committeeId: r.committeeId,
      committeeName: r.committeeName,
      byGrade: grades,
      branches: r.branches,
      inProgress: r.inProgress,
      firstGrading: aGradeCapFigures(r.firstBranches, r.firstGraded, r.firstA, facts.share),
      regraded: r.regraded,
    };
  });
  return { aCapShare: facts.share, aCapRespected: committees.every((c) => c.firstGrading.aCapRespected), byGrade: total, committees };
}

async function reportFigures(ds: DataSource, campaignId: string, under: string, facts: CampaignFacts): Promise<Sections['reports']> {
  const rows: Array<{ committeeId: string; committeeName: string; dueAt: Date | null; filedAt: Date | null; late: boolean | null; escalatedAt: Date | null }> = await ds.query(
    `WITH committees AS (
       SELECT o.id, o.name, o.path FROM organisations o WHERE o.level = 'grassroots_committee' AND o.path LIKE $2
       UNION
       SELECT o.id, o.name, o.path FROM hefei_committee_reports r JOIN organisations o ON o.id = r.committee_id WHERE r.campaign_id = $1 AND o.path LIKE $2)
     SELECT c.id AS "committeeId", c.name AS "committeeName", r.due_at AS "dueAt", r.filed_at AS "filedAt", r.late, r.escalated_at AS "escalatedAt"
       FROM committees c LEFT JOIN hefei_committee_reports r ON r.committee_id = c.id AND r.campaign_id = $1
      ORDER BY c.path`,
    [campaignId, under],
  );
  const now = new Date();
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  const committees = rows.map((r) => {
    // A committee whose report row the workflow has not opened yet is due when the plan's report stage is.
    const dueAt = r.dueAt ?? facts.reportDueAt;
    const state = reportState({ filedAt: r.filedAt, late: r.late, dueAt, escalatedAt: r.escalatedAt }, now);
    return { committeeId: r.committeeId, committeeName: r.committeeName, state, stateLabel: REPORT_STATE_LABELS[state], dueAt: iso(dueAt), filedAt: iso(r.filedAt), escalatedAt: iso(r.escalatedAt) };
  });
  const count = (s: string) => committees.filter((c) => c.state === s).length;
  return { onTime: count('on_time'), late: count('late'), missing: count('missing'), pending: count('pending'), committees };
}

async function standardFigures(ds: DataSource, campaignId: string, under: string, facts: CampaignFacts): Promise<Sections['standards']> {
  // A standard outlives its campaign: the accepted version is whichever is in force; the counts are this year's filings.
  const rows: Array<Omit<Sections['standards']['committees'][number], 'latestStatusLabel' | 'acceptedAt'> & { acceptedAt: Date | null }> = await ds.query(
    `SELECT o.id AS "committeeId", o.name AS "committeeName", a.version AS "acceptedVersion", a.decided_at AS "acceptedAt",
            l.version AS "latestVersion", l.status AS "latestStatus",
            count(s.id) FILTER (WHERE s.filed_at IS NOT NULL)::int AS filed, count(s.id) FILTER (WHERE s.status = 'returned')::int AS returned
       FROM organisations o
       LEFT JOIN hefei_grading_standards a ON a.committee_id = o.id AND a.status = 'accepted'
       LEFT JOIN LATERAL (SELECT version, status FROM hefei_grading_standards WHERE committee_id = o.id ORDER BY version DESC LIMIT 1) l ON true
       LEFT JOIN hefei_grading_standards s ON s.committee_id = o.id
            AND (s.campaign_id = $1 OR (s.campaign_id IS NULL AND extract(year FROM s.filed_at AT TIME ZONE 'Asia/Shanghai') = $3))
      WHERE o.level = 'grassroots_committee' AND o.path LIKE $2
      GROUP BY o.id, o.name, o.path, a.version, a.decided_at, l.version, l.status
      ORDER BY o.path`,
    [campaignId, under, facts.year],
  );
  const committees = rows.map((r) => ({
    ...r,
    acceptedAt: r.acceptedAt === null ? null : new Date(r.acceptedAt).toISOString(),
    latestStatusLabel: r.latestStatus ? STANDARD_STATUS_LABELS[r.latestStatus as StandardStatus] : null,
  }));
  return {
    withAccepted: committees.filter((c) => c.acceptedVersion !== null).length,
    withoutAccepted: committees.filter((c) => c.acceptedVersion === null).length,
    awaitingReview: committees.filter((c) => c.latestStatus === 'filed').length,
    committees,
  };
}
