import ExcelJS from 'exceljs';
import { box, heading, headerRow, sheet, toBuffer, yearMonth } from '../sheet-layout';

export interface CompliantBranchRow {
  committeeName: string;
  branchName: string;
  score: number | null;
  /** China date, YYYY-MM-DD. */
  compliantOn: string;
  /** 第1轮 / 第2轮（整顿后复核）. */
  round: string;
}

export interface NonCompliantBranchRow {
  committeeName: string;
  branchName: string;
  standing: string;
  score: number | null;
  reasons: string[];
}

export const COMPLIANCE_LIST_TITLE = '党支部规范化建设合格支部名单';
export const COMPLIANT_HEADERS = ['序号', '党(工)委', '党支部', '考核得分', '合格时间', '考核轮次'] as const;
export const NON_COMPLIANT_HEADERS = ['序号', '党(工)委', '党支部', '当前状态', '考核得分', '原因'] as const;

/**
 * 合格支部名单: the compliant branches by committee (score, since when, in
 * which round), then a sheet of the branches not compliant with where they
 * stand and why; each sheet closes with its count.
 */
export async function complianceListWorkbook(o: { organisationName: string; compliant: CompliantBranchRow[]; others: NonCompliantBranchRow[]; summary: string; at?: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const date = yearMonth(o.at ?? new Date());
  const table = (name: string, title: string, headers: readonly string[], widths: number[], rows: Array<Array<string | number>>, foot: string) => {
    const ws = sheet(wb, name, widths, true);
    const top = heading(ws, title, headers.length, o.organisationName, date);
    headerRow(ws, top, headers);
    rows.forEach((r, i) => [i + 1, ...r].forEach((v, c) => box(ws.getCell(top + 1 + i, c + 1), v)));
    const end = top + 1 + rows.length;
    ws.mergeCells(end, 1, end, headers.length);
    box(ws.getCell(end, 1), foot);
  };
  table(
    '合格支部名单',
    COMPLIANCE_LIST_TITLE,
    COMPLIANT_HEADERS,
    [6, 34, 34, 10, 12, 20],
    o.compliant.map((r) => [r.committeeName, r.branchName, r.score ?? '', r.compliantOn, r.round]),
    o.summary,
  );
  table(
    '未达标党支部',
    '党支部规范化建设未达标党支部情况',
    NON_COMPLIANT_HEADERS,
    [6, 34, 34, 16, 10, 50],
    o.others.map((r) => [r.committeeName, r.branchName, r.standing, r.score ?? '', r.reasons.join('\n')]),
    `共${o.others.length}个`,
  );
  return toBuffer(wb);
}
