import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import ExcelJS from 'exceljs';
import { type HefeiSimulationSummary, runHefeiSimulation } from '../../../apps/simulate/src/hefei/simulation';
import type { ApiBody } from '../../../apps/simulate/src/stack';
import { campaignWorkflowId } from '../../../libs/contracts/src';
import { auditPublicKeys, createDataSource, verifyAuditChain } from '../../../libs/persistence/src';
import { hefeiCommitteeWorkflowId, hefeiRectificationWorkflowId } from '../../../libs/processes/src/hefei';
import { simulatedYearDatabase } from '../../support/simulated-year';

/**
 * Hefei's year (PROCESSES.md §2) on the time-skipping server with the real
 * worker, PostgreSQL and API, every role acting over HTTP through its inbox
 * (the simulation's scripted actors, 40 branches in two committees): a
 * standard filed and returned once, quarterly self-inspections (one late, one
 * missed), the bureau committee's special inspections and their
 * rectifications (one returned), self-assessment, application (one returned),
 * acceptance, grading with an A over the cap refused in Chinese, the August
 * report (one late), second gradings after rectification. The figures are
 * read back from the database, and the dashboard and spreadsheets over HTTP.
 */
describe('hefeiCampaign over a simulated year', () => {
  const year = simulatedYearDatabase('hefei');
  const { url, auditKeys } = year;
  let summary: HefeiSimulationSummary;
  const seen: Record<string, { status: number; body: ApiBody | null }> = {};
  const downloads: Record<string, { status: number; type: string; bytes: Buffer }> = {};
  let auditOk = false;
  let groupTasks = 0;

  beforeAll(async () => {
    await year.create();
    summary = await runHefeiSimulation({
      ...year.simulation,
      branches: 40,
      seed: 3,
      onFinished: async ({ client, campaignId, api, tokenFor }) => {
        const ds = createDataSource({ url });
        await ds.initialize();
        const org = async (code: string) => ((await ds.query(`SELECT id FROM organisations WHERE code = $1`, [code])) as Array<{ id: string }>)[0]!.id;
        const [c1, c2] = (await ds.query(`SELECT id, code FROM organisations WHERE level = 'grassroots_committee' AND code LIKE 'hf-%' ORDER BY code`)) as Array<{ id: string; code: string }>;
        const zzb = await org('hf-zzb');
        seen.departmentDashboard = await api.call('GET', `/campaigns/${campaignId}/dashboard`, await tokenFor(zzb, 'department_head'));
        seen.committeeDashboard = await api.call('GET', `/campaigns/${campaignId}/dashboard`, await tokenFor(c1!.id, 'reviewer'));
        seen.otherCommittee = await api.call('GET', `/campaigns/${campaignId}/dashboard?organisationId=${c2!.id}`, await tokenFor(c1!.id, 'reviewer'));
        const branch = ((await ds.query(`SELECT id FROM organisations WHERE code LIKE $1 AND level = 'branch' ORDER BY code LIMIT 1`, [`${c1!.code}-%`])) as Array<{ id: string }>)[0]!.id;
        seen.branchDashboard = await api.call('GET', `/campaigns/${campaignId}/dashboard`, await tokenFor(branch, 'submitter'));
        downloads.gradingTable = await api.download(`/campaigns/${campaignId}/grading-table.xlsx`, await tokenFor(zzb, 'department_head'));
        downloads.rectificationLedger = await api.download(`/campaigns/${campaignId}/rectification-ledger.xlsx`, await tokenFor(c1!.id, 'reviewer'));
        groupTasks = Number((await ds.query(`SELECT count(DISTINCT group_id)::int AS n FROM tasks WHERE campaign_id = $1 AND kind = 'hefei_standard_review' AND group_id IN (SELECT group_id FROM tasks GROUP BY group_id HAVING count(*) > 1)`, [campaignId]))[0].n);
        if (process.env.RECORD_HISTORIES !== '1') return ds.destroy();
        const [returned] = await ds.query(
          `SELECT r.id FROM hefei_rectifications r WHERE r.campaign_id = $1 AND EXISTS (SELECT 1 FROM hefei_rectification_steps s WHERE s.rectification_id = r.id AND s.action = 'returned') LIMIT 1`,
          [campaignId],
        );
        await ds.destroy();
        const dir = path.resolve(__dirname, '../../replay/histories');
        mkdirSync(dir, { recursive: true });
        for (const [file, id] of [
          ['hefeiCampaign.year.json', campaignWorkflowId(campaignId)],
          ['hefeiCommitteeYear.year.json', hefeiCommitteeWorkflowId(campaignId, c1!.id)],
          ['hefeiRectification.returned-accepted.json', hefeiRectificationWorkflowId(returned.id)],
        ] as const) {
          writeFileSync(path.join(dir, file), historyToJSON(await client.workflow.getHandle(id).fetchHistory()));
        }
      },
    });
    const ds = createDataSource({ url });
    await ds.initialize();
    const audit = await verifyAuditChain(ds, { rowKeys: auditPublicKeys([auditKeys.rowPublicKey]) });
    auditOk = audit.firstBroken === undefined && audit.signaturesChecked === audit.rows - 1;
    await ds.destroy();
  }, 600_000);

  afterAll(async () => {
    await year.drop();
  });

  it('runs the year: standards filed (one returned first), every self-inspection counted, inspections and their rectifications (records history)', () => {
    expect(summary).toMatchObject({ process: 'hefei', branches: 40, standardsFiled: 2, standardsReturned: 1, inspections: 4 });
    expect(summary.selfInspections).toMatchObject({ late: 1, missed: 1 });
    expect(summary.selfInspections.onTime + summary.selfInspections.late + summary.selfInspections.missed).toBe(summary.selfInspections.due);
    expect(summary.problems.returned).toBeGreaterThanOrEqual(1);
    expect(summary.problems.open).toBe(0);
    expect(groupTasks).toBeGreaterThanOrEqual(2);
  });

  it('grades every branch under the A cap, refusing an A over it with the rule named in Chinese; those below standard rectify and are graded again', () => {
    expect(summary.aCapRespected).toBe(true);
    expect(summary.refusals.aGradeCap).toMatch(/A级比例上限规则：首次定级“A”的党支部数不超过总数的10%。.+A级至多2个/);
    expect(summary.everyBranchGradedOrRectifying).toBe(true);
    expect(summary.graded.A + summary.graded.B + summary.graded.C + summary.graded.D).toBe(40);
    expect(summary.reapplied).toBeGreaterThanOrEqual(1);
  });

  it('counts the August report of one committee late, the other on time', () => {
    expect(summary.reports).toEqual({ onTime: 1, late: 1 });
  });

  it('keeps an audit trail that verifies, every row signed', () => {
    expect(auditOk).toBe(true);
  });

  it('shows the dashboard to the department and each committee for its own subtree only, not to a branch', () => {
    expect(seen.departmentDashboard!.status).toBe(200);
    const body = seen.departmentDashboard!.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['stages', 'self_inspections', 'rectifications', 'grades', 'reports', 'standards']));
    expect(seen.committeeDashboard!.status).toBe(200);
    expect(seen.otherCommittee!.status).toBe(404);
    expect(seen.branchDashboard!.status).toBe(403);
  });

  it('serves the grading table and the rectification ledger as spreadsheets', async () => {
    for (const d of [downloads.gradingTable!, downloads.rectificationLedger!]) {
      expect(d.status).toBe(200);
      expect(d.type).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(d.bytes as unknown as ArrayBuffer);
      expect(book.worksheets.length).toBeGreaterThan(0);
      expect(book.worksheets[0]!.rowCount).toBeGreaterThan(2);
    }
  });
});
