import type { DataSource } from 'typeorm';
import { WUJIN_PHASES, WUJIN_PHASE_TARGET_LABELS, WUJIN_STAGE_LABELS, type WujinPhase, deployMeasured, phaseStage, share } from '../../../../libs/processes/src/wujin';
import { PHASE_STATUS_LABELS, type PhaseStatus } from './labels';
import type { WujinSections as Sections } from './dashboard-schema';
import { STANDING_ROWS } from './standing-figures';

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

export async function phaseFigures(ds: DataSource, campaignId: string, under: string, wholeDistrict: boolean): Promise<Sections['phases']> {
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
