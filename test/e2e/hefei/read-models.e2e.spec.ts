import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { type TestSystem, useSystem } from '../../support/system';
import { type HefeiYear, YEAR, writeHefeiYear } from './hefei-rows';

const CHINESE = /[\u4e00-\u9fa5]/;
const BUREAU = 'hf-zzb.reviewer'; // the political department: the whole bureau
const YCJY = 'hf-ycjy.reviewer'; // 义城监狱's committee
const LSXH = 'hf-lsxh.reviewer'; // 律师协会's committee
const JDS = 'hf-jds.reviewer'; // 戒毒所's committee: sees none of the others
const SECRETARY = 'hf-ycjy-jq1.secretary';

/** The response body as bytes, whatever its content type. */
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
/** The data rows under the header (row 3), up to the first empty first cell or the foot. */
function dataRows(ws: ExcelJS.Worksheet, cols: number): string[][] {
  const rows: string[][] = [];
  for (let r = 4; /^\d+$/.test(text(ws, r, 1)); r++) rows.push(rowValues(ws, r, cols));
  return rows;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked against the OpenAPI document by the harness
const byName = (items: any[], key: string): Record<string, any> => Object.fromEntries(items.map((i) => [String(i[key]), i]));

/**
 * Everything that reads Hefei's year over HTTP, on rows written as its
 * workflows write them: the dashboard's sections, the two spreadsheets, a
 * branch's page and a committee's standards, each within the reader's subtree.
 */
describe("Hefei's readers end to end", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let y: HefeiYear;
  const get = async (path: string, as: string, status: number) => sys.http.get(path).set(await auth(as)).expect(status);
  const file = async (path: string, as: string) => workbook((await asBytes(sys.http.get(path).set(await auth(as))).expect(200)).body as Buffer);

  beforeAll(async () => {
    sys = system.sys();
    y = await writeHefeiYear(sys.db.dataSource);
  });

  describe('the dashboard', () => {
    it("shows the political department the whole bureau: self-inspections by quarter, rectifications, grades with the A cap, reports and standards", async () => {
      const d = (await get(`/campaigns/${y.campaignId}/dashboard`, BUREAU, 200)).body;
      expect(d.campaign).toMatchObject({ id: y.campaignId, process: 'hefei', year: YEAR, status: 'running' });
      expect(d.stages.map((s: { stage: string }) => s.stage)).toContain('report');

      expect(d.self_inspections).toEqual([
        { quarter: 1, label: `${YEAR}年第1季度`, dueOn: `${YEAR}-03-31`, due: 22, onTime: 19, late: 2, missed: 1, open: 0 },
        { quarter: 2, label: `${YEAR}年第2季度`, dueOn: `${YEAR}-06-30`, due: 3, onTime: 0, late: 0, missed: 0, open: 3 },
        { quarter: 3, label: `${YEAR}年第3季度`, dueOn: `${YEAR}-09-30`, due: 0, onTime: 0, late: 0, missed: 0, open: 0 },
        { quarter: 4, label: `${YEAR}年第4季度`, dueOn: `${YEAR}-12-31`, due: 0, onTime: 0, late: 0, missed: 0, open: 0 },
      ]);

      const r = d.rectifications;
      expect(r.byStatus).toEqual({ open: 7, submitted: 1, returned: 1, accepted: 2 });
      expect([r.unresolved, r.overdue]).toEqual([9, 8]);
      const late = byName(r.late, 'branchName');
      expect(Object.keys(late).sort()).toEqual(['一监区党支部', '二监区党支部', '安徽巢源律师事务所党支部'].sort());
      // Six late at 一监区: its count says so, its list shows the earliest five.
      expect(late['一监区党支部']!.count).toBe(6);
      expect(late['一监区党支部']!.items.map((i: { id: string; dueOn: string }) => [i.id, i.dueOn])).toEqual(
        [6, 5, 4, 3, 2].map((i) => [y.rectifications[`jq1-late${i}`], `${YEAR}-07-0${7 - i}`]),
      );
      // Late because its day passed, though no workflow marked it.
      expect(late['二监区党支部']!.items).toEqual([{ id: y.rectifications['jq2-submitted'], problem: 'jq2-submitted：“三会一课”记录不完整', dueOn: '2020-01-01', status: 'submitted' }]);

      const g = d.grades;
      expect(g).toMatchObject({ aCapShare: 0.1, aCapRespected: false, byGrade: { A: 4, B: 8, C: 2, D: 1 } });
      const committees = byName(g.committees, 'committeeName');
      expect(Object.keys(committees).sort()).toEqual(['中共合肥市义城监狱委员会', '中共合肥市强制隔离戒毒所委员会', '中共合肥市司法局机关委员会', '中共合肥市律师协会委员会'].sort());
      expect(committees['中共合肥市义城监狱委员会']).toEqual({
        committeeId: y.org('hf-ycjy'),
        committeeName: '中共合肥市义城监狱委员会',
        byGrade: { A: 1, B: 7, C: 2, D: 0 },
        branches: 10,
        inProgress: 0,
        firstGrading: { branches: 10, graded: 10, aGiven: 1, aCap: 1, aCapRespected: true },
        regraded: 1,
      });
      // Two A among five branches graded for the first time: over floor(10% × 5) = 0; 明湖所's A from a later grading is not counted.
      expect(committees['中共合肥市律师协会委员会']).toMatchObject({
        byGrade: { A: 3, B: 1, C: 0, D: 1 },
        branches: 6,
        inProgress: 1,
        firstGrading: { branches: 5, graded: 4, aGiven: 2, aCap: 0, aCapRespected: false },
        regraded: 0,
      });
      expect(committees['中共合肥市强制隔离戒毒所委员会']).toMatchObject({ branches: 0, byGrade: { A: 0, B: 0, C: 0, D: 0 }, firstGrading: { aCap: 0, aCapRespected: true } });

      const reports = d.reports;
      expect([reports.onTime, reports.late, reports.missing, reports.pending]).toEqual([1, 1, 1, 1]);
      const states = byName(reports.committees, 'committeeName');
      expect(states['中共合肥市义城监狱委员会']).toMatchObject({ state: 'on_time', filedAt: `${YEAR}-08-06T02:00:00.000Z`, escalatedAt: null });
      expect(states['中共合肥市律师协会委员会']).toMatchObject({ state: 'late', stateLabel: expect.stringContaining('逾期') });
      expect(states['中共合肥市强制隔离戒毒所委员会']).toMatchObject({ state: 'missing', filedAt: null, escalatedAt: `${YEAR}-08-11T00:00:00.000Z` });
      // No row yet: due when the plan's report stage is (the end of 10 August in Beijing).
      expect(states['中共合肥市司法局机关委员会']).toMatchObject({ state: 'pending', dueAt: `${YEAR}-08-10T16:00:00.000Z` });

      const s = d.standards;
      expect([s.withAccepted, s.withoutAccepted, s.awaitingReview]).toEqual([2, 2, 1]);
      const std = byName(s.committees, 'committeeName');
      expect(std['中共合肥市义城监狱委员会']).toMatchObject({ acceptedVersion: 2, acceptedAt: `${YEAR}-03-12T02:00:00.000Z`, latestVersion: 2, latestStatus: 'accepted', filed: 2, returned: 1 });
      // Accepted last year, a new version filed this year and awaiting review.
      expect(std['中共合肥市律师协会委员会']).toMatchObject({ acceptedVersion: 1, latestVersion: 2, latestStatus: 'filed', latestStatusLabel: '已报局政治部备案，待审核', filed: 1, returned: 0 });
      expect(std['中共合肥市司法局机关委员会']).toMatchObject({ acceptedVersion: null, latestStatus: 'draft', filed: 0 });
      expect(std['中共合肥市强制隔离戒毒所委员会']).toMatchObject({ acceptedVersion: null, latestVersion: null, latestStatus: null, filed: 0, returned: 0 });
    });

    it("shows a committee its own subtree only, and the political department a committee's when it asks", async () => {
      const mine = (await get(`/campaigns/${y.campaignId}/dashboard`, YCJY, 200)).body;
      expect(mine.scope).toEqual({ organisationId: y.org('hf-ycjy'), name: '中共合肥市义城监狱委员会' });
      expect(mine.self_inspections[0]).toMatchObject({ due: 11, onTime: 8, late: 2, missed: 1 });
      expect(mine.rectifications).toMatchObject({ byStatus: { open: 6, submitted: 1, returned: 1, accepted: 2 }, overdue: 7 });
      expect(mine.grades.committees.map((c: { committeeName: string }) => c.committeeName)).toEqual(['中共合肥市义城监狱委员会']);
      expect(mine.grades).toMatchObject({ aCapRespected: true, byGrade: { A: 1, B: 7, C: 2, D: 0 } });
      expect(mine.reports).toMatchObject({ onTime: 1, late: 0, missing: 0, pending: 0 });
      expect(mine.standards.committees).toHaveLength(1);

      const asked = (await get(`/campaigns/${y.campaignId}/dashboard?organisationId=${y.org('hf-lsxh')}`, BUREAU, 200)).body;
      expect(asked.grades.committees.map((c: { committeeName: string }) => c.committeeName)).toEqual(['中共合肥市律师协会委员会']);
      expect(asked.rectifications.byStatus).toEqual({ open: 1, submitted: 0, returned: 0, accepted: 0 });
      expect(asked.self_inspections[0]).toMatchObject({ due: 11, onTime: 11 });

      // Another committee's subtree is not found; a branch secretary does not read dashboards; Tai'an's tree does not reach Hefei's campaign.
      expect((await get(`/campaigns/${y.campaignId}/dashboard?organisationId=${y.org('hf-lsxh')}`, YCJY, 404)).body.message).toMatch(CHINESE);
      expect((await get(`/campaigns/${y.campaignId}/dashboard`, SECRETARY, 403)).body.message).toMatch(CHINESE);
      await get(`/campaigns/${y.campaignId}/dashboard`, 'admin', 404);
      // Tai'an's dashboard keeps its own sections.
      const taian = (await get(`/campaigns/${y.taianCampaignId}/dashboard`, 'admin', 200)).body;
      expect(taian.campaign.process).toBe('taian');
      expect(taian).toHaveProperty('ledger');
      expect(taian).not.toHaveProperty('grades');
    });
  });

  describe('the grading table (党支部分类定级情况表)', () => {
    const path = () => `/campaigns/${y.campaignId}/grading-table.xlsx`;

    it("gives the political department a sheet per committee: each grading of each branch, and the A cap at the foot", async () => {
      const res = await asBytes(sys.http.get(path()).set(await auth(BUREAU))).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('党支部分类定级情况表-合肥市司法局政治部'));
      const sheets = await workbook(res.body as Buffer);
      expect(sheets.map((s) => s.name).sort()).toEqual(['中共合肥市义城监狱委员会', '中共合肥市强制隔离戒毒所委员会', '中共合肥市司法局机关委员会', '中共合肥市律师协会委员会'].sort());

      const ycjy = sheets.find((s) => s.name === '中共合肥市义城监狱委员会')!;
      expect(text(ycjy, 1, 1)).toBe(`${YEAR}年度党支部分类定级情况表`);
      expect(text(ycjy, 2, 1)).toContain('填报单位：中共合肥市义城监狱委员会');
      expect(rowValues(ycjy, 3, 9)).toEqual(['序号', '党支部名称', '是否首次定级', '申报次数', '自评得分', '考核得分', '评定等次', '定级理由（未评为A级的原因）', '评定日期']);
      const rows = dataRows(ycjy, 9);
      expect(rows).toHaveLength(11);
      expect(rows.find((r) => r[1] === '监狱机关第一党支部')!.slice(2)).toEqual(['是', '第1次', '88', '92', 'A级（先进）', '', `${YEAR}-08-05`]);
      // The hospital: D, rectified, then B on its second application.
      expect(rows.filter((r) => r[1] === '监狱医院党支部').map((r) => r.slice(3, 9))).toEqual([
        ['第1次', '88', '55.5', 'D级（未达标）', '考核得分未达到更高等次分数线（D）', `${YEAR}-08-05`],
        ['第2次（整改后重新申报）', '88', '84.5', 'B级（达标）', '考核得分未达到更高等次分数线（B）', `${YEAR}-10-20`],
      ]);
      expect(text(ycjy, 4 + rows.length, 1)).toBe('合计：A级1个、B级7个、C级2个、D级0个。首次定级10个，A级1个，上限1个（10%），未超过上限。');

      const lsxh = sheets.find((s) => s.name === '中共合肥市律师协会委员会')!;
      const law = dataRows(lsxh, 9);
      expect(law.find((r) => r[1] === '安徽徽诚律师事务所党支部')!.slice(2, 7)).toEqual(['是', '第1次', '88', '', '基层党委已审核，考核验收中']);
      expect(law.find((r) => r[1] === '安徽紫蓬律师事务所党支部')!.slice(2, 7)).toEqual(['', '', '', '', '未申报']);
      expect(law.find((r) => r[1] === '安徽巢源律师事务所党支部')![7]).toContain('一票否决');
      expect(text(lsxh, 4 + law.length, 1)).toBe('合计：A级3个、B级1个、C级0个、D级1个。首次定级5个，A级2个，上限0个（10%），已超过上限！');

      const jds = dataRows(sheets.find((s) => s.name === '中共合肥市强制隔离戒毒所委员会')!, 9);
      expect(jds.map((r) => r[6])).toEqual(Array(10).fill('未申报'));
    });

    it("gives a committee its own sheet only, and the political department a committee's when it asks", async () => {
      expect((await file(path(), YCJY)).map((s) => s.name)).toEqual(['中共合肥市义城监狱委员会']);
      expect((await file(`${path()}?organisationId=${y.org('hf-lsxh')}`, BUREAU)).map((s) => s.name)).toEqual(['中共合肥市律师协会委员会']);
    });

    it('refuses, in Chinese, a reader outside the subtree, a branch secretary, bad input and a campaign of another process', async () => {
      expect((await get(`${path()}?organisationId=${y.org('hf-lsxh')}`, YCJY, 404)).body.code).toBe('NOT_FOUND');
      expect((await get(path(), SECRETARY, 403)).body.message).toMatch(CHINESE);
      const bad = (await get(`${path()}?organisationId=nope`, BUREAU, 400)).body;
      expect(bad.code).toBe('VALIDATION_FAILED');
      expect(bad.details.join()).toContain('组织编号格式不正确');
      expect((await get(`/campaigns/not-a-uuid/grading-table.xlsx`, BUREAU, 400)).body.message).toMatch(CHINESE);
      await get(path(), 'admin', 404);
      // Tai'an's campaign has its own documents, not Hefei's.
      await asBytes(sys.http.get(`/campaigns/${y.taianCampaignId}/ledger.xlsx`).set(await auth('admin'))).expect(200);
      expect((await get(`/campaigns/${y.taianCampaignId}/grading-table.xlsx`, 'admin', 404)).body.message).toMatch(CHINESE);
      await get(`/campaigns/${y.taianCampaignId}/rectification-ledger.xlsx`, 'admin', 404);
      // And Hefei's campaign has none of Tai'an's.
      for (const doc of ['ledger.xlsx', 'cultivation-plan.xlsx', 'mentoring-plan.xlsx']) await get(`/campaigns/${y.campaignId}/${doc}`, BUREAU, 404);
    });
  });

  it('prints the grading table as a PDF from the same tables: each committee from a new page with its own 填报单位', async () => {
    const res = await asBytes(sys.http.get(`/campaigns/${y.campaignId}/grading-table.pdf`).set(await auth(BUREAU))).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${encodeURIComponent('党支部分类定级情况表-合肥市司法局政治部')}.pdf`);
    const pages = execFileSync('pdftotext', ['-raw', '-', '-'], { input: res.body as Buffer, encoding: 'utf8' }).split('\f').map((p) => p.replace(/\s+/g, ''));
    for (const committee of ['中共合肥市义城监狱委员会', '中共合肥市强制隔离戒毒所委员会', '中共合肥市司法局机关委员会', '中共合肥市律师协会委员会']) {
      expect(pages.some((p) => p.startsWith(`${YEAR}年度党支部分类定级情况表填报单位：${committee}`))).toBe(true);
    }
    await get(`/campaigns/${y.campaignId}/grading-table.pdf`, SECRETARY, 403);
    await get(`/campaigns/${y.taianCampaignId}/grading-table.pdf`, 'admin', 404);
  });

  describe('the rectification ledger (问题整改台账)', () => {
    const path = () => `/campaigns/${y.campaignId}/rectification-ledger.xlsx`;

    it('lists every problem in the subtree: where it was found, its dimension, branch, inspector, deadline, status, each step with its opinion, and acceptance', async () => {
      const [ws, ...more] = await file(path(), BUREAU);
      expect(more).toEqual([]);
      expect(text(ws!, 1, 1)).toBe(`${YEAR}年度问题整改台账`);
      expect(text(ws!, 2, 1)).toContain('填报单位：合肥市司法局政治部');
      expect(rowValues(ws!, 3, 10)).toEqual(['序号', '存在问题', '发现环节', '所属方面', '党支部', '督查（验收）单位', '整改期限', '整改状态', '整改过程及意见', '验收时间']);
      const rows = dataRows(ws!, 10);
      expect(rows).toHaveLength(11);
      const byProblem = Object.fromEntries(rows.map((r) => [r[1], r]));
      const accepted = byProblem['党员活动室制度未上墙']!;
      expect(accepted.slice(2, 8)).toEqual([`${YEAR}年上半年专项督查`, '基本阵地', '一监区党支部', '中共合肥市司法局委员会', `${YEAR}-07-10`, '整改已验收']);
      expect(accepted[8]!.split('\n')).toEqual([
        `${YEAR}-06-20 报送整改情况（一监区党支部 支部书记）：已制作并张贴制度牌`,
        `${YEAR}-06-22 退回整改（中共合肥市司法局委员会 局党委督查组）：佐证材料不足，请补充照片`,
        `${YEAR}-06-25 报送整改情况（一监区党支部 支部书记）：已补充现场照片`,
        `${YEAR}-06-28 验收通过（中共合肥市司法局委员会 局党委督查组）：整改到位`,
      ]);
      expect(accepted[9]).toBe(`${YEAR}-06-28`);
      expect(byProblem['jq2-submitted：“三会一课”记录不完整']!.slice(3, 8)).toEqual(['', '二监区党支部', '中共合肥市司法局委员会', '2020-01-01', '已报送整改情况，待验收（已逾期）']);
      expect(byProblem['jq1-late1：“三会一课”记录不完整']![7]).toBe('待整改（已逾期）');
      expect(byProblem['jq3-returned：“三会一课”记录不完整']![7]).toBe('整改未通过，已退回');
      expect(byProblem['支部委员职数未配齐']!.slice(2, 6)).toEqual(['考核验收', '基本队伍', '监狱医院党支部', '中共合肥市义城监狱委员会']);
    });

    it("gives a committee its own problems only; refuses a secretary, another subtree and another process's campaign", async () => {
      const [ws] = await file(path(), LSXH);
      expect(dataRows(ws!, 10).map((r) => r[4])).toEqual(['安徽巢源律师事务所党支部']);
      expect(text(ws!, 2, 1)).toContain('中共合肥市律师协会委员会');
      await get(`${path()}?organisationId=${y.org('hf-ycjy')}`, LSXH, 404);
      expect((await get(path(), SECRETARY, 403)).body.code).toBe('FORBIDDEN');
      await get(`${path()}?organisationId=${y.org('hf-ycjy')}&extra=1`, BUREAU, 400);
    });
  });

  describe("a branch's page", () => {
    const page = (branch: string) => `/campaigns/${y.campaignId}/hefei/branches/${y.org(branch)}`;

    it('shows its current grade and history, its rectifications with every step, its pairings with notes', async () => {
      const p = (await get(page('hf-ycjy-yy'), YCJY, 200)).body;
      expect(p.campaign).toEqual({ id: y.campaignId, year: YEAR, title: `${YEAR}年度党支部建设提升行动（分类定级）` });
      expect(p.branch).toEqual({
        id: y.org('hf-ycjy-yy'),
        name: '监狱医院党支部',
        domain: 'government_institution',
        domainLabel: expect.stringMatching(CHINESE),
        memberCount: 9,
        committee: { id: y.org('hf-ycjy'), name: '中共合肥市义城监狱委员会' },
      });
      expect(p.currentGrade).toEqual({ grade: 'B', gradeLabel: 'B级（达标）', year: YEAR, attempt: 2, firstGrading: true, gradedAt: `${YEAR}-10-20T02:00:00.000Z` });
      expect(p.history.map((h: { year: number; attempt: number; grade: string; assessorTotal: number }) => [h.year, h.attempt, h.grade, h.assessorTotal])).toEqual([
        [YEAR, 2, 'B', 84.5],
        [YEAR, 1, 'D', 55.5],
        [YEAR - 1, 1, 'C', 70],
      ]);
      expect(p.history[2].campaignId).toBe(y.previousCampaignId);
      expect(p.rectifications).toHaveLength(1);
      expect(p.rectifications[0]).toMatchObject({
        source: 'grading',
        sourceLabel: '考核验收',
        dimension: 'team',
        dimensionLabel: '基本队伍',
        inspector: { id: y.org('hf-ycjy'), name: '中共合肥市义城监狱委员会' },
        status: 'accepted',
        overdue: false,
        acceptedAt: `${YEAR}-09-05T02:00:00.000Z`,
        steps: [{ action: 'submitted', actionLabel: '报送整改情况', content: '已增补组织委员', evidence: ['会议记录扫描件'], actorName: '支部书记', organisationName: '监狱医院党支部', at: `${YEAR}-09-01T02:00:00.000Z` }],
      });
      expect(p.pairings.map((x: { partnerName: string; endedAt: string | null }) => [x.partnerName, x.endedAt !== null])).toEqual([
        ['监狱机关第一党支部', false],
        ['合肥市第一人民医院党委', true],
      ]);
      expect(p.pairings[0]).toMatchObject({ partnerOrganisationId: y.org('hf-ycjy-jg1'), reason: '定为D级，结对帮扶' });
      expect(p.pairings[0].notes.map((n: { note: string }) => n.note)).toEqual(['共同开展主题党日', '帮助完善“三会一课”台账']);
      expect(p.flags).toEqual({
        privateOrSocial: false,
        minimumMembers: 3,
        focusedHelp: false,
        memberless: false,
        trainingRequired: false,
        trainingsThisYear: 0,
        trainingsPerYear: 1,
        trainingMissing: false,
        cleanupReview: null,
      });

      const rectified = (await get(page('hf-ycjy-jq1'), BUREAU, 200)).body.rectifications;
      const withSteps = rectified.find((r: { id: string }) => r.id === y.rectifications['jq1-accepted']);
      expect(withSteps.steps.map((s: { action: string; content: string }) => [s.action, s.content])).toEqual([
        ['submitted', '已制作并张贴制度牌'],
        ['returned', '佐证材料不足，请补充照片'],
        ['submitted', '已补充现场照片'],
        ['accepted', '整改到位'],
      ]);
      expect(rectified.filter((r: { overdue: boolean }) => r.overdue)).toHaveLength(6);
    });

    it('flags, for private enterprises and social organisations, too few members, no members and a secretary not trained this year', async () => {
      const few = (await get(page('hf-lsxh-ls07'), LSXH, 200)).body;
      expect(few.currentGrade).toMatchObject({ grade: 'D' });
      expect(few.rectifications[0]).toMatchObject({ status: 'open', overdue: true });
      expect(few.flags).toMatchObject({ privateOrSocial: true, focusedHelp: true, memberless: false, trainingRequired: true, trainingsThisYear: 0, trainingMissing: true });
      const none = (await get(page('hf-lsxh-ls08'), LSXH, 200)).body;
      expect(none.currentGrade).toBeNull();
      expect(none.flags).toMatchObject({ memberless: true, focusedHelp: false, cleanupReview: { status: 'open', statusLabel: '待审核', opinion: null } });
      const trained = (await get(page('hf-lsxh-qy01'), LSXH, 200)).body;
      expect(trained.branch).toMatchObject({ domain: 'private_enterprise', memberCount: 1 });
      expect(trained.flags).toMatchObject({ focusedHelp: true, trainingsThisYear: 1, trainingMissing: false });
    });

    it("is the branch's own to read; another committee's reviewer and another branch do not find it", async () => {
      await get(page('hf-ycjy-jq1'), SECRETARY, 200);
      expect((await get(page('hf-ycjy-jq2'), SECRETARY, 404)).body.message).toMatch(CHINESE);
      expect((await get(page('hf-ycjy-yy'), JDS, 404)).body.code).toBe('NOT_FOUND');
      await get(page('hf-ycjy-yy'), 'admin', 404);
      // Not a branch, and not Hefei's campaign.
      await get(`/campaigns/${y.campaignId}/hefei/branches/${y.org('hf-ycjy')}`, YCJY, 404);
      await get(`/campaigns/${y.taianCampaignId}/hefei/branches/${y.org('tsq-cyjd-b01')}`, 'admin', 404);
      expect((await get(`/campaigns/${y.campaignId}/hefei/branches/abc`, YCJY, 400)).body.message).toMatch(CHINESE);
    });
  });

  describe("a committee's standards", () => {
    const standards = (committee: string) => `/campaigns/${y.campaignId}/hefei/standards?committeeId=${y.org(committee)}`;

    it('lists its versions with status and opinions, and the accepted rubric grading uses', async () => {
      const s = (await get(standards('hf-ycjy'), YCJY, 200)).body;
      expect(s.committee).toEqual({ id: y.org('hf-ycjy'), name: '中共合肥市义城监狱委员会' });
      expect(s.versions.map((v: { version: number; status: string; opinion: string | null; campaignId: string }) => [v.version, v.status, v.opinion, v.campaignId])).toEqual([
        [2, 'accepted', null, y.campaignId],
        [1, 'returned', '基本阵地分值偏低，请修改', y.campaignId],
      ]);
      expect(s.versions[1].statusLabel).toBe('已退回修改');
      expect(s.accepted).toMatchObject({ version: 2, acceptedAt: `${YEAR}-03-12T02:00:00.000Z`, standard: { version: 2, isDefault: false, total: 100, gradeThresholds: { A: 90, B: 80, C: 60 } } });
      expect(s.accepted.standard.areas.map((a: { name: string }) => a.name)).toEqual(['基本队伍', '基本阵地', '基本制度', '基本活动', '基本保障']);

      const law = (await get(standards('hf-lsxh'), BUREAU, 200)).body;
      expect(law.versions.map((v: { version: number; status: string; campaignId: string | null }) => [v.version, v.status, v.campaignId])).toEqual([
        [2, 'filed', y.campaignId],
        [1, 'accepted', null],
      ]);
      expect(law.accepted.version).toBe(1);
      expect((await get(standards('hf-jds'), BUREAU, 200)).body).toMatchObject({ versions: [], accepted: null });
    });

    it('refuses, in Chinese, another subtree, a branch for a committee, a missing committee and another process', async () => {
      expect((await get(standards('hf-ycjy'), JDS, 404)).body.message).toMatch(CHINESE);
      await get(standards('hf-ycjy-jq1'), BUREAU, 404);
      const missing = (await get(`/campaigns/${y.campaignId}/hefei/standards`, BUREAU, 400)).body;
      expect(missing.details.join()).toContain('请指定基层党委');
      expect((await get(`/campaigns/${y.campaignId}/hefei/standards?committeeId=1`, BUREAU, 400)).body.details.join()).toContain('基层党委编号格式不正确');
      await get(`/campaigns/${y.taianCampaignId}/hefei/standards?committeeId=${y.org('hf-ycjy')}`, 'admin', 404);
    });
  });

  it('shows an organisation its member count (Hefei records them; Tai\'an does not)', async () => {
    expect((await get(`/organisations/${y.org('hf-lsxh-ls07')}`, LSXH, 200)).body).toMatchObject({ name: '安徽巢源律师事务所党支部', memberCount: 2 });
    expect((await get(`/organisations/${y.org('tsq-cyjd-b01')}`, 'admin', 200)).body.memberCount).toBeNull();
  });
});
