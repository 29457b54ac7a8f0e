import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { runTaianSimulation } from '../../../apps/simulate/src/taian/simulation';
import type { SimulationSummary } from '../../../apps/simulate/src/summary';
import { type RuleResult, runRuleFiles } from '../../../tools/taian-check/rules';
import { simulatedYearDatabase } from '../../support/simulated-year';

const run = promisify(execFile);

/** The rule files this suite answers for (other files in the directory answer for their own rules). */
const RULES = [
  'times-inside-year.sql',
  'times-in-causal-order.sql',
  'stages-closed-on-time.sql',
  'completed-tasks-not-overdue.sql',
  'consultation-at-every-level.sql',
  'no-missing-answer-as-consent.sql',
] as const;

/**
 * `npm run taian:check` after a small simulated Tai'an year: the document's
 * rules asserted from the tables alone hold (the year keeps its own dates,
 * in order; every level consults; no silence read as consent), and each rule
 * counts a row broken on purpose, so the check can fail.
 */
describe('taian:check after a simulated year', () => {
  const year = simulatedYearDatabase('check');
  const { url } = year;
  let summary: SimulationSummary;
  let db: PgClient;
  const check = async (): Promise<Record<string, RuleResult>> => Object.fromEntries((await runRuleFiles((sql) => db.query(sql))).map((r) => [r.file, r]));
  /** The compiled `npm run taian:check`, as an operator runs it: its exit code and what it printed. */
  const cli = async (): Promise<{ code: number; out: string }> => {
    const main = path.resolve(__dirname, '../../../dist/tools/taian-check/main.js');
    try {
      const { stdout } = await run(process.execPath, [main], { env: { ...process.env, DATABASE_URL: url } });
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  };

  beforeAll(async () => {
    await year.create();
    summary = await runTaianSimulation({
      ...year.simulation,
      branches: 40,
      seed: 11,
    });
    db = new PgClient({ connectionString: url });
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await year.drop();
  });

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

  it('npm run taian:check prints every rule with its counts and exits 0; a broken row is counted and makes it exit 1', async () => {
    const clean = await cli();
    expect(clean.code).toBe(0);
    for (const r of Object.values(await check())) expect(clean.out).toContain(r.rule);

    // One row broken per rule, as someone editing the tables would.
    await db.query(`UPDATE public_notices SET closed_at = published_at - interval '1 day' WHERE id = (SELECT id FROM public_notices ORDER BY published_at LIMIT 1)`);
    await db.query(`UPDATE tasks SET completed_at = completed_at + interval '2 years' WHERE id = (SELECT id FROM tasks WHERE status = 'completed' ORDER BY id LIMIT 1)`);
    await db.query(`UPDATE tasks SET overdue = true WHERE id = (SELECT id FROM tasks WHERE status = 'completed' AND NOT overdue ORDER BY id DESC LIMIT 1)`);
    await db.query(`UPDATE campaign_stages SET completed_at = due_at + interval '1 hour' WHERE stage = 'application'`);
    await db.query(
      `UPDATE consultation_answers SET answer = 'no_answer', gap_opinion = NULL
        WHERE (consultation_id, agency_id, candidate_id) = (SELECT consultation_id, agency_id, candidate_id FROM consultation_answers WHERE answer <> 'no_answer' LIMIT 1)`,
    );
    // A committee that decided a list: its consultation moved after the decision, its level gaps gone.
    const [decider] = (await db.query(`SELECT organisation_id, min(created_at) AS decided_at FROM tasks WHERE form ->> 'kind' = 'selection' GROUP BY organisation_id ORDER BY 1 LIMIT 1`)).rows;
    const org = (await db.query(`SELECT id, parent_id FROM organisations WHERE id = $1`, [decider.organisation_id])).rows[0];
    await db.query(`DELETE FROM consultation_level_gaps WHERE organisation_id IN ($1, $2)`, [org.id, org.parent_id]);
    await db.query(`UPDATE consultations SET created_at = $2::timestamptz + interval '1 minute' WHERE organisation_id = $1`, [org.id, decider.decided_at]);

    const broken = await check();
    for (const file of RULES) expect(broken[file]).toBeDefined();
    expect(broken['times-inside-year.sql']!.violations).toBeGreaterThanOrEqual(1);
    expect(broken['times-in-causal-order.sql']!.violations).toBeGreaterThanOrEqual(1);
    expect(broken['stages-closed-on-time.sql']!.violations).toBe(1);
    expect(broken['completed-tasks-not-overdue.sql']!.violations).toBe(1);
    expect(broken['consultation-at-every-level.sql']!.violations).toBe(1);
    expect(broken['no-missing-answer-as-consent.sql']!.violations).toBeGreaterThanOrEqual(1);

    const failing = await cli();
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('FAIL');
  });
});
