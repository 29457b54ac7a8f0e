import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { runTaianSimulation } from '../../../apps/simulate/src/taian/simulation';
import type { ApiBody } from '../../../apps/simulate/src/taian/simulation';
import type { SimulationSummary } from '../../../apps/simulate/src/summary';
import type { SelectionCandidate } from '../../../libs/domain/src';
import { createDataSource } from '../../../libs/persistence/src';
import { RULES_DIR as RULES, runRuleFile, runRuleFiles } from '../../../tools/taian-check/rules';
import { simulatedYearDatabase } from '../../support/simulated-year';

/**
 * Seed 001's ledger and eligibility rules over a simulated Tai'an year, read
 * back from the tables: the naming moves each named branch's ledger entry
 * (history and one audit row by the city committee at the workflow's time), a
 * branch graded lagging or weak and lax is refused at application and at
 * every pick, the 10% cap holds at every reporting level unless a reason is
 * on the decision, and the rule files of the check script (tools/taian-check/rules)
 * count no violation, yet count each deliberately broken row.
 */
describe('Tai\'an year: the ledger moves with the naming, eligibility by grade, the cap at every level', () => {
  const year = simulatedYearDatabase('ledger');
  const { url } = year;
  let summary: SimulationSummary;
  let campaignId = '';
  const seen: Record<string, { status: number; body: ApiBody | null }> = {};
  let pickForms: Array<{ kind: string; candidates: SelectionCandidate[] }> = [];

  beforeAll(async () => {
    await year.create();
    summary = await runTaianSimulation({
      ...year.simulation,
      branches: 80,
      seed: 11,
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
  }, 600_000);

  afterAll(async () => {
    await year.drop();
  });

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

  describe('the check script\'s rule files', () => {
    const files = readdirSync(RULES).filter((f) => /^2[0-2]-.+\.sql$/.test(f)).sort();
    // As the check script (npm run taian:check) runs them: one row each, the contract checked.
    const run = (client: PgClient, file: string) => runRuleFile((sql) => client.query(sql), file);

    it('are ours: ledger at naming, no ineligible named, the cap at every level, each opening with its description', () => {
      expect(files).toEqual(['20-ledger-at-naming.sql', '21-no-ineligible-named.sql', '22-cap-at-every-level.sql']);
      for (const f of files) expect(readFileSync(path.join(RULES, f), 'utf8')).toMatch(/^-- \S/);
    });

    it('count no violation in the simulated year, run alone or by the check script', async () => {
      const client = new PgClient({ connectionString: url });
      await client.connect();
      try {
        for (const f of files) {
          const r = await run(client, f);
          expect({ f, violations: r.violations }).toEqual({ f, violations: 0 });
          expect(r.checked).toBeGreaterThan(0);
          expect(r.description).toBeTruthy();
        }
        // The check script runs them with the other helpers' rules, each answering for its own (see taian-check.spec.ts).
        const all = await runRuleFiles((sql) => client.query(sql));
        expect(all.filter((r) => files.includes(r.file)).map((r) => [r.file, r.violations])).toEqual(files.map((f) => [f, 0]));
      } finally {
        await client.end();
      }
    });

    it('count each deliberately broken row (so they can fail)', async () => {
      const client = new PgClient({ connectionString: url });
      await client.connect();
      const broken = async (file: string, breakIt: string) => {
        await client.query('BEGIN');
        try {
          await client.query(breakIt, [campaignId]);
          return (await run(client, file)).violations;
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
