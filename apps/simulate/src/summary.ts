import type { DataSource } from 'typeorm';
import { advancedCapOf, allotQuota } from '../../../libs/domain/src';
import { runRuleFile } from '../../../tools/taian-check/rules';
import type { Stats } from './taian/actor-context';

export interface SimulationSummary {
  process: 'taian';
  branches: number;
  seed: number;
  quota: number;
  nominations: number;
  recommended: { grassroots: number; cityManaged: number; city: number };
  vetoed: number;
  /** Consultations held, by the level of the committee that held them (the city's is held by its organisation department). */
  consultedLevels: Record<string, number>;
  /** Committees that lacked an agency of a kind their candidates needed, each on the record. */
  levelsWithoutAgency: number;
  /**
   * Agencies' answers never given (per agency and consultation), and what
   * became of them: the committee went ahead with a written reason, or — only
   * where a campaign chose it — the silence was read as consent.
   */
  unansweredConsultations: { total: number; proceededWithReason: number; readAsConsent: number };
  objections: { lodged: number; upheld: number };
  /** The year after naming: observation meetings held, spot checks made, titles withdrawn (each with its reason). */
  dynamicManagement: { meetings: number; spotChecks: number; withdrawn: number };
  /** Branches named on the day (including any whose title was withdrawn in the year after). */
  named: number;
  namedVetoed: number;
  namedWithUpheldObjection: number;
  ratioRespected: boolean;
  capRespected: boolean;
  /** Named branches (a title withdrawn since included) whose ledger the naming moved: its history row, one audit row by the city committee at the same time, the entry as its history last left it. */
  ledgerUpdatedAtNaming: number;
  /** Named branches graded lagging or weak and lax when they were named (评选资格规则): must be 0. */
  ineligibleNamed: number;
  /** Reporting levels over the 10% cap, each with the reason stated on its decision ("原则上"). */
  capExceptions: number;
  deadlines: { met: number; missed: number };
  /** Times the year's tables recorded outside the simulated year (must be 0: the workflows' clock, never the machine's). */
  timesOutsideYear: number;
  /** Times recorded against cause and effect: a notice closed before it was published, a task done before it was opened… (must be 0). */
  timesOutOfOrder: number;
  extensions: number;
  lateApplicationsRefused: number;
  refusals: Record<string, string>;
  seconds: number;
}

/**
 * The year's figures, read back from the database the process wrote — not from
 * what the actors meant to do — so a rule the engine failed to enforce shows.
 */
export async function summarise(
  ds: DataSource,
  run: { campaignId: string; branches: number; seed: number; quota: number; stats: Stats; seconds: number },
): Promise<SimulationSummary> {
  const id = run.campaignId;
  const one = async (sql: string) => Number((await ds.query(sql, [id]))[0].n);
  const steps = (step: string) => one(`SELECT count(DISTINCT s.nomination_id) AS n FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id WHERE n.campaign_id = $1 AND s.step = '${step}'`);
  const unanswered = (also: string) =>
    one(`SELECT count(DISTINCT (a.consultation_id, a.agency_id)) AS n FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id WHERE c.campaign_id = $1 AND a.answer = 'no_answer' ${also}`);
  const [{ params }] = await ds.query(`SELECT params FROM campaigns WHERE id = $1`, [id]);

  // 1:2 — every city-managed committee reported twice its allotment, and the city chose its quota from at least twice as many.
  const units: Array<{ id: string; governed: number; reported: number; named: number }> = await ds.query(
    `SELECT cm.id, (SELECT count(*) FROM organisations b WHERE b.level = 'branch' AND b.path LIKE cm.path || '%')::int AS governed,
            (SELECT count(DISTINCT s.nomination_id) FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id
              WHERE n.campaign_id = $1 AND s.step = 'city_managed_opinion' AND n.city_managed_committee_id = cm.id)::int AS reported,
            (SELECT count(*) FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status IN ('named', 'withdrawn') AND n.city_managed_committee_id = cm.id)::int AS named
       FROM organisations cm WHERE cm.level = 'city_managed_committee'`,
    [id],
  );
  const allotments = allotQuota(params.quota, units, params.advancedCap, params.recommendationRatio);
  const named = await one(`SELECT count(*) AS n FROM nominations WHERE campaign_id = $1 AND campaign_status IN ('named', 'withdrawn')`);
  const toCity = units.reduce((a, u) => a + u.reported, 0);
  const ratioRespected = units.every((u) => u.reported === params.recommendationRatio * allotments.get(u.id)!) && toCity >= params.recommendationRatio * named;
  const cap = (governed: number) => advancedCapOf(governed, params.advancedCap);
  const capRespected = units.every((u) => u.reported <= cap(u.governed) && u.named <= cap(u.governed)) && named <= cap(run.branches);

  return {
    process: 'taian',
    branches: run.branches,
    seed: run.seed,
    quota: run.quota,
    nominations: (await one(`SELECT count(*) AS n FROM nominations WHERE campaign_id = $1`)) + run.stats.lateApplicationsRefused,
    recommended: { grassroots: await steps('grassroots_opinion'), cityManaged: await steps('city_managed_opinion'), city: await steps('org_department_opinion') },
    vetoed: await one(`SELECT count(DISTINCT a.candidate_id) AS n FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id WHERE c.campaign_id = $1 AND a.answer = 'veto'`),
    consultedLevels: Object.fromEntries(
      ((await ds.query(`SELECT o.level, count(*)::int AS n FROM consultations c JOIN organisations o ON o.id = c.organisation_id WHERE c.campaign_id = $1 GROUP BY o.level ORDER BY o.level`, [id])) as Array<{ level: string; n: number }>).map((r) => [r.level, r.n]),
    ),
    levelsWithoutAgency: await one(`SELECT count(DISTINCT organisation_id) AS n FROM consultation_level_gaps WHERE campaign_id = $1`),
    unansweredConsultations: {
      total: await unanswered(''),
      proceededWithReason: await unanswered('AND a.gap_opinion IS NOT NULL'),
      readAsConsent: await unanswered('AND a.gap_opinion IS NULL'),
    },
    dynamicManagement: {
      meetings: await one(`SELECT count(*) AS n FROM tasks WHERE campaign_id = $1 AND kind = 'observation_meeting' AND status = 'completed'`),
      spotChecks: await one(`SELECT count(*) AS n FROM red_flag_spot_checks WHERE campaign_id = $1`),
      withdrawn: await one(`SELECT count(*) AS n FROM nominations WHERE campaign_id = $1 AND campaign_status = 'withdrawn' AND campaign_reason LIKE '取消红旗党支部称号：_%'`),
    },
    objections: {
      lodged: await one(`SELECT count(*) AS n FROM objections o JOIN public_notices p ON p.id = o.notice_id WHERE p.campaign_id = $1`),
      upheld: await one(`SELECT count(*) AS n FROM objections o JOIN public_notices p ON p.id = o.notice_id WHERE p.campaign_id = $1 AND o.status = 'upheld'`),
    },
    named,
    namedVetoed: await one(
      `SELECT count(*) AS n FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status IN ('named', 'withdrawn')
          AND EXISTS (SELECT 1 FROM consultation_answers a WHERE a.candidate_id = n.id::text AND a.answer = 'veto')`,
    ),
    namedWithUpheldObjection: await one(
      `SELECT count(*) AS n FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status IN ('named', 'withdrawn')
          AND EXISTS (SELECT 1 FROM objections o WHERE o.item_id = n.id::text AND o.status = 'upheld')`,
    ),
    ratioRespected,
    capRespected,
    ledgerUpdatedAtNaming: await one(
      `SELECT count(*) AS n FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status IN ('named', 'withdrawn')
          AND EXISTS (SELECT 1 FROM ledger_history h
                       WHERE h.branch_id = n.branch_id AND h.campaign_id = $1 AND h.source = 'naming' AND h.grade = 'advanced'
                         AND (SELECT l.grade FROM ledger_entries l WHERE l.branch_id = n.branch_id)
                           = (SELECT x.grade FROM ledger_history x WHERE x.branch_id = n.branch_id ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
                         AND (SELECT count(*) FROM audit_log a WHERE a.action = 'ledger.entry.named' AND a.request_id = h.change_key
                                 AND a.subject_id = n.branch_id::text AND a.organisation_id = h.organisation_id AND a.at = h.recorded_at) = 1)`,
    ),
    ineligibleNamed: await one(
      `SELECT count(*) AS n FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status IN ('named', 'withdrawn')
          AND coalesce((SELECT h.previous_grade FROM ledger_history h WHERE h.branch_id = n.branch_id AND h.campaign_id = $1 AND h.source = 'naming' ORDER BY h.recorded_at LIMIT 1),
                       (SELECT l.grade FROM ledger_entries l WHERE l.branch_id = n.branch_id)) IN ('lagging', 'weak_and_lax')`,
    ),
    capExceptions: await one(
      `SELECT count(DISTINCT t.organisation_id) AS n FROM tasks t
        WHERE t.campaign_id = $1 AND t.status = 'completed' AND btrim(coalesce(t.data ->> 'capException', '')) <> ''`,
    ),
    deadlines: {
      met: (await one(`SELECT count(*) AS n FROM tasks WHERE campaign_id = $1 AND due_at IS NOT NULL AND status = 'completed' AND missed = 0`)) + (await one(`SELECT count(*) AS n FROM nominations WHERE campaign_id = $1`)),
      missed: (await one(`SELECT count(*) AS n FROM tasks WHERE campaign_id = $1 AND missed > 0`)) + run.stats.lateApplicationsRefused,
    },
    // The same rules `npm run taian:check` runs, over the simulation's database (its one campaign).
    timesOutsideYear: (await runRuleFile((sql) => ds.query(sql), 'times-inside-year.sql')).violations,
    timesOutOfOrder: (await runRuleFile((sql) => ds.query(sql), 'times-in-causal-order.sql')).violations,
    extensions: run.stats.extensions,
    lateApplicationsRefused: run.stats.lateApplicationsRefused,
    refusals: run.stats.refusals,
    seconds: Math.round(run.seconds * 10) / 10,
  };
}
