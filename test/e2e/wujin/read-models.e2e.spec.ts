import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { branchCompliance } from '../../../libs/persistence/src';
import { WUJIN_OBLIGATIONS, WUJIN_PHASE_TARGET_LABELS } from '../../../libs/processes/src/wujin';
import { type TestSystem, useSystem } from '../../support/system';
import { type WujinYear, YEAR, writeWujinYear } from './wujin-rows';

const CHINESE = /[\u4e00-\u9fa5]/;
const DISTRICT = 'wj-zzb.reviewer'; // the organisation department: the whole district
const HT = 'wj-ht.reviewer'; // 湖塘镇's committee
const NXS = 'wj-nxs.reviewer'; // 南夏墅街道's committee
const MEMBER = 'wj-ht.member'; // a committee member of 湖塘镇: reads its branches, not its documents
const SECRETARY = 'wj-ht-c2.secretary'; // 城南村
const HEFEI = 'hf-zzb.reviewer'; // another tree
const NOTE = '“活动开展有序”规定分值30分，各条目分值合计32分；按印发的条目分值计分。';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const asBytes = (t: request.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

async function workbook(bytes: Buffer): Promise<ExcelJS.Worksheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets;
}
const text = (ws: ExcelJS.Worksheet, row: number, col: number) => String(ws.getCell(row, col).value ?? '');
const rowValues = (ws: ExcelJS.Worksheet, row: number, cols: number) => Array.from({ length: cols }, (_, i) => text(ws, row, i + 1));
/** Every row of the sheet from the header (row 3) on. */
const allRows = (ws: ExcelJS.Worksheet, cols: number) => Array.from({ length: ws.rowCount - 3 }, (_, i) => rowValues(ws, i + 4, cols));
/** The numbered data rows under the header. */
function dataRows(ws: ExcelJS.Worksheet, cols: number): string[][] {
  const rows: string[][] = [];
  for (let r = 4; /^\d+$/.test(text(ws, r, 1)); r++) rows.push(rowValues(ws, r, cols));
  return rows;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked against the OpenAPI document by the harness
const byKey = (items: any[], key: string): Record<string, any> => Object.fromEntries(items.map((i) => [String(i[key]), i]));

/**
 * Everything that reads Wujin's plan over HTTP, on rows written as its
 * workflows write them: the dashboard's sections, a branch's page, the score
 * sheet and the compliant list, and whether a branch is compliant, each within
 * the reader's subtree.
 */
describe("Wujin's readers end to end", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let y: WujinYear;
  let before: string;
  const get = async (path: string, as: string, status: number) => sys.http.get(path).set(await auth(as)).expect(status);
  const file = async (path: string, as: string) => workbook((await asBytes(sys.http.get(path).set(await auth(as))).expect(200)).body as Buffer);
  /** What a refused or answered read must leave as it was: every row Wujin's readers touch, and the audit log. */
  const fingerprint = async () =>
    JSON.stringify(
      await sys.db.dataSource.query(
        `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_branch_standing t) AS standing,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_assessments t) AS assessments,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_rectifications t) AS rectifications,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_brands t) AS brands,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM plan_milestones t) AS milestones,
                (SELECT count(*) FROM audit_log) AS audit`,
      ),
    );

  beforeAll(async () => {
    sys = system.sys();
    y = await writeWujinYear(sys.db.dataSource);
    before = await fingerprint();
  });

  describe('the dashboard', () => {
    it('shows the organisation department the whole district: phases, compliance by committee, scores and vetoes, rectifications, brands, obligations', async () => {
      const d = (await get(`/campaigns/${y.campaignId}/dashboard`, DISTRICT, 200)).body;
      expect(d.campaign).toMatchObject({ id: y.campaignId, process: 'wujin', year: YEAR });

      const [deploy, compliance, brand] = d.phases;
      expect(d.phases.map((p: { phase: string }) => p.phase)).toEqual(['deploy', 'compliance', 'brand']);
      expect(deploy).toEqual({
        phase: 'deploy',
        label: '第一阶段：安排部署，全面清查',
        targetLabel: WUJIN_PHASE_TARGET_LABELS.deploy,
        target: 1,
        endsOn: `${YEAR}-12-31`,
        status: 'missed',
        statusLabel: '未达成',
        evaluatedAt: `${YEAR}-12-31T16:00:00.000Z`,
        measured: 0.75,
        figures: { committees: 4, plansAccepted: 3, shellCases: 1, shellCasesDecided: 1, caseListsFiled: 4, modelBranchesCommended: 2 },
        live: null,
        behind: [{ committeeId: y.org('wj-gxq'), name: '中共武进国家高新技术产业开发区工作委员会', measured: 0 }],
        commended: [
          { committeeId: y.org('wj-ht'), name: '中共武进区湖塘镇委员会', measured: 1 },
          { committeeId: y.org('wj-nxs'), name: '中共武进区南夏墅街道工作委员会', measured: 1 },
          { committeeId: y.org('wj-jggw'), name: '中共武进区级机关工作委员会', measured: 1 },
        ],
      });
      // Pending phases: nothing recorded, the live figure counted as the phase's end will count it (5 of 21 standing branches; 2 brands).
      expect(compliance).toMatchObject({ status: 'pending', statusLabel: '进行中', measured: null, figures: null, behind: [], commended: [], endsOn: `${YEAR + 1}-12-31` });
      expect(compliance.live).toEqual({ measured: 0.2381, figures: { branches: 21, compliant: 5 } });
      expect(brand.live).toEqual({ measured: 0.0952, figures: { branches: 21, brands: 2 } });

      const c = d.compliance;
      expect(c).toMatchObject({ branches: 23, active: 21, compliant: 5, rate: 0.2381 });
      expect(c.byStanding).toEqual({ pending: 11, assessing: 1, on_notice: 1, compliant: 5, failed: 2, rectifying: 1, dissolved: 1, merged: 1 });
      const cc = byKey(c.committees, 'committeeName');
      expect(Object.keys(cc)).toHaveLength(4);
      expect(cc['中共武进区湖塘镇委员会']).toEqual({
        committeeId: y.org('wj-ht'),
        committeeName: '中共武进区湖塘镇委员会',
        branches: 6,
        active: 5,
        compliant: 2,
        rate: 0.4,
        byStanding: { pending: 0, assessing: 0, on_notice: 1, compliant: 2, failed: 1, rectifying: 1, dissolved: 1, merged: 0 },
      });
      expect(cc['中共武进区级机关工作委员会']).toMatchObject({ branches: 5, active: 5, compliant: 0, rate: 0 });

      const s = d.scores;
      expect(s).toMatchObject({ passThreshold: 85, scored: 9, average: 89.28, failedBelow: 1, vetoed: 2 });
      expect(s.distribution.map((b: { branches: number }) => b.branches)).toEqual([2, 3, 3, 1, 0]);
      expect(s.distribution.every((b: { label: string }) => CHINESE.test(b.label))).toBe(true);
      expect([...s.byVeto].sort((a, b) => a.code.localeCompare(b.code))).toEqual([
        { code: 'funds_missing', text: '未落实党建工作专项经费', branches: 1 },
        { code: 'secretary_vacant', text: '党支部书记缺职', branches: 1 },
      ]);
      const vetoed = byKey(s.vetoes, 'branchName');
      expect(vetoed['湖塘镇机关党支部']).toEqual({ branchId: y.org('wj-ht-jg'), branchName: '湖塘镇机关党支部', committeeName: '中共武进区湖塘镇委员会', score: 90, items: [{ code: 'funds_missing', text: '未落实党建工作专项经费' }] });
      expect(vetoed['南夏墅街道机关党支部'].items).toEqual([{ code: 'secretary_vacant', text: '党支部书记缺职' }]);
      const sc = byKey(s.committees, 'committeeName');
      expect(sc['中共武进区湖塘镇委员会']).toMatchObject({ scored: 5, average: 88, failedBelow: 1, vetoed: 1 });
      expect(sc['中共武进区南夏墅街道工作委员会']).toMatchObject({ scored: 3, average: 88.83, failedBelow: 0, vetoed: 1 });
      expect(sc['中共武进区级机关工作委员会']).toBeUndefined();

      const r = d.rectifications;
      expect(r).toMatchObject({ byStatus: { open: 1, submitted: 1, returned: 1, accepted: 1, dissolved: 0, merged: 1 }, open: 3, overdue: 2, lateSubmissions: 1, accepted: 1, dissolved: 0, merged: 1 });
      // Overdue: past the deadline and not decided for good, earliest first; the submitted one is still within its deadline.
      expect(r.overdueItems.map((i: { id: string; dueAt: string; statusLabel: string }) => [i.id, i.dueAt, i.statusLabel])).toEqual([
        [y.rectifications['ht-jg'], '2020-01-01T00:00:00.000Z', '整顿中，待报送'],
        [y.rectifications['ht-c4'], '2021-06-30T00:00:00.000Z', '退回继续整顿'],
      ]);

      // The dissolved firm's filed brand does not count; 马杭村's returned first version does not hide its accepted second.
      expect(d.brands).toMatchObject({ branches: 21, accepted: 2, filed: 1, returned: 1, missing: 17 });
      expect(byKey(d.brands.committees, 'committeeName')['中共武进区湖塘镇委员会']).toMatchObject({ branches: 5, accepted: 1, filed: 1, returned: 1, missing: 2 });

      const o = byKey(d.obligations, 'code');
      expect(Object.keys(o).sort()).toEqual(Object.keys(WUJIN_OBLIGATIONS).sort());
      expect(o.wujin_members_meeting).toEqual({ code: 'wujin_members_meeting', title: '支部党员大会', rubricItem: 'C1', due: 8, onTime: 5, late: 1, missed: 2, open: 0 });
      expect(o.wujin_committee_meeting).toMatchObject({ due: 12, onTime: 10, late: 0, missed: 1, open: 1 });
      expect(o.wujin_party_lesson).toMatchObject({ due: 4, onTime: 4 });
      expect(o.wujin_group_meeting).toMatchObject({ due: 0, onTime: 0, late: 0, missed: 0, open: 0 });
    });

    it("shows a committee its own subtree only: its own figures of the recorded phase, live figures, its branches' counts", async () => {
      const d = (await get(`/campaigns/${y.campaignId}/dashboard`, HT, 200)).body;
      expect(d.scope).toEqual({ organisationId: y.org('wj-ht'), name: '中共武进区湖塘镇委员会' });
      expect(d.phases[0]).toMatchObject({ measured: 1, figures: null, behind: [], commended: [{ committeeId: y.org('wj-ht'), name: '中共武进区湖塘镇委员会', measured: 1 }] });
      expect(d.phases[1].live).toEqual({ measured: 0.4, figures: { branches: 5, compliant: 2 } });
      expect(d.phases[2].live).toEqual({ measured: 0.2, figures: { branches: 5, brands: 1 } });
      expect(d.compliance.committees.map((c: { committeeName: string }) => c.committeeName)).toEqual(['中共武进区湖塘镇委员会']);
      expect(d.compliance).toMatchObject({ branches: 6, active: 5, compliant: 2, rate: 0.4 });
      expect(d.scores).toMatchObject({ scored: 5, average: 88, vetoed: 1, byVeto: [{ code: 'funds_missing', text: '未落实党建工作专项经费', branches: 1 }] });
      expect(d.rectifications).toMatchObject({ byStatus: { open: 1, submitted: 0, returned: 1, accepted: 1, dissolved: 0, merged: 0 }, overdue: 2 });
      expect(d.brands).toMatchObject({ branches: 5, accepted: 1, filed: 1, returned: 1, missing: 2 });
      expect(byKey(d.obligations, 'code').wujin_members_meeting).toMatchObject({ due: 4, onTime: 3, late: 1, missed: 0 });

      const nxs = (await get(`/campaigns/${y.campaignId}/dashboard`, NXS, 200)).body;
      expect(nxs.phases[0]).toMatchObject({ measured: 1, commended: [{ committeeId: y.org('wj-nxs') }] });
      expect(nxs.rectifications).toMatchObject({ byStatus: { open: 0, submitted: 1, returned: 0, accepted: 0, dissolved: 0, merged: 1 }, overdue: 0, overdueItems: [] });
      const asked = (await get(`/campaigns/${y.campaignId}/dashboard?organisationId=${y.org('wj-gxq')}`, DISTRICT, 200)).body;
      expect(asked.phases[0]).toMatchObject({ measured: 0, behind: [{ committeeId: y.org('wj-gxq') }], commended: [] });

      expect((await get(`/campaigns/${y.campaignId}/dashboard?organisationId=${y.org('wj-nxs')}`, HT, 404)).body.message).toMatch(CHINESE);
      expect((await get(`/campaigns/${y.campaignId}/dashboard`, SECRETARY, 403)).body.message).toMatch(CHINESE);
      await get(`/campaigns/${y.campaignId}/dashboard`, HEFEI, 404);
    });
  });

  describe("a branch's page", () => {
    const page = (branch: string, campaign = y.campaignId) => `/campaigns/${campaign}/wujin/branches/${y.org(branch)}`;

    it('shows its standing, each round scored item by item beside the obligation the item checks, the declaration and verdict with on-site checks, its rectification and brands', async () => {
      const p = (await get(page('wj-ht-c2'), SECRETARY, 200)).body;
      expect(p.campaign).toEqual({ id: y.campaignId, year: YEAR, title: `${YEAR}—${YEAR + 2}年党支部规范化建设三年行动` });
      expect(p.branch).toEqual({ id: y.org('wj-ht-c2'), name: '湖塘镇城南村党支部', domain: 'rural', domainLabel: expect.stringMatching(CHINESE), memberCount: 38, committee: { id: y.org('wj-ht'), name: '中共武进区湖塘镇委员会' } });
      expect(p.standing).toEqual({ standing: 'compliant', label: '合格支部', round: 2, score: 88, reasons: [], failedOnce: true, objectionUpheld: false, compliantAt: `${YEAR + 1}-12-10T02:00:00.000Z` });
      expect(p.passThreshold).toBe(85);
      expect(p.assessments.map((a: { round: number; selfTotal: number; assessorTotal: number; verdict: { verdict: string } }) => [a.round, a.selfTotal, a.assessorTotal, a.verdict.verdict])).toEqual([
        [1, 102, 80, 'fail'],
        [2, 101, 88, 'pass'],
      ]);
      expect(p.assessments[0].reasons).toEqual(['考核得分80分，低于85分的合格线']);
      expect(p.assessments[0].verdict.opinion).toBe('“三会一课”落实不到位');

      const second = p.assessments[1];
      expect(second.rubric).toEqual({ code: 'wujin-branch-standardisation', version: 1, name: '武进区党支部规范化建设考核细则', total: 102, declaredTotal: 100, notes: [NOTE] });
      expect(second.items).toHaveLength(28);
      expect(byKey(second.areas, 'name')['活动开展有序']).toEqual({ code: 'C', name: '活动开展有序', declaredPoints: 30, itemsPoints: 32, self: 31, assessor: 24 });
      const items = byKey(second.items, 'code');
      expect(items.C1).toMatchObject({
        areaName: '活动开展有序',
        requirement: '落实“三会一课”制度',
        points: 2,
        self: 2,
        selfEvidence: '整顿后佐证C1',
        assessor: 2,
        assessorEvidence: null,
        obligation: { code: 'wujin_members_meeting', title: '支部党员大会', due: 4, onTime: 3, late: 1, missed: 0, open: 0 },
      });
      expect(items.C2).toMatchObject({ points: 6, self: 6, assessor: 2, obligation: { code: 'wujin_committee_meeting', due: 12, onTime: 10, missed: 1, open: 1 } });
      expect(items.C3.obligation).toMatchObject({ code: 'wujin_group_meeting', due: 0 });
      expect(items.A1.obligation).toBeNull();
      expect(second.vetoes).toEqual([]);
      expect(second.declaration).toEqual({
        onSiteItems: [
          { code: 'B9', standard: expect.stringContaining('党费') },
          { code: 'C2', standard: expect.stringContaining('支委会') },
        ],
        note: '第2轮申报',
        declaredBy: '中共武进区湖塘镇委员会考核人',
        declaredAt: `${YEAR + 1}-09-20T02:00:00.000Z`,
      });
      expect(second.verdict).toEqual({
        verdict: 'pass',
        label: '验收通过',
        opinion: null,
        onSiteChecks: [
          { itemCode: 'B9', checkedBy: '区委组织部 王科长', checkedOn: `${YEAR + 1}-11-20`, finding: '党费台账已补齐' },
          { itemCode: 'C2', checkedBy: '区委组织部 李干事', checkedOn: `${YEAR + 1}-11-21`, finding: '支委会记录完整' },
        ],
        verifiedBy: '中共常州市武进区委组织部组织科',
        verifiedAt: `${YEAR + 1}-11-25T02:00:00.000Z`,
      });
      expect(p.rectification).toMatchObject({ id: y.rectifications['ht-c2'], status: 'accepted', statusLabel: expect.stringMatching(CHINESE), overdue: false, late: true, submissions: 1, decidedBy: '中共武进区湖塘镇委员会考核人' });
      expect(p.brands.map((b: { version: number; name: string; status: string }) => [b.version, b.name, b.status])).toEqual([[1, '城南先锋', 'filed']]);
      expect(byKey(p.obligations, 'code').wujin_members_meeting).toEqual({ code: 'wujin_members_meeting', title: '支部党员大会', rubricItem: 'C1', due: 4, onTime: 3, late: 1, missed: 0, open: 0 });
    });

    it('shows a vetoed round, an overdue rectification, a round scored by the branch only, and a branch in no plan', async () => {
      const jg = (await get(page('wj-ht-jg'), HT, 200)).body;
      expect(jg.standing).toMatchObject({ standing: 'rectifying', label: '整顿中', reasons: ['存在一票否决情形：未落实党建工作专项经费'] });
      expect(jg.assessments[0]).toMatchObject({ vetoes: [{ code: 'funds_missing', text: '未落实党建工作专项经费' }], assessorTotal: 90, verdict: { verdict: 'fail' } });
      expect(jg.rectification).toMatchObject({ status: 'open', overdue: true, submittedAt: null, late: null });

      const scoring = (await get(page('wj-nxs-c2'), DISTRICT, 200)).body.assessments[0];
      expect(scoring).toMatchObject({ status: 'assessing', selfTotal: 96, assessorTotal: null, declaration: null, verdict: null });
      expect(byKey(scoring.items, 'code').C5).toMatchObject({ self: 2, assessor: null });

      const none = (await get(page('wj-jggw-b6'), DISTRICT, 200)).body;
      expect(none).toMatchObject({ standing: null, assessments: [], rectification: null, brands: [] });
      expect(none.branch.committee).toEqual({ id: y.org('wj-jggw'), name: '中共武进区级机关工作委员会' });
    });

    it("is read by those whose subtree holds the branch; others do not find it; bad input is refused", async () => {
      await get(page('wj-ht-c2'), MEMBER, 200);
      await get(page('wj-ht-c2'), DISTRICT, 200);
      expect((await get(page('wj-ht-c1'), SECRETARY, 404)).body.message).toMatch(CHINESE);
      expect((await get(page('wj-ht-c2'), NXS, 404)).body.code).toBe('NOT_FOUND');
      await get(page('wj-ht-c2'), HEFEI, 404);
      // Not a branch; another process's campaign; no such campaign.
      await get(`/campaigns/${y.campaignId}/wujin/branches/${y.org('wj-ht')}`, HT, 404);
      expect((await get(page('wj-ht-c2', y.otherProcessCampaignId), DISTRICT, 404)).body.message).toMatch(CHINESE);
      await get(page('wj-ht-c2', UNKNOWN), DISTRICT, 404);
      expect((await get(`/campaigns/${y.campaignId}/wujin/branches/abc`, HT, 400)).body.message).toMatch(CHINESE);
      expect((await get(`/campaigns/abc/wujin/branches/${y.org('wj-ht-c2')}`, HT, 400)).body.code).toBe('VALIDATION_FAILED');
      await sys.http.get(page('wj-ht-c2')).expect(401);
    });
  });

  describe('the score sheet (考核评分表)', () => {
    const path = (branch: string, campaign = y.campaignId) => `/campaigns/${campaign}/wujin/branches/${y.org(branch)}/score-sheet.xlsx`;

    it("prints the latest round as the seed's table: items with self and assessor scores and duties, area subtotals with declared beside items' points, the 30/32 note, total, vetoes and verdict", async () => {
      const res = await asBytes(sys.http.get(path('wj-ht-c2')).set(await auth(SECRETARY))).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('党支部规范化建设考核评分表-湖塘镇城南村党支部'));
      const [ws, ...more] = await workbook(res.body as Buffer);
      expect(more).toEqual([]);
      expect(text(ws!, 1, 1)).toBe('武进区党支部规范化建设考核评分表');
      expect(text(ws!, 2, 1)).toContain('填报单位：湖塘镇城南村党支部  第2轮（整顿后复核）考核');
      expect(rowValues(ws!, 3, 7)).toEqual(['考核项目', '考核要求', '考核标准', '分值', '自评分', '考核分', '履职情况']);
      const rows = allRows(ws!, 7);
      const c1 = rows.find((r) => r[2]!.startsWith('每三个月召开一次支部党员大会'))!;
      expect(c1).toEqual(['活动开展有序（30分）', '落实“三会一课”制度', c1[2], '2', '2', '2', '应完成4次：按时3次，逾期补做1次，未完成0次，未到期0次']);
      expect(rows.find((r) => r[2]!.startsWith('每月召开一次支委会'))!.slice(3)).toEqual(['6', '6', '2', '应完成12次：按时10次，逾期补做0次，未完成1次，未到期1次']);
      expect(rows.find((r) => r[2]!.startsWith('党支部职数设置合理'))![6]).toBe('');
      expect(rows.filter((r) => r[0] !== '小计' && r[0] !== '合计' && /（\d+分）$/.test(r[0]!))).toHaveLength(28);
      const subtotals = rows.filter((r) => r[0] === '小计');
      expect(subtotals.map((r) => [r[1], r[3], r[4], r[5]])).toEqual([
        ['组织设置合理：规定分值10分，各条目分值合计10分', '10', '10', '7'],
        ['党员管理规范：规定分值30分，各条目分值合计30分', '30', '30', '27'],
        ['活动开展有序：规定分值30分，各条目分值合计32分', '32', '31', '24'],
        ['保障措施到位：规定分值30分，各条目分值合计30分', '30', '30', '30'],
      ]);
      expect(rows.find((r) => r[0] === '合计')!.slice(1, 6)).toEqual(['规定分值合计100分，各条目分值合计102分', '规定分值合计100分，各条目分值合计102分', '102', '101', '88']);
      expect(rows.map((r) => r[0])).toContain(`注：${NOTE}`);
      expect(rows.map((r) => r[0])).toContain('一票否决情形：无');
      expect(rows.map((r) => r[0])).toContain(`区委组织部验收结论：验收通过（${YEAR + 1}-11-25）`);
    });

    it("names the vetoes of a vetoed round, and gives a branch not yet assessed the blank table with the note", async () => {
      const jg = allRows((await file(path('wj-ht-jg'), HT))[0]!, 7).map((r) => r[0]);
      expect(jg).toContain('一票否决情形：未落实党建工作专项经费');
      expect(jg.find((t) => t!.startsWith('区委组织部验收结论'))).toBe(`区委组织部验收结论：验收未通过（${YEAR + 1}-06-25）`);
      const [blank] = await file(path('wj-jggw-b1'), DISTRICT);
      expect(text(blank!, 2, 1)).toContain('尚未考核');
      const rows = allRows(blank!, 7);
      expect(rows.find((r) => r[0] === '合计')!.slice(3, 6)).toEqual(['102', '', '']);
      expect(rows.map((r) => r[0])).toContain(`注：${NOTE}`);
    });

    it('prints the same table as a PDF, to the same readers only', async () => {
      const pdfPath = path('wj-ht-c2').replace(/\.xlsx$/, '.pdf');
      const res = await asBytes(sys.http.get(pdfPath).set(await auth(SECRETARY))).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`${encodeURIComponent('党支部规范化建设考核评分表-湖塘镇城南村党支部')}.pdf`);
      const printed = execFileSync('pdftotext', ['-raw', '-', '-'], { input: res.body as Buffer, encoding: 'utf8' }).replace(/\s+/g, '');
      expect(printed).toMatch(/^武进区党支部规范化建设考核评分表填报单位：湖塘镇城南村党支部第2轮（整顿后复核）考核/);
      for (const s of ['考核项目', '履职情况', '活动开展有序（30分）', '规定分值合计100分，各条目分值合计102分', '一票否决情形：无', `区委组织部验收结论：验收通过（${YEAR + 1}-11-25）`]) expect(printed).toContain(s);
      await get(pdfPath, NXS, 404);
      await get(path('wj-ht-c1').replace(/\.xlsx$/, '.pdf'), SECRETARY, 404);
    });

    it('is refused, in Chinese, outside the subtree, for another process, a missing campaign, bad input and without a login', async () => {
      expect((await get(path('wj-ht-c1'), SECRETARY, 404)).body.message).toMatch(CHINESE);
      await get(path('wj-ht-c2'), NXS, 404);
      await get(path('wj-ht-c2'), HEFEI, 404);
      await get(path('wj-ht-c2', y.otherProcessCampaignId), DISTRICT, 404);
      await get(path('wj-ht-c2', UNKNOWN), DISTRICT, 404);
      await get(`/campaigns/${y.campaignId}/wujin/branches/${y.org('wj-nxs')}/score-sheet.xlsx`, DISTRICT, 404);
      expect((await get(`/campaigns/${y.campaignId}/wujin/branches/x/score-sheet.xlsx`, DISTRICT, 400)).body.code).toBe('VALIDATION_FAILED');
      await sys.http.get(path('wj-ht-c2')).expect(401);
    });
  });

  describe('the compliant list (合格支部名单)', () => {
    const path = (campaign = y.campaignId) => `/campaigns/${campaign}/compliance-list.xlsx`;

    it('lists the compliant branches of the district by committee (score, since, round) and, on a second sheet, the others with the reasons', async () => {
      const res = await asBytes(sys.http.get(path()).set(await auth(DISTRICT))).expect(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('党支部规范化建设合格支部名单-'));
      const [ok, others, ...more] = await workbook(res.body as Buffer);
      expect(more).toEqual([]);
      expect([ok!.name, others!.name]).toEqual(['合格支部名单', '未达标党支部']);
      expect(text(ok!, 1, 1)).toBe('党支部规范化建设合格支部名单');
      expect(rowValues(ok!, 3, 6)).toEqual(['序号', '党(工)委', '党支部', '考核得分', '合格时间', '考核轮次']);
      const rows = dataRows(ok!, 6);
      expect(rows.map((r) => r[2]).sort()).toEqual(['南夏墅街道南夏墅村党支部', '南夏墅街道社会组织联合党支部', '湖塘镇城南村党支部', '湖塘镇马杭村党支部', '高新区天合光能党支部'].sort());
      expect(rows.find((r) => r[2] === '湖塘镇城南村党支部')!.slice(1)).toEqual(['中共武进区湖塘镇委员会', '湖塘镇城南村党支部', '88', `${YEAR + 1}-12-10`, '第2轮（整顿后复核）']);
      expect(rows.find((r) => r[2] === '湖塘镇马杭村党支部')!.slice(3)).toEqual(['92', `${YEAR + 1}-08-05`, '第1轮']);
      expect(text(ok!, 4 + rows.length, 1)).toBe('合格支部5个，未撤销、撤并的党支部21个，达标率23.8%。');

      expect(rowValues(others!, 3, 6)).toEqual(['序号', '党(工)委', '党支部', '当前状态', '考核得分', '原因']);
      const rest = dataRows(others!, 6);
      expect(rest).toHaveLength(18);
      expect(rest.find((r) => r[2] === '湖塘镇机关党支部')!.slice(3)).toEqual(['整顿中', '90', '存在一票否决情形：未落实党建工作专项经费']);
      expect(rest.find((r) => r[2] === '湖塘镇武南纺织有限公司党支部')![3]).toBe('已撤销');
      expect(rest.find((r) => r[2] === '区财政局机关党支部')!.slice(3)).toEqual(['待考核', '', '']);
      expect(text(others!, 4 + rest.length, 1)).toBe('共18个');
    });

    it("gives a committee its own branches only, and the district a committee's when it asks", async () => {
      const [ok, others] = await file(path(), HT);
      expect(dataRows(ok!, 6).map((r) => r[2]).sort()).toEqual(['湖塘镇城南村党支部', '湖塘镇马杭村党支部'].sort());
      expect(text(ok!, 6, 1)).toBe('合格支部2个，未撤销、撤并的党支部5个，达标率40%。');
      expect(dataRows(others!, 6)).toHaveLength(4);
      const [asked] = await file(`${path()}?organisationId=${y.org('wj-gxq')}`, DISTRICT);
      expect(dataRows(asked!, 6).map((r) => r[2])).toEqual(['高新区天合光能党支部']);
    });

    it('is refused, in Chinese, to a secretary and a committee member (403), another subtree, another process or campaign (404), bad input (400) and without a login (401)', async () => {
      expect((await get(path(), SECRETARY, 403)).body.message).toMatch(CHINESE);
      expect((await get(path(), MEMBER, 403)).body.code).toBe('FORBIDDEN');
      await get(`${path()}?organisationId=${y.org('wj-nxs')}`, HT, 404);
      await get(path(), HEFEI, 404);
      expect((await get(path(y.otherProcessCampaignId), DISTRICT, 404)).body.message).toMatch(CHINESE);
      await get(path(UNKNOWN), DISTRICT, 404);
      expect((await get(`${path()}?organisationId=nope`, DISTRICT, 400)).body.details.join()).toContain('组织编号格式不正确');
      await get(`/campaigns/nope/compliance-list.xlsx`, DISTRICT, 400);
      await sys.http.get(path()).expect(401);
    });
  });

  describe('whether a branch is compliant (for other processes)', () => {
    const compliance = (code: string) => `/organisations/${y.org(code)}/compliance`;

    it('answers from the newest plan covering the branch, ignoring earlier and cancelled plans', async () => {
      expect((await get(compliance('wj-ht-c1'), 'wj-ht-c1.secretary', 200)).body).toEqual({
        organisationId: y.org('wj-ht-c1'),
        name: '湖塘镇马杭村党支部',
        compliant: true,
        standing: 'compliant',
        standingLabel: '合格支部',
        since: `${YEAR + 1}-08-05T02:00:00.000Z`,
        campaign: { id: y.campaignId, title: `${YEAR}—${YEAR + 2}年党支部规范化建设三年行动`, year: YEAR },
        label: `合格支部（${YEAR}—${YEAR + 2}年党支部规范化建设三年行动，${YEAR + 1}-08-05起）`,
      });
      // 花园社区 was compliant in an earlier plan and in a cancelled later one; in the current plan it failed.
      expect((await get(compliance('wj-ht-c4'), HT, 200)).body).toMatchObject({ compliant: false, standing: 'failed', standingLabel: '未达标', since: null, campaign: { id: y.campaignId }, label: '不是合格支部（未达标）' });
      expect((await get(compliance('wj-jggw-b6'), DISTRICT, 200)).body).toMatchObject({ compliant: false, standing: null, campaign: null, label: '未列入党支部规范化建设计划' });
      // The same answer for code that asks in-process.
      expect(await branchCompliance(sys.db.dataSource, y.org('wj-ht-c4'))).toMatchObject({ compliant: false, campaignId: y.campaignId, standing: 'failed', since: null });
      expect(await branchCompliance(sys.db.dataSource, y.org('wj-ht-c2'))).toMatchObject({ compliant: true, since: `${YEAR + 1}-12-10T02:00:00.000Z` });
      expect(await branchCompliance(sys.db.dataSource, y.org('wj-jggw-b6'))).toBeNull();
    });

    it('is not found outside the subtree or for a non-branch; bad input and no login are refused', async () => {
      expect((await get(compliance('wj-ht-c1'), NXS, 404)).body.message).toMatch(CHINESE);
      await get(compliance('wj-ht-c1'), SECRETARY, 404);
      await get(compliance('wj-ht-c1'), HEFEI, 404);
      expect((await get(compliance('wj-ht'), HT, 404)).body.message).toMatch(CHINESE);
      await get(`/organisations/${UNKNOWN}/compliance`, DISTRICT, 404);
      expect((await get(`/organisations/x/compliance`, DISTRICT, 400)).body.code).toBe('VALIDATION_FAILED');
      await sys.http.get(compliance('wj-ht-c1')).expect(401);
    });
  });

  it('changed nothing: every answer and refusal above left the rows and the audit log as they were', async () => {
    expect(await fingerprint()).toBe(before);
  });
});
