import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZIBO_PROJECT_STATUSES, ZIBO_PROJECT_STATUS_LABELS, type ZiboProjectStatus, ziboObligationSpecs } from '../../../../libs/processes/src/zibo';
import { id } from '../openapi/schemas';

const count = z.int().min(0);
const figures = {
  due: count.describe('已到期的次数（期）'),
  onTime: count.describe('按期达到最低要求'),
  late: count.describe('逾期后补足'),
  missed: count.describe('逾期仍未达到最低要求'),
  overMax: count.describe('登记次数超过上限的期数'),
  rate: z.number().describe('按期完成率（按期 ÷ 已到期；无到期的为 1）'),
};

/** Zibo's sections of a year's dashboard, as the OpenAPI document shows them. */
export const ziboSectionsSchema = z.strictObject({
  projects: z
    .strictObject({
      byStatus: z.array(z.strictObject({ status: z.enum(ZIBO_PROJECT_STATUSES), label: z.string(), projects: count })),
      branches: count,
      withApproved: count.describe('有审核通过项目的党支部'),
      flagged: z.array(z.strictObject({ branchId: id, name: z.string() })).describe('到规定日期仍没有审核通过项目的党支部'),
    })
    .describe('党建项目各阶段数量和预警'),
  hardBranches: z.array(z.strictObject({ branchId: id, name: z.string(), year: z.int(), status: z.enum(['conferred', 'retained', 'withdrawn']), score: z.number().nullable() })).describe('本年度评定和复核的过硬支部'),
  evaluation: z
    .strictObject({ plansAcknowledged: count, standards: count, selfAssessed: count, bureauAssessed: count, benchmarked: count, dutyReports: count, rated: count })
    .describe('年度计划备案、标准、自评、考评、对标、“双述双评”的党支部数'),
  obligations: z
    .strictObject({
      ...figures,
      byDuty: z.array(z.strictObject({ code: z.string(), title: z.string(), quota: z.string(), ...figures })).describe('各项经常性工作'),
      byBranch: z.array(z.strictObject({ branchId: id, name: z.string(), ...figures, behindThisMonth: count.describe('本月（本期）尚未达到最低要求的项目数') })).describe('各党支部，落后的在前'),
    })
    .describe('“三会一课”等按次计数的经常性工作完成情况'),
});

type Figures = { due: number; on_time: number; late: number; missed: number; over_max: number };
const toFigures = (r: Figures) => ({ due: r.due, onTime: r.on_time, late: r.late, missed: r.missed, overMax: r.over_max, rate: r.due ? Math.round((r.on_time / r.due) * 1000) / 1000 : 1 });
const FIGURES_SQL = `count(*) FILTER (WHERE x.due_date < today.d)::int AS due,
  count(*) FILTER (WHERE x.due_date < today.d AND x.status = 'completed' AND NOT x.completed_late)::int AS on_time,
  count(*) FILTER (WHERE x.due_date < today.d AND x.status = 'completed' AND x.completed_late)::int AS late,
  count(*) FILTER (WHERE x.due_date < today.d AND x.status <> 'completed')::int AS missed,
  count(*) FILTER (WHERE x.over_max)::int AS over_max`;

/** The year's projects, hard branches, evaluation and counted duties over one subtree. */
export async function ziboSections(ds: DataSource, campaignId: string, under: string): Promise<z.infer<typeof ziboSectionsSchema>> {
  const schedules = `zibo-${campaignId}-%`;
  const [byStatus, [branches], flagged, hard, [evaluation], [total], byDuty, byBranch] = await Promise.all([
    ds.query(`SELECT p.status, count(*)::int AS n FROM zibo_projects p JOIN organisations b ON b.id = p.branch_id WHERE p.campaign_id = $1 AND b.path LIKE $2 GROUP BY p.status`, [campaignId, under]),
    ds.query(
      `SELECT count(*)::int AS branches,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.approved_at IS NOT NULL))::int AS approved
         FROM zibo_branch_years y JOIN organisations b ON b.id = y.branch_id WHERE y.campaign_id = $1 AND b.path LIKE $2`,
      [campaignId, under],
    ),
    ds.query(`SELECT b.id AS "branchId", b.name FROM zibo_branch_years y JOIN organisations b ON b.id = y.branch_id WHERE y.campaign_id = $1 AND y.flagged_no_project AND b.path LIKE $2 ORDER BY b.path`, [campaignId, under]),
    ds.query(
      `SELECT b.id AS "branchId", b.name, h.year, h.status, h.score FROM zibo_hard_branches h JOIN organisations b ON b.id = h.branch_id
        WHERE (h.campaign_id = $1 OR h.reviewed_in = $1) AND b.path LIKE $2 ORDER BY h.year, b.path`,
      [campaignId, under],
    ),
    ds.query(
      `SELECT count(*) FILTER (WHERE plan_status = 'acknowledged')::int AS "plansAcknowledged", count(standard)::int AS standards, count(self_scores)::int AS "selfAssessed",
              count(bureau_scores)::int AS "bureauAssessed", count(gaps)::int AS benchmarked, count(duty_report)::int AS "dutyReports", count(bureau_rating)::int AS rated
         FROM zibo_branch_years y JOIN organisations b ON b.id = y.branch_id WHERE y.campaign_id = $1 AND b.path LIKE $2`,
      [campaignId, under],
    ),
    ds.query(
      `SELECT ${FIGURES_SQL} FROM obligation_occurrences x JOIN organisations b ON b.id = x.organisation_id, (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d) today
        WHERE x.schedule_id LIKE $1 AND b.path LIKE $2 AND x.status <> 'postponed'`,
      [schedules, under],
    ),
    ds.query(
      `SELECT x.obligation_code AS code, ${FIGURES_SQL} FROM obligation_occurrences x JOIN organisations b ON b.id = x.organisation_id, (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d) today
        WHERE x.schedule_id LIKE $1 AND b.path LIKE $2 AND x.status <> 'postponed' GROUP BY x.obligation_code`,
      [schedules, under],
    ),
    ds.query(
      `SELECT b.id AS "branchId", b.name, ${FIGURES_SQL},
              count(*) FILTER (WHERE x.period_start <= today.d AND x.due_date >= today.d AND x.status <> 'completed')::int AS behind
         FROM obligation_occurrences x JOIN organisations b ON b.id = x.organisation_id, (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d) today
        WHERE x.schedule_id LIKE $1 AND b.path LIKE $2 AND x.status <> 'postponed' GROUP BY b.id, b.name, b.path ORDER BY b.path`,
      [schedules, under],
    ),
  ]);
  const statusCount = new Map((byStatus as Array<{ status: ZiboProjectStatus; n: number }>).map((r) => [r.status, r.n]));
  const branchRows = (byBranch as Array<Figures & { branchId: string; name: string; behind: number }>).map((r) => ({ branchId: r.branchId, name: r.name, ...toFigures(r), behindThisMonth: r.behind }));
  // Who is behind first: most missed, then most behind this month.
  branchRows.sort((a, b) => b.missed - a.missed || b.behindThisMonth - a.behindThisMonth);
  const duties = ziboObligationSpecs();
  return {
    projects: {
      byStatus: ZIBO_PROJECT_STATUSES.map((s) => ({ status: s, label: ZIBO_PROJECT_STATUS_LABELS[s], projects: statusCount.get(s) ?? 0 })),
      branches: branches.branches,
      withApproved: branches.approved,
      flagged,
    },
    hardBranches: (hard as Array<{ branchId: string; name: string; year: number; status: 'conferred' | 'retained' | 'withdrawn'; score: string | null }>).map((h) => ({ ...h, score: h.score === null ? null : Number(h.score) })),
    evaluation,
    obligations: {
      ...toFigures(total ?? { due: 0, on_time: 0, late: 0, missed: 0, over_max: 0 }),
      byDuty: duties.map((d) => {
        const r = (byDuty as Array<Figures & { code: string }>).find((x) => x.code === d.code) ?? { due: 0, on_time: 0, late: 0, missed: 0, over_max: 0 };
        const q = d.quota!;
        return { code: d.code, title: d.title, quota: `${q.min}${q.max !== undefined && q.max !== q.min ? `—${q.max}` : ''}${q.unit === 'hours' ? '学时' : '次'}${q.max === undefined ? '以上' : ''}`, ...toFigures(r) };
      }),
      byBranch: branchRows,
    },
  };
}
