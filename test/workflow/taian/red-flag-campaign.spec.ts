import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import ExcelJS from 'exceljs';
import { Client as PgClient } from 'pg';
import { runTaianSimulation } from '../../../apps/simulate/src/taian/simulation';
import type { SimulationSummary } from '../../../apps/simulate/src/summary';
import type { ApiBody } from '../../../apps/simulate/src/taian/simulation';
import { campaignWorkflowId } from '../../../libs/contracts/src';
import type { SelectionCandidate } from '../../../libs/domain/src';
import { auditPublicKeys, createDataSource, verifyAuditChain } from '../../../libs/persistence/src';
import { RULES_DIR, type RuleResult, runRuleFile, runRuleFiles } from '../../../tools/taian-check/rules';
import { simulatedYearDatabase } from '../../support/simulated-year';
import { cityManagedWorkflowId, dynamicManagementWorkflowId, grassrootsWorkflowId } from '../../../libs/processes/src/taian';

const run = promisify(execFile);

/**
 * One simulated Tai'an year (80 branches, seed 11) on the time-skipping server
 * with the real worker, PostgreSQL and API, driven by the simulation's scripted
 * actors, run once and read three ways: the campaign as its readers see it (the
 * figures read back from the database and over HTTP, so a rule the engine let
 * slip fails here), `npm run taian:check`'s rules, and seed 001's ledger,
 * eligibility and cap rules. The year itself is only read: the readers'
 * requests at its end are refusals and reads that write nothing the rules count
 * (asserted below), and rows are broken on purpose either in a transaction
 * rolled back or in a copy of the database, so every check can fail and none
 * sees another's broken rows.
 */
interface PlanRow {
  org: string;
  rows: Array<Record<string, unknown>>;
}
interface CommitteeRow {
  id: string;
  county: boolean;
  branches: string[];
  named: number;
}
interface SelectionRow {
  id: string;
  priority: boolean | null;
  honours: Array<{ level: string; year: number }>;
}

describe("redFlagCampaign over one simulated Tai'an year (80 branches, seed 11)", () => {
  const year = simulatedYearDatabase('taian_year');
  const { url, auditKeys } = year;
  let summary: SimulationSummary;
  /** A copy of the finished year, for the rows the check script must see broken (it reads only what is committed). */
  let copy: { url: string; drop(): Promise<void> } | undefined;
  let db: PgClient;
  let campaignId = '';
  let opinions: Array<{ step: string; n: number }> = [];
  let auditOk = false;
  const seen: Record<string, { status: number; body: ApiBody | null }> = {};
  let pickForms: Array<{ kind: string; candidates: SelectionCandidate[] }> = [];
  /** What every rule file counts, before and after the readers' requests at the end of the year. */
  const counted: { beforeReaders: RuleResult[]; afterReaders: RuleResult[] } = { beforeReaders: [], afterReaders: [] };
  const downloads: Record<string, { status: number; type: string; bytes: Buffer }> = {};
  let cm1Branches = 0;
  let cm1NamedCount = 0;
  let campaignYear = 0;
  let askedKinds: string[] = [];
  let gapKinds: string[] = [];
  let plans: { cultivation: PlanRow[]; mentoring: PlanRow[]; committees: CommitteeRow[]; selections: SelectionRow[] } = { cultivation: [], mentoring: [], committees: [], selections: [] };
  let pickNotes: string[] = [];
  let cityPool: Array<{ score: number; notes?: string[] }> = [];
  let struck: Array<{ campaign_reason: string; opinions: number }> = [];
  let refillNotices = 0;
  let withdrawals: Array<{ campaign_reason: string; audited: number }> = [];
  let cityManagedCount = 0;
  let ownLists: Array<{ own: number; reported: number; reported_in_own: number; audited: number }> = [];

  beforeAll(async () => {
    await year.create();
    summary = await runTaianSimulation({
      ...year.simulation,
      branches: 80,
      seed: 11,
      onFinished: async ({ client, campaignId: id, api, tokenFor }) => {
        campaignId = id;
        const ds = createDataSource({ url });
        await ds.initialize();
        try {
          // What the rules count, before any request of the readers below (reads, and refusals that must write nothing they count).
          counted.beforeReaders = await runRuleFiles((sql) => ds.query(sql));
          const org = async (sql: string) => ((await ds.query(sql)) as Array<{ id: string }>)[0]!.id;
          const zzb = await org(`SELECT id FROM organisations WHERE code = 'taian-zzb'`);
          // What only the running API answers, for the ledger's checks: a named branch's ledger entry; and the pick forms the deciders saw.
          const [namedBranch] = await ds.query(`SELECT branch_id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' ORDER BY branch_path LIMIT 1`, [campaignId]);
          seen.namedLedger = await api.call('GET', `/ledger/${namedBranch.branch_id}`, await tokenFor(zzb, 'department_head'));
          pickForms = (
            await ds.query(`SELECT kind, form -> 'candidates' AS candidates FROM tasks WHERE campaign_id = $1 AND form ->> 'kind' = 'selection' ORDER BY created_at`, [campaignId])
          ).map((r: { kind: string; candidates: SelectionCandidate[] }) => ({ kind: r.kind, candidates: r.candidates }));
          // Over HTTP, as each reader would: the city's head, a city-managed committee's head, a branch, an administrator.
          const cm1 = await org(`SELECT id FROM organisations WHERE code = 'cm01'`);
          const cm2 = await org(`SELECT id FROM organisations WHERE code = 'cm02'`);
          const branch = await org(`SELECT id FROM organisations WHERE level = 'branch' ORDER BY path LIMIT 1`);
          const named = await org(`SELECT id FROM nominations WHERE campaign_id = '${campaignId}' AND campaign_status = 'named' LIMIT 1`);
          const head = await tokenFor(zzb, 'department_head');
          seen.cityDashboard = await api.call('GET', `/campaigns/${campaignId}/dashboard`, head);
          seen.cmDashboard = await api.call('GET', `/campaigns/${campaignId}/dashboard`, await tokenFor(cm1, 'department_head'));
          seen.otherSubtree = await api.call('GET', `/campaigns/${campaignId}/dashboard?organisationId=${cm2}`, await tokenFor(cm1, 'department_head'));
          seen.branchDashboard = await api.call('GET', `/campaigns/${campaignId}/dashboard`, await tokenFor(branch, 'submitter'));
          seen.form = await api.call('GET', `/nominations/${named}`, head);
          seen.notices = {
            status: 200,
            body: Object.fromEntries(
              await Promise.all(
                ((await ds.query(`SELECT id, scope FROM public_notices WHERE campaign_id = $1 ORDER BY published_at`, [campaignId])) as Array<{ id: string; scope: string }>).map(
                  async (n) => [n.scope, (await api.call('GET', `/public/notices/${n.id}`, null)).body] as const,
                ),
              ),
            ),
          };
          // Agencies' answers: only an agency asked may answer, and not once the consultation is over.
          const [consultation] = await ds.query(
            `SELECT c.id, c.organisation_id AS org, (SELECT t.organisation_id FROM tasks t WHERE t.subject_id = c.id AND t.kind = 'consultation_request' LIMIT 1) AS agency
               FROM consultations c JOIN organisations o ON o.id = c.organisation_id WHERE c.campaign_id = $1 AND o.code = 'cm01' LIMIT 1`,
            [campaignId],
          );
          const otherAgency = await org(`SELECT a.id FROM organisations a JOIN organisations p ON p.id = a.parent_id WHERE p.code = 'cm02' AND a.level = 'agency' LIMIT 1`);
          const answer = { answers: [{ candidateId: 'x', answer: 'no_objection', reason: '' }] };
          seen.consultationByReviewer = await api.call('POST', `/consultations/${consultation.id}/answers`, await tokenFor(consultation.org, 'reviewer'), answer);
          seen.consultationByOtherAgency = await api.call('POST', `/consultations/${consultation.id}/answers`, await tokenFor(otherAgency, 'agency_consultee'), answer);
          seen.consultationClosed = await api.call('POST', `/consultations/${consultation.id}/answers`, await tokenFor(consultation.agency, 'agency_consultee'), answer);
          seen.consultationReadByHead = await api.call('GET', `/consultations/${consultation.id}`, await tokenFor(cm1, 'department_head'));
          seen.consultationReadByOtherHead = await api.call('GET', `/consultations/${consultation.id}`, await tokenFor(cm2, 'department_head'));
          seen.auditedDecisions = {
            status: 200,
            body: (
              await ds.query(
                `SELECT (SELECT count(*)::int FROM tasks t WHERE t.campaign_id = $1 AND t.status = 'completed' AND t.kind <> 'consultation_request') AS completed,
                        (SELECT count(DISTINCT t.id)::int FROM tasks t JOIN audit_log a ON a.actor_id = t.completed_by
                            AND (a.subject_id = t.group_id::text AND a.action LIKE 'task.decide.%'
                                 -- a nomination's review (in its campaign since issue 18) is audited as the nomination's decision
                                 OR a.request_id = t.id || ':decision' AND a.action LIKE 'nomination.review.%')
                          WHERE t.campaign_id = $1 AND t.status = 'completed' AND t.kind <> 'consultation_request') AS audited`,
                [campaignId],
              )
            )[0],
          };
          // The attachments as spreadsheets, each within the reader's subtree.
          const cm1Head = await tokenFor(cm1, 'department_head');
          // Any nomination of another city-managed committee: its form is outside cm1's subtree.
          const [elsewhere] = await ds.query(`SELECT id FROM nominations WHERE campaign_id = $1 AND city_managed_committee_id <> $2 LIMIT 1`, [campaignId, cm1]);
          downloads.form = await api.download(`/nominations/${named}/form.xlsx`, head);
          downloads.ledger = await api.download(`/campaigns/${campaignId}/ledger.xlsx`, cm1Head);
          downloads.cultivation = await api.download(`/campaigns/${campaignId}/cultivation-plan.xlsx`, head);
          downloads.mentoring = await api.download(`/campaigns/${campaignId}/mentoring-plan.xlsx`, cm1Head);
          downloads.otherForm = await api.download(`/nominations/${elsewhere.id}/form.xlsx`, cm1Head);
          downloads.ledgerBySecretary = await api.download(`/campaigns/${campaignId}/ledger.xlsx`, await tokenFor(branch, 'submitter'));
          cm1Branches = Number((await ds.query(`SELECT count(*) AS n FROM organisations b JOIN organisations cm ON b.path LIKE cm.path || '%' WHERE cm.id = $1 AND b.level = 'branch'`, [cm1]))[0].n);
          cm1NamedCount = Number((await ds.query(`SELECT count(*) AS n FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' AND city_managed_committee_id = $2`, [campaignId, cm1]))[0].n);
          askedKinds = ((await ds.query(
            `SELECT DISTINCT a.agency_kind FROM tasks t JOIN organisations a ON a.id = t.organisation_id WHERE t.campaign_id = $1 AND t.kind = 'consultation_request'`,
            [campaignId],
          )) as Array<{ agency_kind: string }>).map((r) => r.agency_kind);
          gapKinds = ((await ds.query(`SELECT DISTINCT unnest(agency_kinds) AS kind FROM consultation_level_gaps WHERE campaign_id = $1`, [campaignId])) as Array<{ kind: string }>).map((r) => r.kind);
          campaignYear = Number((await ds.query(`SELECT year FROM campaigns WHERE id = $1`, [campaignId]))[0].year);
          // The plans as filed, the committees and their branches, and the priority the picks showed.
          plans = {
            cultivation: await ds.query(`SELECT p.organisation_id AS org, p.rows FROM campaign_plans p WHERE p.campaign_id = $1 AND p.kind = 'cultivation'`, [campaignId]),
            mentoring: await ds.query(`SELECT p.organisation_id AS org, p.rows FROM campaign_plans p WHERE p.campaign_id = $1 AND p.kind = 'mentoring'`, [campaignId]),
            committees: await ds.query(
              `SELECT cm.id, cm.county, array_agg(b.id::text) AS branches,
                      (SELECT count(*)::int FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status IN ('named', 'withdrawn') AND n.city_managed_committee_id = cm.id) AS named
                 FROM organisations cm JOIN organisations b ON b.level = 'branch' AND b.path LIKE cm.path || '%' WHERE cm.level = 'city_managed_committee' GROUP BY cm.id`,
              [campaignId],
            ),
            selections: await ds.query(
              `SELECT c->>'id' AS id, (c->>'priority')::boolean AS priority, n.honours FROM tasks t, jsonb_array_elements(t.form->'candidates') c JOIN nominations n ON n.id::text = c->>'id'
                WHERE t.campaign_id = $1 AND t.form->>'kind' = 'selection'`,
              [campaignId],
            ),
          };
          // What the deciders saw next to each candidate in the committees' picks.
          pickNotes = (
            (await ds.query(
              `SELECT jsonb_array_elements_text(c -> 'notes') AS note
                 FROM tasks t, jsonb_array_elements(t.form -> 'candidates') c
                WHERE t.campaign_id = $1 AND t.kind IN ('collective_decision', 'committee_selection', 'city_review') AND c ? 'notes'`,
              [campaignId],
            )) as Array<{ note: string }>
          ).map((r) => r.note);
          cityPool = ((await ds.query(`SELECT form -> 'candidates' AS c FROM tasks WHERE campaign_id = $1 AND kind = 'city_review' ORDER BY created_at LIMIT 1`, [campaignId])) as Array<{ c: typeof cityPool }>)[0]!.c;
          struck = await ds.query(
            `SELECT n.campaign_reason, (SELECT count(*)::int FROM nomination_steps s WHERE s.nomination_id = n.id AND s.step = 'city_committee_opinion') AS opinions
               FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status = 'struck'`,
            [campaignId],
          );
          refillNotices = Number((await ds.query(`SELECT count(*) AS n FROM public_notices WHERE campaign_id = $1 AND scope = 'society' AND title LIKE '%（递补）'`, [campaignId]))[0].n);
          // Per city-managed committee that reported: its own red-flag list, the recommendation drawn from it, the audit row.
          ownLists = await ds.query(
            `SELECT (SELECT count(*)::int FROM committee_red_flags r WHERE r.campaign_id = $1 AND r.organisation_id = cm.id) AS own,
                    count(n.id)::int AS reported,
                    count(r.nomination_id)::int AS reported_in_own,
                    (SELECT count(*)::int FROM audit_log a WHERE a.action = 'campaign.committee_red_flags' AND a.organisation_id = cm.id AND a.subject_id = $1::text) AS audited
               FROM organisations cm JOIN nomination_steps s ON s.organisation_name = cm.name AND s.step = 'city_managed_opinion'
               JOIN nominations n ON n.id = s.nomination_id AND n.campaign_id = $1
               LEFT JOIN committee_red_flags r ON r.nomination_id = n.id AND r.campaign_id = $1
              WHERE cm.level = 'city_managed_committee' GROUP BY cm.id`,
            [campaignId],
          );
          withdrawals = await ds.query(
            `SELECT n.campaign_reason, (SELECT count(*)::int FROM audit_log a WHERE a.action = 'campaign.title_withdrawn' AND a.subject_id = n.id::text) AS audited
               FROM nominations n WHERE n.campaign_id = $1 AND n.campaign_status = 'withdrawn'`,
            [campaignId],
          );
          cityManagedCount = Number((await ds.query(`SELECT count(*) AS n FROM organisations WHERE level = 'city_managed_committee'`))[0].n);
          seen.controlByHead = await api.call('POST', `/campaigns/${campaignId}/control`, head, { action: 'pause', reason: '测试' });
          seen.controlAfterEnd = await api.call('POST', `/campaigns/${campaignId}/control`, await tokenFor(zzb, 'administrator'), { action: 'pause', reason: '年度评选已结束后尝试暂停' });
          counted.afterReaders = await runRuleFiles((sql) => ds.query(sql));
          if (process.env.RECORD_HISTORIES !== '1') return;
          const [gr] = await ds.query(`SELECT grassroots_committee_id AS id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' AND grassroots_committee_id IS NOT NULL LIMIT 1`, [campaignId]);
          const [cm] = await ds.query(`SELECT city_managed_committee_id AS id FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named' LIMIT 1`, [campaignId]);
          const dir = path.resolve(__dirname, '../../replay/histories');
          mkdirSync(dir, { recursive: true });
          for (const [file, wid] of [
            ['redFlagCampaign.year.json', campaignWorkflowId(campaignId)],
            ['grassrootsRecommendation.year.json', grassrootsWorkflowId(campaignId, gr.id)],
            ['cityManagedSelection.year.json', cityManagedWorkflowId(campaignId, cm.id)],
            ['redFlagDynamicManagement.year.json', dynamicManagementWorkflowId(campaignId)],
          ] as const) {
            writeFileSync(path.join(dir, file), historyToJSON(await client.workflow.getHandle(wid).fetchHistory()));
          }
        } finally {
          await ds.destroy();
        }
      },
    });
    const ds = createDataSource({ url });
    await ds.initialize();
    opinions = await ds.query(
      `SELECT s.step, count(*)::int AS n FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id WHERE n.campaign_status IN ('named', 'withdrawn') GROUP BY s.step ORDER BY s.step`,
    );
    // Every row of the year linked, and signed by the worker or the API.
    const audit = await verifyAuditChain(ds, { rowKeys: auditPublicKeys([auditKeys.rowPublicKey]) });
    auditOk = audit.firstBroken === undefined && audit.signaturesChecked === audit.rows - 1;
    await ds.destroy();
    // Copied while nobody is connected to the year (the simulation's stack has stopped, the reads above are done).
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
   * The campaign over the year: the quota named under the rules, each reader's
   * view within their subtree, the consultations, the plans and the documents.
   */
  describe('the campaign', () => {
    it('names exactly the quota, none vetoed and none with an upheld objection, under 1:2 and the 10% cap (records history)', () => {
      expect(summary.named).toBe(summary.quota);
      expect(summary.namedVetoed).toBe(0);
      expect(summary.namedWithUpheldObjection).toBe(0);
      expect(summary.ratioRespected).toBe(true);
      expect(summary.capRespected).toBe(true);
      expect(summary.recommended.cityManaged).toBe(2 * summary.quota);
    });

    it('exercises a veto, an upheld objection, late work escalated and an administrator extension', () => {
      expect(summary).toMatchObject({ process: 'taian', branches: 80, seed: 11 });
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

    it("shows the campaign to each reader within their subtree: the city's head sees every stage and the named list, a committee's head its own", () => {
      expect(seen.cityDashboard!.status).toBe(200);
      const city = seen.cityDashboard!.body as unknown as { stages: Array<{ status: string }>; candidates: { byStatus: Record<string, number>; items: Array<{ cityManagedCommittee: string }> }; vetoes: unknown[]; objections: Array<{ status: string }> };
      expect(city.stages.map((s) => s.status).every((s) => s === 'completed' || s === 'overdue')).toBe(true);
      // One title was withdrawn in the year after naming.
      expect(city.candidates.byStatus.named).toBe(summary.quota - 1);
      expect(city.candidates.byStatus.withdrawn).toBe(1);
      expect(city.vetoes.length).toBeGreaterThanOrEqual(1);
      const ledger = (city as unknown as { ledger: { branches: number; byGrade: Record<string, number> } }).ledger;
      expect(ledger.branches).toBe(80);
      expect(ledger.byGrade.advanced).toBeLessThanOrEqual(8);
      expect(city.objections.some((o) => o.status === 'upheld')).toBe(true);
      expect(seen.cmDashboard).toMatchObject({ status: 200 });
      const cm = seen.cmDashboard!.body as unknown as typeof city;
      expect(cm.candidates.items.length).toBeGreaterThan(0);
      expect(cm.candidates.items.length).toBeLessThan(city.candidates.items.length);
      expect(new Set(cm.candidates.items.map((c) => c.cityManagedCommittee)).size).toBe(1);
      expect(seen.otherSubtree!.status).toBe(404);
      expect(seen.branchDashboard!.status).toBe(403);
      expect(String(seen.branchDashboard!.body!.message)).toMatch(/[\u4e00-\u9fa5]/);
    });

    it("a named branch's form over HTTP carries the four levels' opinions, signed; both kinds of notice closed", () => {
      const steps = (seen.form!.body as unknown as { steps: Array<{ step: string; opinion: string; actorName: string }> }).steps;
      for (const step of ['grassroots_opinion', 'city_managed_opinion', 'org_department_opinion', 'city_committee_opinion']) {
        const s = steps.find((x) => x.step === step);
        expect(s?.opinion).toBeTruthy();
        expect(s?.actorName).toBeTruthy();
      }
      const notices = seen.notices!.body as Record<string, { status: string }>;
      expect(notices.unit?.status).toBe('closed');
      expect(notices.society?.status).toBe('closed');
    });

    it('only the organisation department administrator steers a campaign, and not after it ended', () => {
      expect(seen.controlByHead!.status).toBe(403);
      expect(seen.controlAfterEnd!.status).toBe(409);
      expect(String(seen.controlAfterEnd!.body!.message)).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('agencies: only one asked may answer, never after the close; answers are read within the subtree; every decision is in the audit trail', () => {
      expect(seen.consultationByReviewer!.status).toBe(403);
      expect(seen.consultationByOtherAgency!.status).toBe(404);
      expect(seen.consultationClosed!.status).toBe(409);
      expect(seen.consultationReadByHead!.status).toBe(200);
      expect(seen.consultationReadByOtherHead!.status).toBe(404);
      const audited = seen.auditedDecisions!.body as unknown as { completed: number; audited: number };
      expect(audited.completed).toBeGreaterThan(0);
      expect(audited.audited).toBe(audited.completed);
    });

    it('refuses an application before the window opens in the first quarter, naming the opening day', () => {
      expect(summary.refusals.earlyApplication).toMatch(/自\d{4}年1月1日起受理/);
    });

    it("consults by the year's list with today's names: 市场监管 and 应急管理 are asked, the merged 工商 and 安监 are neither asked nor missed", () => {
      expect(askedKinds).toEqual(expect.arrayContaining(['market_regulation', 'emergency_management', 'natural_resources', 'audit']));
      for (const old of ['industry_commerce', 'work_safety', 'land']) {
        expect(askedKinds).not.toContain(old);
        expect(gapKinds).not.toContain(old);
      }
    });

    it('gives priority only for a provincial honour of recent years (近年来: the last three)', () => {
      const recent = (h: SelectionRow['honours']) => h.some((x) => (x.level === 'provincial' || x.level === 'national') && x.year >= campaignYear - 3);
      expect(plans.selections.length).toBeGreaterThan(0);
      for (const c of plans.selections) expect(!!c.priority).toBe(recent(c.honours));
      // The simulation gives some branches only an old provincial honour: they are there, and not first in line.
      expect(plans.selections.some((c) => !recent(c.honours) && c.honours.some((h) => h.level === 'provincial'))).toBe(true);
    });

    it("asks every city-managed committee for its cultivation plan, a county's with min(50, its branches) a year, of its own branches with contacts", () => {
      const years = [campaignYear, campaignYear + 1, campaignYear + 2];
      expect(plans.cultivation.map((p) => p.org).sort()).toEqual(plans.committees.map((c) => c.id).sort());
      for (const c of plans.committees) {
        const rows = plans.cultivation.find((p) => p.org === c.id)!.rows;
        const least = c.county ? Math.min(50, c.branches.length) : 1;
        for (const y of years) {
          const ofYear = rows.filter((r) => r.year === y);
          expect(ofYear.length).toBeGreaterThanOrEqual(least);
          expect(new Set(ofYear.map((r) => r.branchId)).size).toBe(ofYear.length);
        }
        for (const r of rows) {
          expect(c.branches).toContain(r.branchId);
          expect(r).toMatchObject({ contact: expect.any(String), contactTitle: expect.any(String), phone: expect.stringMatching(/^[0-9+\-() ]{7,20}$/), branchName: expect.any(String) });
        }
      }
    });

    it('has each named branch mentor about five real branches of its committee (4 to 6), none itself, none twice', () => {
      const withNamed = plans.committees.filter((c) => c.named > 0);
      expect(plans.mentoring.map((p) => p.org).sort()).toEqual(withNamed.map((c) => c.id).sort());
      for (const c of withNamed) {
        const rows = plans.mentoring.find((p) => p.org === c.id)!.rows;
        const ids = rows.map((r) => r.menteeId as string);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(c.branches).toContain(id);
        const perMentor = new Map<string, number>();
        for (const r of rows) perMentor.set(r.mentorId as string, (perMentor.get(r.mentorId as string) ?? 0) + 1);
        expect(perMentor.size).toBe(c.named);
        for (const n of perMentor.values()) {
          expect(n).toBeGreaterThanOrEqual(4);
          expect(n).toBeLessThanOrEqual(6);
        }
      }
    });

    it('consults the agencies of every level that meets on a list, and never reads a missing answer as consent', () => {
      // Grassroots committees, city-managed committees and the city level (held by its organisation department).
      expect(Object.keys(summary.consultedLevels).sort()).toEqual(['city_managed_committee', 'grassroots_committee', 'org_department']);
      expect(summary.consultedLevels.grassroots_committee).toBeGreaterThanOrEqual(1);
      // Organ committees lack a police or petitions office: the gap is on the record, not skipped.
      expect(summary.levelsWithoutAgency).toBeGreaterThanOrEqual(1);
      expect(summary.unansweredConsultations.total).toBeGreaterThanOrEqual(1);
      expect(summary.unansweredConsultations.readAsConsent).toBe(0);
      expect(summary.unansweredConsultations.proceededWithReason).toBe(summary.unansweredConsultations.total);
      // The dashboard shows each gap with the committee's reason, and each level lacking an agency.
      const gaps = (seen.cityDashboard!.body as unknown as { consultationGaps: { unanswered: Array<{ gapOpinion: string | null }>; levelsWithoutAgency: Array<{ agencyKinds: string[] }> } }).consultationGaps;
      expect(gaps.unanswered).toHaveLength(summary.unansweredConsultations.total);
      expect(gaps.unanswered.every((g) => !!g.gapOpinion)).toBe(true);
      expect(gaps.levelsWithoutAgency.length).toBeGreaterThanOrEqual(1);
      expect(gaps.levelsWithoutAgency[0]!.agencyKinds.join('')).toMatch(/[\u4e00-\u9fa5]/);
      // Objections short of a veto reach the deciders next to the candidate.
      expect(pickNotes.some((n) => n.startsWith('有异议'))).toBe(true);
    });

    it("carries each candidate's evaluation and inspection up to the city's review", () => {
      expect(cityPool.length).toBeGreaterThan(0);
      // Every candidate before the city has the grassroots vote's score and the inspection's record beside it.
      expect(cityPool.every((c) => c.score > 0)).toBe(true);
      expect(cityPool.every((c) => c.notes?.some((n) => /^考察（2027-\d{2}-\d{2}，.+）：.+满意率/.test(n)))).toBe(true);
    });

    it('lets the city committee strike a branch with its reason; the department refills the place on a new notice, and the amended list is approved', () => {
      expect(struck).toEqual([{ campaign_reason: expect.stringMatching(/^市委审批剔除：.+/), opinions: 0 }]);
      expect(refillNotices).toBe(1);
      expect(summary.named).toBe(summary.quota);
    });

    it("has each city-managed committee name its own red-flag branches first, and draw its recommendation from them", () => {
      expect(ownLists.length).toBeGreaterThan(0);
      for (const l of ownLists) {
        expect(l.reported_in_own).toBe(l.reported);
        expect(l.own).toBeGreaterThan(l.reported);
        expect(l.audited).toBe(1);
      }
    });

    it('runs the year after naming: observation meetings each half-year, spot checks, a title withdrawn with its reason', () => {
      expect(summary.dynamicManagement).toEqual({ meetings: 2 * cityManagedCount, spotChecks: 4, withdrawn: 1 });
      expect(withdrawals).toEqual([{ campaign_reason: '取消红旗党支部称号：党支部班子成员违纪受处分，造成不良影响', audited: 1 }]);
    });

    it('refuses a late application, a pick breaking 1:2 and another committee acting on the task, in Chinese', () => {
      expect(summary.refusals.lateApplication).toContain('截止');
      expect(summary.refusals.badPick).toContain('名额规则');
      expect(summary.refusals.intruder).toContain('不存在或您无权查看');
    });

    it('downloads the form (附件3) with every opinion, the ledger (附件1) and both plans (附件2, 附件4) as spreadsheets, within the subtree', async () => {
      const sheet = async (d: { bytes: Buffer }) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(d.bytes as unknown as ArrayBuffer);
        return wb.worksheets[0]!;
      };
      expect(downloads.form).toMatchObject({ status: 200, type: expect.stringContaining('spreadsheetml') });
      const form = await sheet(downloads.form!);
      for (const row of [11, 12, 13, 14]) expect(String(form.getCell(row, 2).value)).toMatch(/年\d+月\d+日/);
      // The candidate's evaluation and inspection, as recorded on the way up.
      expect(String(form.getCell(10, 2).value)).toMatch(/党员群众测评得分\d+（\d+人参加）/);
      expect(String(form.getCell(10, 2).value)).toMatch(/考察时间：2027年\d+月\d+日/);
      const ledgerSheet = await sheet(downloads.ledger!);
      expect(ledgerSheet.rowCount - 4).toBe(cm1Branches);
      expect(['先进', '中间', '后进', '软弱涣散']).toContain(String(ledgerSheet.getCell(5, 4).value));
      const mentoring = await sheet(downloads.mentoring!);
      expect(mentoring.rowCount - 3).toBeGreaterThanOrEqual(cm1NamedCount);
      expect(String(mentoring.getCell(3, 1).value)).toBe('红旗党支部名称');
      const cultivation = await sheet(downloads.cultivation!);
      expect(cultivation.rowCount).toBeGreaterThan(3);
      expect(downloads.otherForm!.status).toBe(404);
      expect(downloads.ledgerBySecretary!.status).toBe(403);
    });
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

    it("the readers' requests at the year's end (dashboards, forms, notices, downloads, answers and controls refused) change nothing any rule counts", () => {
      // The checks here read the year after those requests: had one written a row a rule counts, its violations or items checked would differ.
      expect(counted.beforeReaders.length).toBeGreaterThanOrEqual(RULES.length + 3);
      expect(counted.afterReaders).toEqual(counted.beforeReaders);
      expect(counted.beforeReaders.every((r) => r.violations === 0)).toBe(true);
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
