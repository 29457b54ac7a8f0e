import ExcelJS from 'exceljs';
import { dashboardSectionsOf } from '../../../apps/api/src/campaigns/dashboard-sections';
import { areaSubtotals, average, obligationFigures, obligationLine, obligationOfItem, pointsNotes, scoreDistribution } from '../../../apps/api/src/wujin/figures';
import { branchPageExample, branchPageSchema, complianceExample, complianceSchema } from '../../../apps/api/src/wujin/wujin.responses';
import { complianceListWorkbook, scoreSheetWorkbook } from '../../../libs/documents/src';
import { WUJIN_RUBRIC } from '../../../libs/persistence/src';
import { WUJIN_OBLIGATIONS } from '../../../libs/processes/src/wujin';
import { wujin } from '../../../libs/processes/src/wujin/definition';

const text = (ws: ExcelJS.Worksheet, row: number, col: number) => String(ws.getCell(row, col).value ?? '');

describe("Wujin's readers: dashboard sections, figures and documents", () => {
  it('shows on the dashboard exactly the sections the definition declares, and keeps its examples true to their schemas', () => {
    expect(Object.keys(dashboardSectionsOf('wujin').schema.shape).sort()).toEqual(wujin.dashboardSections.map((s) => s.id).sort());
    expect(branchPageSchema.safeParse(branchPageExample).success).toBe(true);
    expect(complianceSchema.safeParse(complianceExample).success).toBe(true);
  });

  it('counts scores in bands whose lower edge they hold, the pass line among them', () => {
    expect(scoreDistribution([100, 95, 94.5, 90, 89.5, 85, 84.5, 60, 59.5, 0]).map((b) => [b.band, b.branches])).toEqual([
      ['95-', 2],
      ['90-95', 2],
      ['85-90', 2],
      ['60-85', 2],
      ['0-60', 2],
    ]);
    expect(scoreDistribution([]).every((b) => b.branches === 0)).toBe(true);
    expect([average([]), average([92, 88, 90, 80, 90]), average([95.5, 86, 85])]).toEqual([null, 88, 88.83]);
  });

  it("folds occurrences into every obligation, on time, late, missed and open, ignoring other processes' codes", () => {
    const f = obligationFigures([
      { code: 'wujin_members_meeting', status: 'completed', late: false, n: 3 },
      { code: 'wujin_members_meeting', status: 'completed', late: true, n: 1 },
      { code: 'wujin_members_meeting', status: 'overdue', late: false, n: 2 },
      { code: 'wujin_committee_meeting', status: 'open', late: false, n: 5 },
      { code: 'hefei_self_inspection', status: 'overdue', late: false, n: 9 },
    ]);
    expect(Object.keys(f).sort()).toEqual(Object.keys(WUJIN_OBLIGATIONS).sort());
    expect(f.wujin_members_meeting).toEqual({ due: 6, onTime: 3, late: 1, missed: 2, open: 0 });
    expect(f.wujin_committee_meeting).toEqual({ due: 5, onTime: 0, late: 0, missed: 0, open: 5 });
    expect(f.wujin_funds.due).toBe(0);
    expect(obligationLine(f.wujin_members_meeting)).toBe('应完成6次：按时3次，逾期补做1次，未完成2次，未到期0次');
    expect(obligationLine(f.wujin_funds)).toBe('本年度无此项');
    expect([obligationOfItem('C1'), obligationOfItem('D3'), obligationOfItem('A4'), obligationOfItem('A1')]).toEqual(['wujin_members_meeting', 'wujin_funds', 'wujin_re_election', null]);
  });

  it("keeps each area's declared points beside its items' total, and says where they differ (活动开展有序: 30 declared, 32 printed)", () => {
    const areas = areaSubtotals(WUJIN_RUBRIC, { C1: { score: 1 }, C2: { score: 6 } }, null);
    expect(areas.map((a) => [a.name, a.declaredPoints, a.itemsPoints, a.self, a.assessor])).toEqual([
      ['组织设置合理', 10, 10, 0, null],
      ['党员管理规范', 30, 30, 0, null],
      ['活动开展有序', 30, 32, 7, null],
      ['保障措施到位', 30, 30, 0, null],
    ]);
    expect(pointsNotes(areas)).toEqual(['“活动开展有序”规定分值30分，各条目分值合计32分；按印发的条目分值计分。']);
  });

  it('prints a score sheet and a compliant list that read back as written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await scoreSheetWorkbook({
        branchName: '某党支部',
        round: '第1轮考核',
        areas: [{ name: '活动开展有序', declaredPoints: 30, itemsPoints: 32, self: 30, assessor: 28, items: [{ requirement: '要求', standard: '标准', points: 32, self: 30, assessor: 28, duty: '应完成1次' }] }],
        notes: ['注文'],
        total: { declared: 30, items: 32, self: 30, assessor: 28 },
        vetoes: ['党支部书记缺职'],
        verdict: '',
      })) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    expect([4, 5, 6, 7, 8].map((r) => text(ws, r, 1))).toEqual(['活动开展有序（30分）', '小计', '合计', '注：注文', '一票否决情形：党支部书记缺职']);
    expect([text(ws, 4, 7), text(ws, 5, 4), text(ws, 5, 6)]).toEqual(['应完成1次', '32', '28']);

    const list = new ExcelJS.Workbook();
    await list.xlsx.load((await complianceListWorkbook({ organisationName: '某区', compliant: [], others: [], summary: '合格支部0个' })) as unknown as ArrayBuffer);
    expect(list.worksheets.map((s) => [s.name, text(s, 4, 1)])).toEqual([
      ['合格支部名单', '合格支部0个'],
      ['未达标党支部', '共0个'],
    ]);
  });
});
