import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { runTaianSimulation } from '../../../apps/simulate/src/taian/simulation';
import type { ApiBody } from '../../../apps/simulate/src/taian/simulation';
import type { SimulationSummary } from '../../../apps/simulate/src/summary';
import type { SelectionCandidate } from '../../../libs/domain/src';
import { createDataSource } from '../../../libs/persistence/src';
import { RULES_DIR, type RuleResult, runRuleFile, runRuleFiles } from '../../../tools/taian-check/rules';
import { simulatedYearDatabase } from '../../support/simulated-year';

const run = promisify(execFile);

/**
 * One simulated Tai'an year (80 branches, seed 11), run once and read back
 * from its tables by two sets of checks: `npm run taian:check`'s rules, and
 * seed 001's ledger and eligibility rules. The year itself is only read; rows
 * are broken on purpose either in a transaction rolled back or in a copy of
 * the database, so every check can fail and none sees another's broken rows.
 */
describe("a simulated Tai'an year read back from its tables", () => {
  const year = simulatedYearDatabase('taian_year');
  const { url } = year;
  let summary: SimulationSummary;
  /** A copy of the finished year, for the rows the check script must see broken (it reads only what is committed). */
  let copy: { url: string; drop(): Promise<void> } | undefined;
  let db: PgClient;
  let campaignId = '';
  const seen: Record<string, { status: number; body: ApiBody | null }> = {};
  let pickForms: Array<{ kind: string; candidates: SelectionCandidate[] }> = [];

  beforeAll(async () => {
    await year.create();
    summary = await runTaianSimulation({
      ...year.simulation,
      branches: 80,
      seed: 11,
      // What only the running API answers: a named branch's ledger entry; and the pick forms the deciders saw.
      onFinished: async ({ campaignId: id, api, tokenFor }) => {
        campaignId = id;
        const ds = createDataSource({ url });
        await ds.initialize();
        try {
          const [zzb] = await ds.query(`SELECT id FROM organisations WHERE code = 'taian-zzb'`);
          const [named] = await ds.query(`SELECT branch_id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' ORDER BY branch_path LIMIT 1`, [id]);
          seen.namedLedger = await api.call('GET', `/ledger/${named.branch_id}`, await tokenFor(zzb.id, 'department_head'));
          pickForms = (
            await ds.query(`SELECT kind, form -> 'candidates' AS candidates FROM tasks WHERE campaign_id = $1 AND form ->> 'kind' = 'selection' ORDER BY created_at`, [id])
          ).map((r: { kind: string; candidates: SelectionCandidate[] }) => ({ kind: r.kind, candidates: r.candidates }));
        } finally {
          await ds.destroy();
        }
      },
    });
    // Copied while nobody is connected to the year (the simulation's stack has stopped).
    copy = await year.copy('taian_year_broken');
    db = new PgClient({ connectionString: url });
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await copy?.drop();
    await year.drop();
  });

  /**
   * `npm run taian:check` after the year: the document's rules asserted from
   * the tables alone hold (the year keeps its own dates, in order; every level
   * consults; no silence read as consent), and each rule counts a row broken on
   * purpose, so the check can fail.
   */
  describe('taian:check', () => {
    /** The rule files this block answers for (the ledger block below answers for its own). */
    const RULES = [
      'times-inside-year.sql',
      'times-in-causal-order.sql',
      'stages-closed-on-time.sql',
      'completed-tasks-not-overdue.sql',
      'consultation-at-every-level.sql',
      'no-missing-answer-as-consent.sql',
    ] as const;
    const check = async (client: PgClient = db): Promise<Record<string, RuleResult>> => Object.fromEntries((await runRuleFiles((sql) => client.query(sql))).map((r) => [r.file, r]));
    /** The compiled `npm run taian:check`, as an operator runs it on a database: its exit code and what it printed. */
    const cli = async (databaseUrl: string): Promise<{ code: number; out: string }> => {
      const main = path.resolve(__dirname, '../../../dist/tools/taian-check/main.js');
      try {
        const { stdout } = await run(process.execPath, [main], { env: { ...process.env, DATABASE_URL: databaseUrl } });
        return { code: 0, out: stdout };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout + e.stderr };
      }
    };

    it('every recorded time of the year lies inside it and in causal order; the summary says so too', async () => {
      const results = await check();
      for (const file of ['times-inside-year.sql', 'times-in-causal-order.sql'] as const) {
        expect(results[file]).toMatchObject({ violations: 0 });
        expect(results[file]!.checked).toBeGreaterThan(100);
      }
      expect(summary.timesOutsideYear).toBe(0);
      expect(summary.timesOutOfOrder).toBe(0);
    });

    it('a stage its deadline closed is on time, at its deadline; completed tasks are not overdue', async () => {
      const results = await check();
      expect(results['stages-closed-on-time.sql']).toMatchObject({ violations: 0 });
      expect(results['completed-tasks-not-overdue.sql']).toMatchObject({ violations: 0 });
      const [application] = (await db.query(`SELECT completed_at, due_at, completed_late FROM campaign_stages WHERE stage = 'application'`)).rows;
      expect(application).toMatchObject({ completed_late: false, completed_at: application.due_at });
    });

    it('every level that decided a list consulted first, and no silence was read as consent', async () => {
      const results = await check();
      expect(results['consultation-at-every-level.sql']).toMatchObject({ violations: 0 });
      expect(results['consultation-at-every-level.sql']!.checked).toBeGreaterThanOrEqual(3);
      expect(results['no-missing-answer-as-consent.sql']).toMatchObject({ violations: 0 });
    });

    it("a nomination's review task carries its campaign and the reviewer's opinion", async () => {
      const [tasks] = (
        await db.query(
          `SELECT count(*)::int AS reviews, count(t.campaign_id)::int AS with_campaign,
                  count(*) FILTER (WHERE t.status = 'completed')::int AS completed,
                  count(*) FILTER (WHERE t.status = 'completed' AND t.opinion = s.opinion)::int AS with_opinion
             FROM tasks t JOIN nominations n ON n.id = t.subject_id
             LEFT JOIN nomination_steps s ON s.task_id = t.id
            WHERE t.kind = 'nomination_review'`,
        )
      ).rows;
      expect(tasks.reviews).toBeGreaterThan(0);
      expect(tasks.with_campaign).toBe(tasks.reviews);
      expect(tasks.completed).toBeGreaterThan(0);
      expect(tasks.with_opinion).toBe(tasks.completed);
    });

    it('npm run taian:check prints every rule with its counts and exits 0; a broken row (in a copy of the year) is counted and makes it exit 1', async () => {
      const clean = await cli(url);
      expect(clean.code).toBe(0);
      for (const r of Object.values(await check())) expect(clean.out).toContain(r.rule);

      const broken = new PgClient({ connectionString: copy!.url });
      await broken.connect();
      try {
        // One row broken per rule, as someone editing the tables would.
        await broken.query(`UPDATE public_notices SET closed_at = published_at - interval '1 day' WHERE id = (SELECT id FROM public_notices ORDER BY published_at LIMIT 1)`);
        await broken.query(`UPDATE tasks SET completed_at = completed_at + interval '2 years' WHERE id = (SELECT id FROM tasks WHERE status = 'completed' ORDER BY id LIMIT 1)`);
        await broken.query(`UPDATE tasks SET overdue = true WHERE id = (SELECT id FROM tasks WHERE status = 'completed' AND NOT overdue ORDER BY id DESC LIMIT 1)`);
        await broken.query(`UPDATE campaign_stages SET completed_at = due_at + interval '1 hour' WHERE stage = 'application'`);
        await broken.query(
          `UPDATE consultation_answers SET answer = 'no_answer', gap_opinion = NULL
            WHERE (consultation_id, agency_id, candidate_id) = (SELECT consultation_id, agency_id, candidate_id FROM consultation_answers WHERE answer <> 'no_answer' LIMIT 1)`,
        );
        // A committee that decided a list: its consultation moved after the decision, its level gaps gone.
        const [decider] = (await broken.query(`SELECT organisation_id, min(created_at) AS decided_at FROM tasks WHERE form ->> 'kind' = 'selection' GROUP BY organisation_id ORDER BY 1 LIMIT 1`)).rows;
        const org = (await broken.query(`SELECT id, parent_id FROM organisations WHERE id = $1`, [decider.organisation_id])).rows[0];
        await broken.query(`DELETE FROM consultation_level_gaps WHERE organisation_id IN ($1, $2)`, [org.id, org.parent_id]);
        await broken.query(`UPDATE consultations SET created_at = $2::timestamptz + interval '1 minute' WHERE organisation_id = $1`, [org.id, decider.decided_at]);

        const counted = await check(broken);
        for (const file of RULES) expect(counted[file]).toBeDefined();
        expect(counted['times-inside-year.sql']!.violations).toBeGreaterThanOrEqual(1);
        expect(counted['times-in-causal-order.sql']!.violations).toBeGreaterThanOrEqual(1);
        expect(counted['stages-closed-on-time.sql']!.violations).toBe(1);
        expect(counted['completed-tasks-not-overdue.sql']!.violations).toBe(1);
        expect(counted['consultation-at-every-level.sql']!.violations).toBe(1);
        expect(counted['no-missing-answer-as-consent.sql']!.violations).toBeGreaterThanOrEqual(1);
      } finally {
        await broken.end();
      }

      const failing = await cli(copy!.url);
      expect(failing.code).toBe(1);
      expect(failing.out).toContain('FAIL');
    });
  });

  /**
   * Seed 001's ledger and eligibility rules over the year, read back from the
   * tables: the naming moves each named branch's ledger entry (history and one
   * audit row by the city committee at the workflow's time), a branch graded
   * lagging or weak and lax is refused at application and at every pick, the
   * 10% cap holds at every reporting level unless a reason is on the decision,
   * and the rule files of the check script (tools/taian-check/rules) count no
   * violation, yet count each deliberately broken row.
   */
  describe('the ledger moves with the naming, eligibility by grade, the cap at every level', () => {
    it('moves every named branch in the ledger at the naming, with its history and one audit row by the city committee', () => {
      expect(summary.named).toBeGreaterThan(0);
      expect(summary.ledgerUpdatedAtNaming).toBe(summary.named);
      expect(seen.namedLedger!.status).toBe(200);
      const entry = seen.namedLedger!.body as unknown as {
        grade: string;
        evaluation: string;
        history: Array<{ source: string; grade: string; year: number; recordedAt: string; decidedBy: { organisationName: string } | null; previousGrade: string | null }>;
      };
      expect(entry.grade).toBe('advanced');
      expect(entry.evaluation).toBe('2027年度“泰山先锋”红旗党支部');
      expect(entry.history[0]).toMatchObject({ source: 'initial' });
      const naming = entry.history.find((h) => h.source === 'naming');
      expect(naming).toMatchObject({ grade: 'advanced', year: 2027, decidedBy: { organisationName: '中共泰安市委员会' } });
      // The workflow's time on the naming day, not the clock of the machine that wrote it.
      expect(naming!.recordedAt.startsWith('2027-06-30T16') || naming!.recordedAt.startsWith('2027-07-01')).toBe(true);
    });

    it('refuses a lagging or weak branch at application and at the pick, naming the rule, and names none', () => {
      expect(summary.ineligibleNamed).toBe(0);
      expect(summary.refusals.ineligibleApplication).toMatch(/^评选资格规则：.+在台账中为(后进|软弱涣散)党支部/);
      expect(summary.refusals.ineligiblePick).toContain('评选资格规则');
      // The deciders see each candidate's grade, and why a barred one may not be chosen.
      const candidates = pickForms.flatMap((f) => f.candidates);
      expect(candidates.every((c) => 'ledgerGrade' in c)).toBe(true);
      expect(candidates.some((c) => c.ledgerGrade === 'weak_and_lax' && c.ineligibleBecause?.startsWith('评选资格规则'))).toBe(true);
    });

    it('holds the 10% cap at every reporting level: a grassroots committee over it has stated why, one without a reason is refused', () => {
      expect(summary.capExceptions).toBeGreaterThanOrEqual(1);
      expect(summary.refusals.capWithoutReason).toContain('比例上限规则');
      expect(pickForms.filter((f) => f.kind === 'collective_decision').length).toBeGreaterThan(0);
    });

    describe("the check script's rule files", () => {
      const files = readdirSync(RULES_DIR).filter((f) => /^2[0-2]-.+\.sql$/.test(f)).sort();
      // As the check script (npm run taian:check) runs them: one row each, the contract checked.
      const runFile = (client: PgClient, file: string) => runRuleFile((sql) => client.query(sql), file);

      it('are ours: ledger at naming, no ineligible named, the cap at every level, each opening with its description', () => {
        expect(files).toEqual(['20-ledger-at-naming.sql', '21-no-ineligible-named.sql', '22-cap-at-every-level.sql']);
        for (const f of files) expect(readFileSync(path.join(RULES_DIR, f), 'utf8')).toMatch(/^-- \S/);
      });

      it('count no violation in the simulated year, run alone or by the check script', async () => {
        const client = new PgClient({ connectionString: url });
        await client.connect();
        try {
          for (const f of files) {
            const r = await runFile(client, f);
            expect({ f, violations: r.violations }).toEqual({ f, violations: 0 });
            expect(r.checked).toBeGreaterThan(0);
            expect(r.description).toBeTruthy();
          }
          // The check script runs them with the other rules, each answering for its own (see the taian:check block above).
          const all = await runRuleFiles((sql) => client.query(sql));
          expect(all.filter((r) => files.includes(r.file)).map((r) => [r.file, r.violations])).toEqual(files.map((f) => [f, 0]));
        } finally {
          await client.end();
        }
      });

      it('count each deliberately broken row (so they can fail)', async () => {
        const client = new PgClient({ connectionString: url });
        await client.connect();
        // Each row broken in a transaction rolled back: the year stays as it was for the other checks.
        const broken = async (file: string, breakIt: string) => {
          await client.query('BEGIN');
          try {
            await client.query(breakIt, [campaignId]);
            return (await runFile(client, file)).violations;
          } finally {
            await client.query('ROLLBACK');
          }
        };
        const oneNamed = `(SELECT branch_id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' ORDER BY branch_path LIMIT 1)`;
        try {
          // A named branch whose entry was put back: the ledger no longer shows the naming.
          expect(await broken(files[0]!, `UPDATE ledger_entries SET grade = 'average' WHERE branch_id = ${oneNamed}`)).toBe(1);
          // A naming change with no deciding committee on it.
          expect(await broken(files[0]!, `UPDATE ledger_history SET organisation_id = NULL WHERE source = 'naming' AND branch_id = ${oneNamed}`)).toBe(1);
          // A branch named while graded weak and lax.
          expect(await broken(files[1]!, `UPDATE ledger_history SET previous_grade = 'weak_and_lax' WHERE source = 'naming' AND branch_id = ${oneNamed}`)).toBe(1);
          // The reasons struck from the decisions: every level over the cap counts.
          expect(await broken(files[2]!, `UPDATE tasks SET data = data - 'capException' WHERE campaign_id = $1 AND data ? 'capException'`)).toBeGreaterThanOrEqual(1);
        } finally {
          await client.end();
        }
      });
    });
  });
});
