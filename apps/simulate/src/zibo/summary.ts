/** The figures of a Zibo year, read back from the tables the process wrote. */
import type { DataSource } from 'typeorm';
import { schedulesOf } from './world';

export interface ZiboSimulationSummary {
  process: 'zibo';
  branches: number;
  seed: number;
  year: number;
  hardBranches: string[];
  projects: { proposals: number; committeeScreened: number; membersScreened: number; submitted: number; returned: number; rejected: number; approved: number; accepted: number; failed: number };
  branchesWithProject: number;
  flagged: number;
  everyBranchWithProjectOrFlagged: boolean;
  plans: { filed: number; returned: number; acknowledged: number };
  evaluation: { standards: number; selfAssessed: number; bureauAssessed: number; benchmarked: number };
  dutyReports: { reported: number; rated: number; ratings: Record<string, number> };
  obligations: { due: number; onTime: number; late: number; missed: number; records: number; overMax: number; rate: number };
  seconds: number;
}

/** The year's figures, read back from what the process wrote. */
export async function summarise(ds: DataSource, run: { campaignId: string; branches: number; seed: number; year: number; seconds: number }): Promise<ZiboSimulationSummary> {
  const id = run.campaignId;
  const hard: Array<{ name: string }> = await ds.query(`SELECT o.name FROM zibo_hard_branches h JOIN organisations o ON o.id = h.branch_id WHERE h.campaign_id = $1 ORDER BY o.name`, [id]);
  const [steps] = await ds.query(
    `SELECT count(*) FILTER (WHERE step = 'proposals')::int AS proposals, count(*) FILTER (WHERE step = 'committee_screening')::int AS committee,
            count(*) FILTER (WHERE step = 'members_screening')::int AS members, count(*) FILTER (WHERE step = 'submission')::int AS submitted,
            count(*) FILTER (WHERE step = 'approval' AND outcome = 'returned')::int AS returned, count(*) FILTER (WHERE step = 'approval' AND outcome = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE step = 'approval' AND outcome = 'approved')::int AS approved, count(*) FILTER (WHERE step = 'acceptance' AND outcome = 'accepted')::int AS accepted,
            count(*) FILTER (WHERE step = 'acceptance' AND outcome = 'failed')::int AS failed,
            count(*) FILTER (WHERE step = 'plan' AND outcome = 'filed')::int AS plans_filed, count(*) FILTER (WHERE step = 'plan' AND outcome = 'returned')::int AS plans_returned,
            count(*) FILTER (WHERE step = 'plan' AND outcome = 'acknowledged')::int AS plans_acknowledged
       FROM zibo_project_steps WHERE campaign_id = $1`,
    [id],
  );
  const [years] = await ds.query(
    `SELECT count(*)::int AS branches, count(*) FILTER (WHERE flagged_no_project)::int AS flagged,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.approved_at IS NOT NULL))::int AS with_project,
            count(*) FILTER (WHERE flagged_no_project OR EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.approved_at IS NOT NULL))::int AS covered,
            count(standard)::int AS standards, count(self_scores)::int AS self, count(bureau_scores)::int AS bureau, count(gaps)::int AS gaps,
            count(duty_report)::int AS reported, count(bureau_rating)::int AS rated
       FROM zibo_branch_years y WHERE campaign_id = $1`,
    [id],
  );
  const ratings: Array<{ rating: string; n: number }> = await ds.query(
    `SELECT r AS rating, count(*)::int AS n FROM zibo_branch_years, LATERAL unnest(ARRAY[bureau_rating, members_rating]) r WHERE campaign_id = $1 AND r IS NOT NULL GROUP BY r ORDER BY r`,
    [id],
  );
  const [obl] = await ds.query(
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE status = 'completed' AND NOT completed_late)::int AS on_time,
            count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late, count(*) FILTER (WHERE status <> 'completed')::int AS missed,
            count(*) FILTER (WHERE over_max)::int AS over_max,
            (SELECT count(*)::int FROM obligation_records r JOIN obligation_occurrences x ON x.id = r.occurrence_id WHERE x.schedule_id LIKE $1) AS records
       FROM obligation_occurrences WHERE schedule_id LIKE $1 AND status <> 'postponed'`,
    [schedulesOf(id)],
  );
  return {
    process: 'zibo',
    branches: run.branches,
    seed: run.seed,
    year: run.year,
    hardBranches: hard.map((h) => h.name),
    projects: {
      proposals: steps.proposals,
      committeeScreened: steps.committee,
      membersScreened: steps.members,
      submitted: steps.submitted,
      returned: steps.returned,
      rejected: steps.rejected,
      approved: steps.approved,
      accepted: steps.accepted,
      failed: steps.failed,
    },
    branchesWithProject: years.with_project,
    flagged: years.flagged,
    everyBranchWithProjectOrFlagged: years.covered === years.branches,
    plans: { filed: steps.plans_filed, returned: steps.plans_returned, acknowledged: steps.plans_acknowledged },
    evaluation: { standards: years.standards, selfAssessed: years.self, bureauAssessed: years.bureau, benchmarked: years.gaps },
    dutyReports: { reported: years.reported, rated: years.rated, ratings: Object.fromEntries(ratings.map((r) => [r.rating, r.n])) },
    obligations: { due: obl.due, onTime: obl.on_time, late: obl.late, missed: obl.missed, records: obl.records, overMax: obl.over_max, rate: obl.due ? Math.round((obl.on_time / obl.due) * 1000) / 1000 : 1 },
    seconds: Math.round(run.seconds * 10) / 10,
  };
}
