import { yearMonth } from '../sheet-layout';
import { type TableDocument, type TableSheet, numberedListSheet, tableWorkbook } from '../table';

export interface ProjectLedgerRow {
  branchName: string;
  title: string;
  proposer: string;
  status: string;
  /** 退回次数. */
  returns: number;
  /** China date, YYYY-MM-DD, or '' before approval. */
  approvedOn: string;
  /** The latest progress reported, with its evidence. */
  progress: string;
  /** The bureau's latest opinion (approval, return or acceptance). */
  opinion: string;
}

export interface FlaggedBranchRow {
  branchName: string;
  reason: string;
}

export const PROJECT_LEDGER_TITLE = '党支部党建项目台账';
export const PROJECT_LEDGER_HEADERS = ['序号', '党支部', '项目名称', '提出人', '当前状态', '退回次数', '审核通过日期', '实施进展及佐证', '局党委意见'] as const;

/**
 * 党建项目台账: every branch's party-building project of the year with where
 * it stands, then a sheet of the branches flagged for having no approved
 * project by the date.
 */
export function projectLedgerTable(o: { organisationName: string; year: number; projects: ProjectLedgerRow[]; flagged: FlaggedBranchRow[]; summary: string; at?: Date }): TableDocument {
  const date = yearMonth(o.at ?? new Date());
  const table = (name: string, title: string, headers: readonly string[], widths: number[], rows: Array<Array<string | number>>, foot: string): TableSheet =>
    numberedListSheet({ name, title, unit: o.organisationName, date, headers, widths, rows, foot });
  return {
    title: `${o.year}年度${PROJECT_LEDGER_TITLE}`,
    sheets: [
      table(
        '党建项目',
        `${o.year}年度${PROJECT_LEDGER_TITLE}`,
        PROJECT_LEDGER_HEADERS,
        [6, 28, 28, 10, 12, 8, 12, 40, 36],
        o.projects.map((r) => [r.branchName, r.title, r.proposer, r.status, r.returns, r.approvedOn, r.progress, r.opinion]),
        o.summary,
      ),
      table('未按期确定项目', `${o.year}年度未按期确定党建项目的党支部`, ['序号', '党支部', '情况'], [6, 34, 50], o.flagged.map((r) => [r.branchName, r.reason]), `共${o.flagged.length}个`),
    ],
  };
}

export const projectLedgerWorkbook = (o: Parameters<typeof projectLedgerTable>[0]) => tableWorkbook(projectLedgerTable(o));
