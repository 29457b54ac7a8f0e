import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { type ZiboSimulationSummary, runZiboSimulation } from '../../../apps/simulate/src/zibo/simulation';
import { campaignWorkflowId } from '../../../libs/contracts/src';
import { auditPublicKeys, createDataSource, verifyAuditChain } from '../../../libs/persistence/src';
import { ziboBranchWorkflowId } from '../../../libs/processes/src/zibo';
import { simulatedYearDatabase } from '../../support/simulated-year';

/**
 * A year of Zibo's hard-branch building (PROCESSES.md §4) on the
 * time-skipping server with the real worker, PostgreSQL and API, every role
 * acting over HTTP from its inbox (the simulation's scripted actors, 12
 * branches of one bureau): plans filed and acknowledged (one returned), the
 * evaluation, a project per branch (one returned at approval, one rejected and
 * so flagged at the date, one failing acceptance), the duty reports and both
 * ratings, the counted duties, and the year-end pick of hard branches on notice.
 */
describe('ziboYear over a simulated year', () => {
  let summary: ZiboSimulationSummary;
  let auditOk = false;
  let selectionForms: Array<{ atLeast?: number; exact: boolean; rules: { places: number } }> = [];
  const year = simulatedYearDatabase('zibo');

  beforeAll(async () => {
    await year.create();
    summary = await runZiboSimulation({
      branches: 12,
      seed: 1,
      ...year.simulation,
      onFinished: async ({ client, campaignId, script }) => {
        if (process.env.RECORD_HISTORIES !== '1') return;
        const dir = path.resolve(__dirname, '../../replay/histories');
        mkdirSync(dir, { recursive: true });
        for (const [file, id] of [
          ['ziboYear.one-year.json', campaignWorkflowId(campaignId)],
          ['ziboBranchYear.returned-then-approved.json', ziboBranchWorkflowId(campaignId, script.returned)],
          ['ziboBranchYear.failed-acceptance.json', ziboBranchWorkflowId(campaignId, script.failing)],
        ] as const) {
          writeFileSync(path.join(dir, file), historyToJSON(await client.workflow.getHandle(id).fetchHistory()));
        }
      },
    });
    const ds = createDataSource({ url: year.url });
    await ds.initialize();
    const audit = await verifyAuditChain(ds, { rowKeys: auditPublicKeys([year.auditKeys.rowPublicKey]) });
    auditOk = audit.firstBroken === undefined && audit.signaturesChecked === audit.rows - 1;
    selectionForms = (await ds.query(`SELECT form FROM tasks WHERE kind = 'zibo_hard_branch_selection' ORDER BY created_at`)).map((r: { form: (typeof selectionForms)[number] }) => r.form);
    await ds.destroy();
  }, 900_000);

  afterAll(() => year.drop());

  it('takes every branch through a project or flags it: one returned at approval, one rejected and flagged, one failing acceptance (records history)', () => {
    const p = summary.projects;
    expect(summary).toMatchObject({ process: 'zibo', branches: 12, seed: 1 });
    expect(p).toMatchObject({ proposals: 12, committeeScreened: 12, membersScreened: 12, submitted: 13, returned: 1, rejected: 1, approved: 11, failed: 1, accepted: 10 });
    expect(summary.flagged).toBe(1);
    expect(summary.branchesWithProject).toBe(11);
    expect(summary.everyBranchWithProjectOrFlagged).toBe(true);
  });

  it('names one or two hard branches, picked differentially on the bureau’s scores and kept through the notice', () => {
    expect(summary.hardBranches.length).toBeGreaterThanOrEqual(1);
    expect(summary.hardBranches.length).toBeLessThanOrEqual(2);
    // The bureau may not pick none: the form asks for at least one (refused with 422 otherwise, by the selection form's rules).
    expect(selectionForms[0]).toMatchObject({ exact: false, atLeast: 1, rules: { places: 2 } });
  });

  it('files every plan (one returned), every standard, both assessments, the gaps, the duty reports and both ratings', () => {
    expect(summary.plans).toEqual({ filed: 13, returned: 1, acknowledged: 12 });
    expect(summary.evaluation).toEqual({ standards: 12, selfAssessed: 12, bureauAssessed: 12, benchmarked: 12 });
    expect(summary.dutyReports).toMatchObject({ reported: 12, rated: 12 });
    expect(Object.values(summary.dutyReports.ratings).reduce((a, b) => a + b, 0)).toBe(24);
  });

  it('counts the counted duties against their minimum: on time, late, missed, and records past the maximum flagged', () => {
    const o = summary.obligations;
    // 56 occurrences a branch-year: 4 quarterly, 4 × 12 monthly, 4 yearly.
    expect(o.due).toBe(12 * 56);
    expect(o.onTime + o.late + o.missed).toBe(o.due);
    expect(o.late).toBeGreaterThan(0);
    expect(o.missed).toBeGreaterThan(0);
    expect(o.records).toBeGreaterThan(o.onTime + o.late);
  });

  it('keeps an audit trail that verifies, every row signed', () => {
    expect(auditOk).toBe(true);
  });
});
