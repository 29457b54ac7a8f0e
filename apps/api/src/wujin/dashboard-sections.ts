import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { scopePathOf } from '../../../../libs/domain/src';
import {
  WUJIN_OBLIGATIONS,
  WUJIN_PHASES,
  WUJIN_PHASE_TARGET_LABELS,
  WUJIN_STAGE_LABELS,
  WUJIN_STANDINGS,
  type WujinObligation,
  type WujinPhase,
  type WujinStanding,
  deployMeasured,
  phaseStage,
  share,
  wujinSchedulesOf,
} from '../../../../libs/processes/src/wujin';
import { id, timestamp, day } from '../openapi/schemas';
import { type ObligationCount, average, obligationFigures, scoreDistribution } from './figures';
import {
  PHASE_STATUSES,
  PHASE_STATUS_LABELS,
  type PhaseStatus,
  RECTIFICATION_STATUSES,
  RECTIFICATION_STATUS_LABELS,
  UNDECIDED_RECTIFICATIONS,
  type WujinRectificationStatus,
} from './labels';

const count = z.int().min(0);
const counts = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);
const committeeFigure = z.strictObject({ committeeId: id, name: z.string(), measured: z.number().describe('该党(工)委的实测值') });
const obligationFiguresSchema = { due: count.describe('应完成次数'), onTime: count, late: count.describe('逾期后补做'), missed: count.describe('逾期仍未完成'), open: count.describe('未到期、尚未完成') };

/** The sections' shape, as the OpenAPI document shows them. */
export const wujinSectionsSchema = z.strictObject({
  phases: z
    .array(
      z.strictObject({
        phase: z.enum(WUJIN_PHASES),
        label: z.string(),
        targetLabel: z.string().describe('目标所测算的内容'),
        target: z.number().describe('目标值（比例，1 为 100%）'),
        endsOn: day,
        status: z.enum(PHASE_STATUSES),
        statusLabel: z.string(),
        evaluatedAt: timestamp.nullable(),
        measured: z
          .number()
          .nullable()
          .describe('阶段结束时记录的实测值：看全区的为全区值，看一个党(工)委的为该党(工)委的值；进行中的阶段为 null'),
        figures: z.record(z.string(), z.number()).nullable().describe('阶段结束时记录的全区各项数字（仅看全区时给出）'),
        live: z
          .strictObject({ measured: z.number(), figures: z.record(z.string(), z.number()) })
          .nullable()
          .describe('进行中的阶段：按同一口径测算的本级及下级当前值；已结束的为 null'),
        behind: z.array(committeeFigure).describe('阶段结束时未达到目标的党(工)委（本级及下级）'),
        commended: z.array(committeeFigure).describe('阶段结束时达到目标、列入表扬的党(工)委（本级及下级）'),
      }),
    )
    .describe('三个阶段的目标、实测值和截止日期'),
  compliance: z.strictObject({
    branches: count,
    active: count.describe('未撤销、撤并的党支部'),
    compliant: count,
    rate: z.number().describe('达标率（合格支部 ÷ 未撤销、撤并的党支部）'),
    byStanding: counts(WUJIN_STANDINGS),
    committees: z.array(
      z.strictObject({ committeeId: id, committeeName: z.string(), branches: count, active: count, compliant: count, rate: z.number(), byStanding: counts(WUJIN_STANDINGS) }),
    ),
  }),
  scores: z.strictObject({
    passThreshold: z.number().describe('合格线'),
    scored: count.describe('已有区委组织部验收得分的党支部'),
    average: z.number().nullable(),
    distribution: z.array(z.strictObject({ band: z.string(), label: z.string(), branches: count })).describe('最近一次验收得分的分布'),
    failedBelow: count.describe('得分低于合格线的党支部'),
    vetoed: count.describe('有一票否决情形的党支部'),
    byVeto: z.array(z.strictObject({ code: z.string(), text: z.string(), branches: count })),
    vetoes: z.array(
      z.strictObject({ branchId: id, branchName: z.string(), committeeName: z.string(), score: z.number(), items: z.array(z.strictObject({ code: z.string(), text: z.string() })) }),
    ),
    committees: z.array(z.strictObject({ committeeId: id, committeeName: z.string(), scored: count, average: z.number().nullable(), failedBelow: count, vetoed: count })),
  }),
  rectifications: z.strictObject({
    byStatus: counts(RECTIFICATION_STATUSES),
    open: count.describe('整顿尚未了结（待报送、待审核、退回）'),
    overdue: count.describe('已过整顿期限仍未了结'),
    lateSubmissions: count.describe('逾期报送整顿情况的'),
    accepted: count,
    dissolved: count,
    merged: count,
    overdueItems: z
      .array(
        z.strictObject({ id, branchId: id, branchName: z.string(), committeeName: z.string(), dueAt: timestamp, status: z.enum(RECTIFICATION_STATUSES), statusLabel: z.string() }),
      )
      .describe('逾期未了结的整顿，按期限先后'),
  }),
  brands: z.strictObject({
    branches: count.describe('未撤销、撤并的党支部'),
    accepted: count.describe('品牌已认定'),
    filed: count.describe('已报送待认定'),
    returned: count.describe('被退回尚未重新报送'),
    missing: count.describe('尚未报送品牌'),
    committees: z.array(z.strictObject({ committeeId: id, committeeName: z.string(), branches: count, accepted: count, filed: count, returned: count, missing: count })),
  }),
  obligations: z
    .array(z.strictObject({ code: z.enum(Object.keys(WUJIN_OBLIGATIONS) as [WujinObligation, ...WujinObligation[]]), title: z.string(), rubricItem: z.string(), ...obligationFiguresSchema }))
    .describe('经常性工作（“三会一课”等）按项目的完成情况（本级及下级党支部）'),
});

type Sections = z.infer<typeof wujinSectionsSchema>;

const STANDING_ROWS = `
  FROM wujin_branch_standing s JOIN organisations b ON b.id = s.branch_id JOIN organisations c ON c.id = s.committee_id
 WHERE s.campaign_id = $1 AND b.path LIKE $2`;

/**
 * Wujin's dashboard sections over one subtree (`under`, a path pattern): the
 * phases with their targets and outcomes, compliance by committee, scores and
 * vetoes, rectifications, brands and the standing obligations.
 */
export async function wujinSections(ds: DataSource, campaignId: string, under: string): Promise<Sections> {
  const [c] = await ds.query(`SELECT c.params, o.path, o.level FROM campaigns c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`, [campaignId]);
  const passThreshold = typeof c.params?.passThreshold === 'number' ? c.params.passThreshold : 85;
  const wholeDistrict = scopePathOf(c).startsWith(under.slice(0, -1));
  const [phases, compliance, scores, rectifications, brands, obligations] = await Promise.all([
    phaseFigures(ds, campaignId, under, wholeDistrict),
    complianceFigures(ds, campaignId, under),
    scoreFigures(ds, campaignId, under, passThreshold),
    rectificationFigures(ds, campaignId, under),
    brandFigures(ds, campaignId, under),
    obligationSection(ds, campaignId, under),
  ]);
  return { phases, compliance, scores, rectifications, brands, obligations };
}

interface MilestoneRow {
  phase_code: WujinPhase;
  name: string;
  ends_on: string;
  target: string;
  status: PhaseStatus;
  evaluated_at: Date | null;
  measured: string | null;
  figures: Record<string, number> | null;
  behind: Array<{ committeeId: string; name: string; measured: number }> | null;
  commended: Array<{ committeeId: string; name: string; measured: number }> | null;
}

async function phaseFigures(ds: DataSource, campaignId: string, under: string, wholeDistrict: boolean): Promise<Sections['phases']> {
  const [rows, mine]: [MilestoneRow[], Array<{ committee_id: string }>] = await Promise.all([
    ds.query(`SELECT phase_code, name, ends_on::text AS ends_on, target, status, evaluated_at, measured, figures, behind, commended FROM plan_milestones WHERE plan_id = $1`, [campaignId]),
    ds.query(`SELECT DISTINCT s.committee_id ${STANDING_ROWS}`, [campaignId, under]),
  ]);
  const committees = new Set(mine.map((m) => m.committee_id));
  const out: Sections['phases'] = [];
  for (const phase of WUJIN_PHASES) {
    const r = rows.find((x) => x.phase_code === phase);
    if (!r) continue;
    const behind = (r.behind ?? []).filter((x) => committees.has(x.committeeId));
    const commended = (r.commended ?? []).filter((x) => committees.has(x.committeeId));
    const pending = r.status === 'pending';
    // A reader below the district sees its own committee's recorded figure, not the district's.
    const own = [...behind, ...commended];
    const measured = pending ? null : wholeDistrict ? Number(r.measured) : own.length === 1 ? own[0]!.measured : null;
    out.push({
      phase,
      label: r.name || WUJIN_STAGE_LABELS[phaseStage(phase)],
      targetLabel: WUJIN_PHASE_TARGET_LABELS[phase],
      target: targetOf(r.target),
      endsOn: r.ends_on,
      status: r.status,
      statusLabel: PHASE_STATUS_LABELS[r.status],
      evaluatedAt: r.evaluated_at === null ? null : new Date(r.evaluated_at).toISOString(),
      measured,
      figures: !pending && wholeDistrict ? r.figures : null,
      live: pending ? await measureLive(ds, campaignId, under, phase) : null,
      behind,
      commended,
    });
  }
  return out;
}

/** The milestone's target: `{metric, atLeast}` as stored. */
function targetOf(raw: string): number {
  try {
    const t = JSON.parse(raw) as { atLeast?: unknown };
    return typeof t.atLeast === 'number' ? t.atLeast : Number(raw);
  } catch {
    return Number(raw);
  }
}

/** A phase's figure now, over the subtree, counted as the phase's end counts it. */
async function measureLive(ds: DataSource, campaignId: string, under: string, phase: WujinPhase): Promise<{ measured: number; figures: Record<string, number> }> {
  if (phase === 'deploy') {
    const [f] = await ds.query(
      `WITH cs AS (SELECT DISTINCT s.committee_id AS id ${STANDING_ROWS})
       SELECT (SELECT count(*) FROM cs)::int AS committees,
              (SELECT count(DISTINCT p.committee_id) FROM wujin_implementation_plans p WHERE p.campaign_id = $1 AND p.status = 'accepted' AND p.committee_id IN (SELECT id FROM cs))::int AS "plansAccepted",
              (SELECT count(*) FROM wujin_shell_reviews r WHERE r.campaign_id = $1 AND r.committee_id IN (SELECT id FROM cs))::int AS "shellCases",
              (SELECT count(*) FROM wujin_shell_reviews r WHERE r.campaign_id = $1 AND r.status <> 'open' AND r.committee_id IN (SELECT id FROM cs))::int AS "shellCasesDecided",
              (SELECT count(*) FROM wujin_member_case_lists l WHERE l.campaign_id = $1 AND l.committee_id IN (SELECT id FROM cs))::int AS "caseListsFiled",
              (SELECT count(*) FROM wujin_model_branches m WHERE m.campaign_id = $1 AND m.status = 'commended' AND m.committee_id IN (SELECT id FROM cs))::int AS "modelBranchesCommended"`,
      [campaignId, under],
    );
    return { measured: deployMeasured(f), figures: f };
  }
  const done =
    phase === 'compliance'
      ? `s.standing = 'compliant'`
      : `s.standing NOT IN ('dissolved', 'merged') AND EXISTS (SELECT 1 FROM wujin_brands x WHERE x.campaign_id = $1 AND x.branch_id = s.branch_id AND x.status = 'accepted')`;
  const [f] = await ds.query(`SELECT count(*) FILTER (WHERE s.standing NOT IN ('dissolved', 'merged'))::int AS branches, count(*) FILTER (WHERE ${done})::int AS done ${STANDING_ROWS}`, [
    campaignId,
    under,
  ]);
  return { measured: share(f.done, f.branches), figures: { branches: f.branches, [phase === 'compliance' ? 'compliant' : 'brands']: f.done } };
}

const noStandings = () => Object.fromEntries(WUJIN_STANDINGS.map((s) => [s, 0])) as Record<WujinStanding, number>;
const activeOf = (by: Record<WujinStanding, number>) => WUJIN_STANDINGS.filter((s) => s !== 'dissolved' && s !== 'merged').reduce((n, s) => n + by[s], 0);

async function complianceFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['compliance']> {
  const rows: Array<{ committeeId: string; committeeName: string; standing: WujinStanding; n: number }> = await ds.query(
    `SELECT s.committee_id AS "committeeId", c.name AS "committeeName", s.standing, count(*)::int AS n ${STANDING_ROWS}
      GROUP BY s.committee_id, c.name, c.path, s.standing ORDER BY c.path`,
    [campaignId, under],
  );
  const total = noStandings();
  const committees = new Map<string, { committeeId: string; committeeName: string; byStanding: Record<WujinStanding, number> }>();
  for (const r of rows) {
    const c = committees.get(r.committeeId) ?? { committeeId: r.committeeId, committeeName: r.committeeName, byStanding: noStandings() };
    c.byStanding[r.standing] += r.n;
    total[r.standing] += r.n;
    committees.set(r.committeeId, c);
  }
  const figures = (by: Record<WujinStanding, number>) => {
    const active = activeOf(by);
    return { branches: Object.values(by).reduce((a, b) => a + b, 0), active, compliant: by.compliant, rate: share(by.compliant, active), byStanding: by };
  };
  return { ...figures(total), committees: [...committees.values()].map((c) => ({ committeeId: c.committeeId, committeeName: c.committeeName, ...figures(c.byStanding) })) };
}

async function scoreFigures(ds: DataSource, campaignId: string, under: string, passThreshold: number): Promise<Sections['scores']> {
  return scoreSummary(await scoreRows(ds, campaignId, under), passThreshold);
}

interface ScoreRow {
  branchId: string;
  branchName: string;
  committeeId: string;
  committeeName: string;
  score: number;
  vetoes: Array<{ code: string; text: string }>;
}

/** Each scored branch's latest verified score and vetoes, the vetoes' texts from the rubric version it was assessed on. */
async function scoreRows(ds: DataSource, campaignId: string, under: string): Promise<ScoreRow[]> {
  const rows: Array<Omit<ScoreRow, 'vetoes' | 'score'> & { score: string; vetoes: string[]; vetoItems: Array<{ code: string; text: string }> | null }> = await ds.query(
    `SELECT s.branch_id AS "branchId", b.name AS "branchName", s.committee_id AS "committeeId", c.name AS "committeeName", s.score, s.vetoes,
            r.definition->'vetoItems' AS "vetoItems"
       FROM wujin_branch_standing s JOIN organisations b ON b.id = s.branch_id JOIN organisations c ON c.id = s.committee_id
       LEFT JOIN wujin_assessments a ON a.campaign_id = s.campaign_id AND a.branch_id = s.branch_id AND a.round = s.round
       LEFT JOIN rubrics r ON r.code = a.rubric_code AND r.version = a.rubric_version
      WHERE s.campaign_id = $1 AND b.path LIKE $2 AND s.score IS NOT NULL
      ORDER BY c.path, b.path`,
    [campaignId, under],
  );
  return rows.map((r) => ({
    ...r,
    score: Number(r.score),
    vetoes: r.vetoes.map((code) => ({ code, text: r.vetoItems?.find((v) => v.code === code)?.text ?? code })),
  }));
}

function scoreSummary(rows: ScoreRow[], passThreshold: number): Sections['scores'] {
  const vetoed = rows.filter((r) => r.vetoes.length);
  const byVeto = new Map<string, { code: string; text: string; branches: number }>();
  for (const r of vetoed) for (const v of r.vetoes) byVeto.set(v.code, { ...v, branches: (byVeto.get(v.code)?.branches ?? 0) + 1 });
  const committees = new Map<string, ScoreRow[]>();
  for (const r of rows) committees.set(r.committeeId, [...(committees.get(r.committeeId) ?? []), r]);
  const figures = (rs: ScoreRow[]) => ({ scored: rs.length, average: average(rs.map((r) => r.score)), failedBelow: rs.filter((r) => r.score < passThreshold).length, vetoed: rs.filter((r) => r.vetoes.length).length });
  return {
    passThreshold,
    ...figures(rows),
    distribution: scoreDistribution(rows.map((r) => r.score)),
    byVeto: [...byVeto.values()],
    vetoes: vetoed.map((r) => ({ branchId: r.branchId, branchName: r.branchName, committeeName: r.committeeName, score: r.score, items: r.vetoes })),
    committees: [...committees.values()].map((rs) => ({ committeeId: rs[0]!.committeeId, committeeName: rs[0]!.committeeName, ...figures(rs) })),
  };
}

/** Past its deadline and not decided for good (`r`): the one meaning of an overdue rectification. */
export const OVERDUE_RECTIFICATION = `(r.status IN (${UNDECIDED_RECTIFICATIONS.map((s) => `'${s}'`).join(', ')}) AND r.due_at < now())`;

async function rectificationFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['rectifications']> {
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

async function brandFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['brands']> {
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

async function obligationSection(ds: DataSource, campaignId: string, under: string): Promise<Sections['obligations']> {
  const figures = obligationFigures(await obligationCounts(ds, campaignId, `o.path LIKE $2`, [under]));
  return (Object.keys(WUJIN_OBLIGATIONS) as WujinObligation[]).map((code) => ({ code, title: WUJIN_OBLIGATIONS[code].title, rubricItem: WUJIN_OBLIGATIONS[code].rubricItem, ...figures[code] }));
}
