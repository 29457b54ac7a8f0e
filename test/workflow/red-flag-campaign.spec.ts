import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Client as PgClient } from 'pg';
import { runTaianSimulation } from '../../apps/simulate/src/taian-simulation';
import type { SimulationSummary } from '../../apps/simulate/src/summary';
import { campaignWorkflowId, cityManagedWorkflowId, grassrootsWorkflowId } from '../../libs/contracts/src';
import { createDataSource, runMigrations, verifyAuditChain } from '../../libs/persistence/src';
import { readInfra } from '../support/infra';

/**
 * redFlagCampaign: a whole Tai'an year on the time-skipping server with the real
 * worker, PostgreSQL and API, driven by the simulation's scripted actors. The
 * figures are read back from the database, so a rule the engine let slip fails here.
 */
describe('redFlagCampaign over a simulated year', () => {
  const { adminUrl, timeSkippingServer } = readInfra();
  const name = `pennant_test_sim_${Date.now().toString(36)}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  let summary: SimulationSummary;
  let opinions: Array<{ step: string; n: number }> = [];
  let auditOk = false;

  beforeAll(async () => {
    const admin = new PgClient({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    await runMigrations(url);
    summary = await runTaianSimulation({
      branches: 80,
      seed: 7,
      databaseUrl: url,
      timeSkippingServer,
      onFinished: async ({ client, campaignId }) => {
        if (process.env.RECORD_HISTORIES !== '1') return;
        const ds = createDataSource({ url });
        await ds.initialize();
        const [gr] = await ds.query(`SELECT grassroots_committee_id AS id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' AND grassroots_committee_id IS NOT NULL LIMIT 1`, [campaignId]);
        const [cm] = await ds.query(`SELECT city_managed_committee_id AS id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' LIMIT 1`, [campaignId]);
        await ds.destroy();
        const dir = path.resolve(__dirname, '../replay/histories');
        mkdirSync(dir, { recursive: true });
        for (const [file, id] of [
          ['redFlagCampaign.year.json', campaignWorkflowId(campaignId)],
          ['grassrootsRecommendation.year.json', grassrootsWorkflowId(campaignId, gr.id)],
          ['cityManagedSelection.year.json', cityManagedWorkflowId(campaignId, cm.id)],
        ] as const) {
          writeFileSync(path.join(dir, file), historyToJSON(await client.workflow.getHandle(id).fetchHistory()));
        }
      },
    });
    const ds = createDataSource({ url });
    await ds.initialize();
    opinions = await ds.query(
      `SELECT s.step, count(*)::int AS n FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id WHERE n.campaign_status = 'named' GROUP BY s.step ORDER BY s.step`,
    );
    auditOk = (await verifyAuditChain(ds)).firstBroken === undefined;
    await ds.destroy();
  }, 600_000);

  afterAll(async () => {
    const admin = new PgClient({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('names exactly the quota, none vetoed and none with an upheld objection, under 1:2 and the 10% cap (records history)', () => {
    expect(summary.named).toBe(summary.quota);
    expect(summary.namedVetoed).toBe(0);
    expect(summary.namedWithUpheldObjection).toBe(0);
    expect(summary.ratioRespected).toBe(true);
    expect(summary.capRespected).toBe(true);
    expect(summary.recommended.cityManaged).toBe(2 * summary.quota);
  });

  it('exercises a veto, an upheld objection, late work escalated and an administrator extension', () => {
    expect(summary).toMatchObject({ process: 'taian', branches: 80, seed: 7 });
    expect(summary.vetoed).toBeGreaterThanOrEqual(1);
    expect(summary.objections.upheld).toBeGreaterThanOrEqual(1);
    expect(summary.deadlines.missed).toBeGreaterThanOrEqual(1);
    expect(summary.extensions).toBeGreaterThanOrEqual(1);
    expect(summary.lateApplicationsRefused).toBe(3);
  });

  it("every named branch's form carries the opinion of every level, and the audit chain holds", () => {
    const named = summary.named;
    expect(opinions).toEqual(
      expect.arrayContaining([
        { step: 'grassroots_opinion', n: named },
        { step: 'city_managed_opinion', n: named },
        { step: 'org_department_opinion', n: named },
        { step: 'city_committee_opinion', n: named },
        { step: 'submission', n: named },
      ]),
    );
    expect(auditOk).toBe(true);
  });
});
