import ExcelJS from 'exceljs';
import { dashboardProcessIds, dashboardSectionsOf } from '../../../apps/api/src/campaigns/dashboard-sections';
import { aGradeCapFigures, quarterFigures, reportState } from '../../../apps/api/src/hefei/figures';
import { hefeiSectionsSchema } from '../../../apps/api/src/hefei/dashboard-sections';
import { branchPageExample, branchPageSchema, standardsExample, standardsSchema } from '../../../apps/api/src/hefei/hefei.responses';
import {
  GRADING_TABLE_HEADERS,
  RECTIFICATION_LEDGER_HEADERS,
  formatSteps,
  gradingTableWorkbook,
  rectificationLedgerWorkbook,
  worksheetName,
} from '../../../libs/documents/src';
import { hefei } from '../../../libs/processes/src/hefei/definition';

async function sheets(buffer: Buffer): Promise<ExcelJS.Worksheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets;
}
const text = (ws: ExcelJS.Worksheet, row: number, col: number) => String(ws.getCell(row, col).value ?? '');
const rowValues = (ws: ExcelJS.Worksheet, row: number, cols: number) => Array.from({ length: cols }, (_, i) => text(ws, row, i + 1));

describe("Hefei's readers: dashboard sections, figures and documents", () => {
  it('shows on the dashboard exactly the sections the definition declares (Hefei is not in the registry yet)', () => {
    expect(Object.keys(dashboardSectionsOf('hefei').schema.shape).sort()).toEqual(hefei.dashboardSections.map((s) => s.id).sort());
    expect(Object.keys(hefeiSectionsSchema.shape).sort()).toEqual(['grades', 'rectifications', 'reports', 'self_inspections', 'standards']);
    // Its dashboard is documented before the registry lists it, and only once when it does.
    const ids = dashboardProcessIds(['taian']);
    expect(ids[0]).toBe('taian');
    expect(ids).toEqual(expect.arrayContaining(['taian', 'hefei', 'wujin']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboardProcessIds(ids)).toEqual(ids);
  });

  it('keeps the examples of its read endpoints true to their schemas', () => {
    expect(branchPageSchema.safeParse(branchPageExample).success).toBe(true);
    expect(standardsSchema.safeParse(standardsExample).success).toBe(true);
  });

  it('counts a report on time, late, missing once escalated or past due, and pending before', () => {
    const now = new Date('2026-08-11T00:00:00Z');
    const due = '2026-08-10T15:59:59.999Z';
    expect(reportState({ filedAt: '2026-08-09T00:00:00Z', late: false, dueAt: due, escalatedAt: null }, now)).toBe('on_time');
    expect(reportState({ filedAt: '2026-08-12T00:00:00Z', late: true, dueAt: due, escalatedAt: '2026-08-11T00:00:00Z' }, now)).toBe('late');
    expect(reportState({ filedAt: null, late: null, dueAt: due, escalatedAt: null }, now)).toBe('missing');
    expect(reportState({ filedAt: null, late: null, dueAt: '2026-08-20T15:59:59.999Z', escalatedAt: null }, now)).toBe('pending');
    expect(reportState({ filedAt: null, late: null, dueAt: '2026-08-20T15:59:59.999Z', escalatedAt: '2026-08-10T16:00:00Z' }, now)).toBe('missing');
    expect(reportState({ filedAt: null, late: null, dueAt: null, escalatedAt: null }, now)).toBe('pending');
  });

  it('caps A grades at 10% of the branches in a first grading, graded yet or not', () => {
    expect(aGradeCapFigures(20, 5, 2)).toEqual({ branches: 20, graded: 5, aGiven: 2, aCap: 2, aCapRespected: true });
    expect(aGradeCapFigures(20, 20, 3)).toMatchObject({ aCap: 2, aCapRespected: false });
    expect(aGradeCapFigures(9, 9, 1)).toMatchObject({ aCap: 0, aCapRespected: false });
    expect(aGradeCapFigures(30, 30, 3)).toMatchObject({ aCap: 3, aCapRespected: true });
    expect(aGradeCapFigures(10, 10, 2, 0.2)).toMatchObject({ aCap: 2, aCapRespected: true });
  });

  it('gives all four quarters of the year, with their due days, zeros where nothing is counted yet', () => {
    const q = quarterFigures(2026, [{ quarter: 2, onTime: 3, late: 1, missed: 2, open: 0 }]);
    expect(q.map((x) => [x.quarter, x.label, x.dueOn, x.due])).toEqual([
      [1, '2026年第1季度', '2026-03-31', 0],
      [2, '2026年第2季度', '2026-06-30', 6],
      [3, '2026年第3季度', '2026-09-30', 0],
      [4, '2026年第4季度', '2026-12-31', 0],
    ]);
    expect(q[1]).toMatchObject({ onTime: 3, late: 1, missed: 2, open: 0 });
  });

  it('names worksheets as Excel allows: no forbidden characters, at most 31 characters, unique', () => {
    const used = new Set<string>();
    expect(worksheetName('中共合肥市义城监狱委员会', used)).toBe('中共合肥市义城监狱委员会');
    expect(worksheetName('中共合肥市义城监狱委员会', used)).toBe('中共合肥市义城监狱委员会(2)');
    expect(worksheetName('a/b:c*d?e[f]g\\h', used)).toBe('a_b_c_d_e_f_g_h');
    const long = '党'.repeat(40);
    expect(worksheetName(long, used)).toHaveLength(31);
    expect(worksheetName(long, used)).toBe(`${'党'.repeat(28)}(2)`);
    expect(worksheetName("''", used)).toBe('Sheet');
  });

  it('lays out the grading table one sheet per committee: title, 填报单位, headers, a row per grading, the cap at the foot', async () => {
    const [ws, other, ...rest] = await sheets(
      await gradingTableWorkbook({
        year: 2026,
        at: new Date('2026-08-20T00:00:00+08:00'),
        committees: [
          {
            committeeName: '中共合肥市义城监狱委员会',
            rows: [
              { branchName: '监狱医院党支部', firstGrading: '是', attempt: '第1次', selfTotal: 70, assessorTotal: 55.5, grade: 'D级（未达标）', reasons: ['考核得分55.5分，未达到C级分数线60分'], gradedOn: '2026-08-05' },
              { branchName: '一监区党支部', firstGrading: '', attempt: '', selfTotal: null, assessorTotal: null, grade: '未申报', reasons: [], gradedOn: '' },
            ],
            summary: '合计：A级0个',
          },
          { committeeName: '中共合肥市律师协会委员会', rows: [], summary: '' },
        ],
      }),
    );
    expect(rest).toEqual([]);
    expect(ws!.name).toBe('中共合肥市义城监狱委员会');
    expect(text(ws!, 1, 1)).toBe('2026年度党支部分类定级情况表');
    expect(ws!.getCell(1, GRADING_TABLE_HEADERS.length).isMerged).toBe(true);
    expect(text(ws!, 2, 1)).toContain('填报单位：中共合肥市义城监狱委员会');
    expect(text(ws!, 2, 1)).toContain('2026年8月');
    expect(rowValues(ws!, 3, 9)).toEqual([...GRADING_TABLE_HEADERS]);
    expect(rowValues(ws!, 4, 9)).toEqual(['1', '监狱医院党支部', '是', '第1次', '70', '55.5', 'D级（未达标）', '考核得分55.5分，未达到C级分数线60分', '2026-08-05']);
    expect(rowValues(ws!, 5, 9)).toEqual(['2', '一监区党支部', '', '', '', '', '未申报', '', '']);
    expect(text(ws!, 6, 1)).toBe('合计：A级0个');
    expect(other!.name).toBe('中共合肥市律师协会委员会');
    expect(text(other!, 4, 1)).toBe('');
  });

  it('still gives a valid workbook with headers when the subtree has no committee', async () => {
    const [ws, ...rest] = await sheets(await gradingTableWorkbook({ year: 2026, committees: [] }));
    expect(rest).toEqual([]);
    expect(rowValues(ws!, 3, 9)).toEqual([...GRADING_TABLE_HEADERS]);
  });

  it('lays out the rectification ledger with every step and its opinion in one cell, in order', async () => {
    const steps = [
      { on: '2026-06-20', action: '报送整改情况', by: '一监区党支部 张三', content: '已补齐记录' },
      { on: '2026-06-22', action: '退回整改', by: '中共合肥市司法局委员会 李四', content: '佐证材料不足' },
      { on: '2026-06-28', action: '验收通过', by: '中共合肥市司法局委员会 李四', content: '' },
    ];
    expect(formatSteps(steps)).toBe('2026-06-20 报送整改情况（一监区党支部 张三）：已补齐记录\n2026-06-22 退回整改（中共合肥市司法局委员会 李四）：佐证材料不足\n2026-06-28 验收通过（中共合肥市司法局委员会 李四）');
    const [ws] = await sheets(
      await rectificationLedgerWorkbook({
        year: 2026,
        organisationName: '中共合肥市司法局委员会',
        rows: [
          {
            problem: '“三会一课”记录不完整',
            foundIn: '2026年上半年专项督查',
            dimension: '基本制度',
            branchName: '一监区党支部',
            inspector: '中共合肥市司法局委员会',
            dueOn: '2026-07-10',
            status: '整改已验收',
            steps,
            acceptedOn: '2026-06-28',
          },
        ],
      }),
    );
    expect(text(ws!, 1, 1)).toBe('2026年度问题整改台账');
    expect(text(ws!, 2, 1)).toContain('填报单位：中共合肥市司法局委员会');
    expect(rowValues(ws!, 3, 10)).toEqual([...RECTIFICATION_LEDGER_HEADERS]);
    expect(rowValues(ws!, 4, 10)).toEqual([
      '1',
      '“三会一课”记录不完整',
      '2026年上半年专项督查',
      '基本制度',
      '一监区党支部',
      '中共合肥市司法局委员会',
      '2026-07-10',
      '整改已验收',
      formatSteps(steps),
      '2026-06-28',
    ]);
  });
});
