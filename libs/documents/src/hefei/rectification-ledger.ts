import ExcelJS from 'exceljs';
import { box, heading, headerRow, sheet, toBuffer, yearMonth } from '../sheet-layout';

/** One step of a rectification: the branch's report, or the inspector's return or acceptance with its opinion. */
export interface RectificationLedgerStep {
  /** China date, YYYY-MM-DD. */
  on: string;
  action: string;
  by: string;
  content: string;
}

/** One problem found and its rectification, labels already in Chinese. */
export interface RectificationLedgerRow {
  problem: string;
  foundIn: string;
  dimension: string;
  branchName: string;
  inspector: string;
  dueOn: string;
  status: string;
  steps: RectificationLedgerStep[];
  acceptedOn: string;
}

export const RECTIFICATION_LEDGER_TITLE = '问题整改台账';
export const RECTIFICATION_LEDGER_HEADERS = ['序号', '存在问题', '发现环节', '所属方面', '党支部', '督查（验收）单位', '整改期限', '整改状态', '整改过程及意见', '验收时间'] as const;

/** The steps as the ledger's one cell: a line each, in order. */
export const formatSteps = (steps: readonly RectificationLedgerStep[]) =>
  steps.map((s) => `${s.on} ${s.action}（${s.by}）${s.content.trim() ? `：${s.content.trim()}` : ''}`).join('\n');

/** 问题整改台账: every problem found within the unit's subtree, with how its rectification went. */
export async function rectificationLedgerWorkbook(o: { year: number; organisationName: string; rows: RectificationLedgerRow[]; at?: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, RECTIFICATION_LEDGER_TITLE, [6, 36, 16, 10, 24, 20, 12, 14, 50, 12], true);
  const top = heading(ws, `${o.year}年度${RECTIFICATION_LEDGER_TITLE}`, RECTIFICATION_LEDGER_HEADERS.length, o.organisationName, yearMonth(o.at ?? new Date()));
  headerRow(ws, top, RECTIFICATION_LEDGER_HEADERS);
  o.rows.forEach((r, i) => {
    const values = [i + 1, r.problem, r.foundIn, r.dimension, r.branchName, r.inspector, r.dueOn, r.status, formatSteps(r.steps), r.acceptedOn];
    values.forEach((v, col) => box(ws.getCell(top + 1 + i, col + 1), v));
  });
  return toBuffer(wb);
}
