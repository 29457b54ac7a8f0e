import ExcelJS from 'exceljs';
import { cultivationPlanWorkbook, ledgerWorkbook, mentoringPlanWorkbook, recommendationFormWorkbook } from '../../libs/documents/src';

async function read(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}
const text = (ws: ExcelJS.Worksheet, row: number, col: number) => String(ws.getCell(row, col).value ?? '');
const rowValues = (ws: ExcelJS.Worksheet, row: number, cols: number) => Array.from({ length: cols }, (_, i) => text(ws, row, i + 1));

describe("Tai'an attachments as .xlsx, laid out like the document", () => {
  it('附件1 ledger: merged title, the 填报单位 line, two header rows with the years, one row per branch', async () => {
    const ws = await read(
      await ledgerWorkbook({
        organisationName: '中共泰安市泰山区委员会',
        years: [2027, 2028, 2029],
        at: new Date('2027-07-31T00:00:00+08:00'),
        rows: [
          {
            domain: '农村',
            branchName: '东关村党支部',
            grade: '中间',
            goals: [{ year: 2027, grade: '先进' }, { year: 2029, grade: '先进' }],
            problems: '阵地建设薄弱',
            measures: '新建党群服务中心',
            evaluations: [{ year: 2027, result: '良好' }],
            contact: '李明',
            contactTitle: '组织委员',
            phone: '13800000001',
          },
        ],
      }),
    );
    expect(text(ws, 1, 1)).toBe('过硬党支部建设工作台账');
    expect(ws.getCell(1, 15).isMerged).toBe(true);
    expect(text(ws, 2, 1)).toContain('填报单位：中共泰安市泰山区委员会');
    expect(text(ws, 2, 1)).toContain('2027年7月');
    expect(rowValues(ws, 3, 15)).toEqual(['领域', '序号', '党支部名称', '当前等次', '创建目标', '创建目标', '创建目标', '存在的问题', '整改及创建措施', '年度考评结果', '年度考评结果', '年度考评结果', '包保联系人', '职务', '联系方式']);
    expect(rowValues(ws, 4, 15).slice(4, 12)).toEqual(['2027年', '2028年', '2029年', '存在的问题', '整改及创建措施', '2027年', '2028年', '2029年']);
    expect(ws.getCell(4, 8).isMerged).toBe(true);
    expect(rowValues(ws, 5, 15)).toEqual(['农村', '1', '东关村党支部', '中间', '先进', '', '先进', '阵地建设薄弱', '新建党群服务中心', '良好', '', '', '李明', '组织委员', '13800000001']);
  });

  it('附件2 cultivation plan: the year on its first row, numbered within the year', async () => {
    const ws = await read(
      await cultivationPlanWorkbook({
        organisationName: '中共泰安市岱岳区委员会',
        rows: [
          { year: 2028, branchName: '乙党支部', measures: '结对共建' },
          { year: 2027, branchName: '甲党支部', measures: '书记培训', contact: '王强', contactTitle: '副书记', phone: '0538-1' },
          { year: 2027, branchName: '丙党支部', measures: '阵地提升' },
        ],
      }),
    );
    expect(text(ws, 1, 1)).toBe('红旗党支部三年培树计划推进表');
    expect(rowValues(ws, 3, 7)).toEqual(['年度', '序号', '党支部名称', '具体培养措施', '包保联系人', '职务', '联系方式']);
    expect(rowValues(ws, 4, 7)).toEqual(['2027年', '1', '甲党支部', '书记培训', '王强', '副书记', '0538-1']);
    expect(rowValues(ws, 5, 4)).toEqual(['', '2', '丙党支部', '阵地提升']);
    expect(rowValues(ws, 6, 3)).toEqual(['2028年', '1', '乙党支部']);
  });

  it('附件3 form: each level’s opinion in its own block with signer and date; an absent one left blank', async () => {
    const ws = await read(
      await recommendationFormWorkbook({
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
        inspection: { inspectors: '泰山区委组织部考察组：王建国、李红', inspectedOn: '2027-05-12', findings: '资料齐全，群众满意' },
        opinions: {
          grassroots: { opinion: '同意推荐', signer: '财源街道党工委', date: '2027-03-28' },
          city_managed: { opinion: '经党委会议研究，同意推荐', signer: '泰山区委', date: '2027-05-30' },
        },
      }),
    );
    expect(text(ws, 1, 1)).toBe('“泰山先锋”红旗党支部推荐审批表');
    expect([text(ws, 3, 1), text(ws, 3, 2)]).toEqual(['党支部名称', '东关村党支部']);
    expect(rowValues(ws, 6, 4)).toEqual(['党支部书记姓名', '张建国', '联系电话', '13800000000']);
    // The evaluation and the inspection, per candidate, before the opinions they inform.
    expect(text(ws, 10, 1)).toBe('测评及考察情况');
    expect(text(ws, 10, 2)).toContain('党员群众测评得分92.5（46人参加）');
    expect(text(ws, 10, 2)).toContain('考察组：泰山区委组织部考察组：王建国、李红');
    expect(text(ws, 10, 2)).toContain('考察时间：2027年5月12日');
    expect(text(ws, 10, 2)).toContain('资料齐全，群众满意');
    expect([text(ws, 11, 1), text(ws, 12, 1), text(ws, 13, 1), text(ws, 14, 1)]).toEqual(['基层党委意见', '市管党委意见', '市委组织部评审意见', '市委审批意见']);
    expect(text(ws, 11, 2)).toContain('同意推荐');
    expect(text(ws, 11, 2)).toContain('2027年3月28日');
    expect(text(ws, 12, 2)).toContain('经党委会议研究');
    expect(text(ws, 13, 2)).not.toMatch(/[同意经]/);
    expect(text(ws, 14, 2)).toContain('年   月   日');
  });

  it('附件4 mentoring table: the mentor named once for its mentees', async () => {
    const row = { mentor: '东关村党支部', mentee: '西湖村党支部', menteeGrade: '后进', goal: '一年晋位', measures: '组织共建', deadline: '2028-06-30' };
    const ws = await read(await mentoringPlanWorkbook({ organisationName: '泰山区委', rows: [row, { ...row, mentee: '南留村党支部' }] }));
    expect(text(ws, 1, 1)).toBe('“泰山先锋”红旗党支部帮带工作配档表');
    expect(rowValues(ws, 3, 7)).toEqual(['红旗党支部名称', '帮带支部名称', '帮带支部等次', '帮带目标', '帮带措施', '完成时限', '备注']);
    expect(rowValues(ws, 4, 6)).toEqual(['东关村党支部', '西湖村党支部', '后进', '一年晋位', '组织共建', '2028-06-30']);
    expect(rowValues(ws, 5, 2)).toEqual(['', '南留村党支部']);
  });
});
