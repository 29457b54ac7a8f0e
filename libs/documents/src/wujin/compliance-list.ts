import { yearMonth } from '../sheet-layout';
import { type TableDocument, type TableSheet, numberedListSheet, tableWorkbook } from '../table';

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
export function complianceListTable(o: { organisationName: string; compliant: CompliantBranchRow[]; others: NonCompliantBranchRow[]; summary: string; at?: Date }): TableDocument {
  const date = yearMonth(o.at ?? new Date());
  const table = (name: string, title: string, headers: readonly string[], widths: number[], rows: Array<Array<string | number>>, foot: string): TableSheet =>
    numberedListSheet({ name, title, unit: o.organisationName, date, headers, widths, rows, foot });
  return {
    title: COMPLIANCE_LIST_TITLE,
    sheets: [
      table(
        '合格支部名单',
        COMPLIANCE_LIST_TITLE,
        COMPLIANT_HEADERS,
        [6, 34, 34, 10, 12, 20],
        o.compliant.map((r) => [r.committeeName, r.branchName, r.score ?? '', r.compliantOn, r.round]),
        o.summary,
      ),
      table(
        '未达标党支部',
        '党支部规范化建设未达标党支部情况',
        NON_COMPLIANT_HEADERS,
        [6, 34, 34, 16, 10, 50],
        o.others.map((r) => [r.committeeName, r.branchName, r.standing, r.score ?? '', r.reasons.join('\n')]),
        `共${o.others.length}个`,
      ),
    ],
  };
}

export const complianceListWorkbook = (o: Parameters<typeof complianceListTable>[0]) => tableWorkbook(complianceListTable(o));
