import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CjkFontMissing,
  type LedgerRow,
  type RecommendationForm,
  type TableDocument,
  cjkFont,
  complianceListTable,
  cultivationPlanTable,
  gradingTable,
  ledgerTable,
  mentoringPlanTable,
  printTime,
  projectLedgerTable,
  recommendationFormTable,
  rectificationLedgerTable,
  responsibilityListTable,
  scoreSheetTable,
  tablePdf,
} from '../../libs/documents/src';

/**
 * The printable PDFs read back with poppler (pdftotext, pdftoppm; Debian's
 * poppler-utils, installed by .ci/run): the Chinese comes back as text, and the
 * first page, rasterised, is not blank.
 */

const PRINTED_AT = new Date('2027-06-01T06:30:00Z');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pennant-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function save(pdf: Buffer): string {
  const file = path.join(dir, `doc-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdftotext's text of one page (1-based) or of all, in the order it was drawn (cell by cell), whitespace removed (cells wrap into lines). */
function text(file: string, page?: number): string {
  const pages = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-raw', ...pages, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

/** pdfinfo's page size of page 1, e.g. “595.28 x 841.89 pts (A4)”. */
function pageSize(file: string): string {
  return /Page size:\s+(.*)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]!.trim();
}

/** Page 1 at 50 dpi in grey (PGM: a text header, then a byte per pixel): the share of pixels that are not white. */
function inkOnFirstPage(file: string): { width: number; height: number; ink: number } {
  const out = path.join(dir, `raster-${++n}`);
  execFileSync('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', '-singlefile', file, out]);
  const pgm = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  expect(pixels.length).toBe(width * height);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark++;
  return { width, height, ink: dark / pixels.length };
}

const form: RecommendationForm = {
  organisationName: '中共泰安市泰山区委员会',
  branchName: '东关村党支部',
  grassrootsCommittee: '财源街道党工委',
  cityManagedCommittee: '泰山区委',
  secretaryName: '张建国',
  secretaryPhone: '13800000000',
  basicSituation: '党员32名',
  honours: '2025年 山东省先进基层党组织',
  mainDeeds: '带领群众发展产业',
  evaluation: { score: 92.5, participants: 46 },
  inspection: null,
  opinions: { grassroots: { opinion: '同意推荐', signer: '财源街道党工委', date: '2027-03-28' } },
};

const ledgerRow = (i: number): LedgerRow => ({
  domain: '农村',
  branchName: `东关村第${i}党支部`,
  grade: '中间',
  goals: [{ year: 2027, grade: '先进' }],
  problems: '阵地建设薄弱，党员教育管理不够规范',
  measures: '新建党群服务中心',
  evaluations: [{ year: 2027, result: '良好' }],
  contact: '李明',
  contactTitle: '组织委员',
  phone: '13800000001',
});

describe('printable PDF documents (A4, Chinese in Noto Sans CJK, read back with poppler)', () => {
  it('附件3 form: the title, the organisation, the print time and the opinions come back as text; page 1 has ink', async () => {
    const pdf = await tablePdf(recommendationFormTable(form), PRINTED_AT);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = save(pdf);
    const all = text(file);
    expect(all).toContain('“泰山先锋”红旗党支部推荐审批表');
    expect(all).toContain('填报单位：中共泰安市泰山区委员会');
    expect(all).toContain('打印时间：2027年6月1日14:30');
    for (const s of ['党支部名称', '东关村党支部', '党支部书记姓名', '张建国', '党员群众测评得分92.5（46人参加）', '基层党委意见', '同意推荐', '财源街道党工委（盖章）', '2027年3月28日', '市委审批意见']) {
      expect(all).toContain(s);
    }
    expect(all).toContain('第1页，共');
    expect(pageSize(file)).toBe('595.28 x 841.89 pts (A4)');
    const page = inkOnFirstPage(file);
    expect(page.height).toBeGreaterThan(page.width);
    expect(page.ink).toBeGreaterThan(0.01);
  });

  it('附件1 ledger: A4 landscape, a long table breaks across pages with both header rows repeated and the pages numbered', async () => {
    const file = save(await tablePdf(ledgerTable({ organisationName: '中共泰安市泰山区委员会', years: [2027, 2028, 2029], rows: Array.from({ length: 60 }, (_, i) => ledgerRow(i + 1)), at: PRINTED_AT }), PRINTED_AT));
    const pages = pageCount(file);
    expect(pages).toBeGreaterThan(1);
    const first = text(file, 1);
    expect(first).toContain('过硬党支部建设工作台账');
    expect(first).toContain('填报单位：中共泰安市泰山区委员会2027年6月');
    expect(first).toContain('东关村第1党支部');
    const last = text(file, pages);
    for (const label of ['领域', '党支部名称', '创建目标', '年度考评结果', '2029年', '联系方式']) expect(last).toContain(label);
    expect(last).toContain('东关村第60党支部');
    expect(last).toContain(`第${pages}页，共${pages}页`);
    expect(pageSize(file)).toBe('841.89 x 595.28 pts (A4)');
    const page = inkOnFirstPage(file);
    expect(page.width).toBeGreaterThan(page.height);
    expect(page.ink).toBeGreaterThan(0.01);
  });

  it('a blank table still prints its heading (and the ink measure tells an empty page from a printed one)', async () => {
    const empty: TableDocument = { title: 'x', sheets: [{ name: 'x', title: '', unit: '', date: '', landscape: false, widths: [1], header: [], body: [] }] };
    const blank = inkOnFirstPage(save(await tablePdf(empty, PRINTED_AT)));
    const printed = inkOnFirstPage(save(await tablePdf(cultivationPlanTable({ organisationName: '泰山区委', rows: [], at: PRINTED_AT }), PRINTED_AT)));
    expect(blank.ink).toBeLessThan(printed.ink);
    expect(printed.ink).toBeGreaterThan(0.002);
  });

  it('every other document prints from the table its spreadsheet is written from, each sheet from a new page', async () => {
    const docs: Array<[TableDocument, string[]]> = [
      [cultivationPlanTable({ organisationName: '泰山区委', rows: [{ year: 2027, branchName: '甲党支部', measures: '书记培训' }] }), ['红旗党支部三年培树计划推进表', '具体培养措施', '甲党支部', '书记培训']],
      [
        mentoringPlanTable({ organisationName: '泰山区委', rows: [{ mentor: '东关村党支部', mentee: '西湖村党支部', menteeGrade: '后进', goal: '一年晋位', measures: '组织共建', deadline: '2028-06-30' }] }),
        ['帮带工作配档表', '帮带支部等次', '西湖村党支部', '一年晋位'],
      ],
      [
        gradingTable({
          year: 2026,
          committees: ['甲街道党工委', '乙街道党工委'].map((committeeName) => ({
            committeeName,
            rows: [{ branchName: `${committeeName}第一党支部`, firstGrading: '是', attempt: '第1次', selfTotal: 95, assessorTotal: 92, grade: 'A级', reasons: [], gradedOn: '2026-05-01' }],
            summary: '合计：A级1个',
          })),
        }),
        ['2026年度党支部分类定级情况表', '甲街道党工委第一党支部', '乙街道党工委第一党支部', '合计：A级1个'],
      ],
      [
        rectificationLedgerTable({
          year: 2026,
          organisationName: '包河区委',
          rows: [{ problem: '会议记录不全', foundIn: '专项督查', dimension: '组织生活', branchName: '甲党支部', inspector: '街道党工委', dueOn: '2026-06-30', status: '整改中', steps: [{ on: '2026-05-02', action: '报送整改情况', by: '甲党支部 张三', content: '已补齐' }], acceptedOn: '' }],
        }),
        ['2026年度问题整改台账', '会议记录不全', '报送整改情况（甲党支部张三）：已补齐'],
      ],
      [
        scoreSheetTable({
          branchName: '湖塘镇第一党支部',
          round: '第1轮考核',
          areas: [{ name: '组织建设', declaredPoints: 20, itemsPoints: 20, self: 18, assessor: 17, items: [{ requirement: '班子健全', standard: '按期换届', points: 20, self: 18, assessor: 17, duty: '' }] }],
          notes: [],
          total: { declared: 20, items: 20, self: 18, assessor: 17 },
          vetoes: [],
          verdict: '',
        }),
        ['武进区党支部规范化建设考核评分表', '湖塘镇第一党支部', '组织建设（20分）', '按期换届', '一票否决情形：无'],
      ],
      [
        complianceListTable({ organisationName: '武进区委', compliant: [{ committeeName: '湖塘镇党委', branchName: '甲党支部', score: 90, compliantOn: '2026-06-01', round: '第1轮' }], others: [], summary: '合格支部1个' }),
        ['党支部规范化建设合格支部名单', '合格支部1个', '党支部规范化建设未达标党支部情况', '共0个'],
      ],
      [
        projectLedgerTable({ organisationName: '淄博市局党委', year: 2026, projects: [{ branchName: '甲党支部', title: '红色领航', proposer: '张三', status: '实施中', returns: 0, approvedOn: '2026-03-01', progress: '已开展', opinion: '同意' }], flagged: [], summary: '党建项目1个' }),
        ['2026年度党支部党建项目台账', '红色领航', '2026年度未按期确定党建项目的党支部'],
      ],
      [
        responsibilityListTable({ title: '2026年“五好党支部”创建工作责任清单', organisationName: '甲党支部', rows: [{ title: '召开党员大会', leader: '书记', responsible: '组织委员', deadline: '每季度', status: '尚未开始' }], thresholds: [{ label: '党员参学率', figure: '90%', target: '85%', met: true, basis: '学习记录' }] }),
        ['2026年“五好党支部”创建工作责任清单', '召开党员大会', '“五好党支部”创建标准达标情况', '党员参学率', '达到'],
      ],
    ];
    for (const [doc, expected] of docs) {
      const file = save(await tablePdf(doc, PRINTED_AT));
      const all = text(file);
      for (const s of expected) expect(all).toContain(s.replace(/\s+/g, ''));
      // Each sheet's title opens a page of its own.
      const pages = Array.from({ length: pageCount(file) }, (_, i) => text(file, i + 1));
      for (const title of new Set(doc.sheets.map((s) => s.title))) {
        const opened = pages.filter((t) => t.startsWith(title.replace(/\s+/g, ''))).length;
        expect(opened).toBeGreaterThanOrEqual(doc.sheets.filter((s) => s.title === title).length);
      }
    }
  });

  it('finds the installed Noto Sans CJK faces, and says which font is missing where there is none (the API answers 503 PRINTING_UNAVAILABLE)', () => {
    expect(cjkFont().regular[1]).toBe('NotoSansCJKsc-Regular');
    const empty = mkdtempSync(path.join(tmpdir(), 'pennant-no-fonts-'));
    try {
      expect(() => cjkFont([empty])).toThrow(CjkFontMissing);
      expect(() => cjkFont([empty])).toThrow(/fonts-noto-cjk/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('the print time is China time', () => {
    expect(printTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 00:05');
  });
});
