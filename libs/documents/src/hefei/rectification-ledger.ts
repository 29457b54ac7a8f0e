import { yearMonth } from '../sheet-layout';
import { type TableDocument, labels, row, tableWorkbook } from '../table';

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
export function rectificationLedgerTable(o: { year: number; organisationName: string; rows: RectificationLedgerRow[]; at?: Date }): TableDocument {
  const title = `${o.year}年度${RECTIFICATION_LEDGER_TITLE}`;
  return {
    title,
    sheets: [
      {
        name: RECTIFICATION_LEDGER_TITLE,
        title,
        unit: o.organisationName,
        date: yearMonth(o.at ?? new Date()),
        landscape: true,
        widths: [6, 36, 16, 10, 24, 20, 12, 14, 50, 12],
        header: [labels(RECTIFICATION_LEDGER_HEADERS)],
        body: o.rows.map((r, i) => row(i + 1, r.problem, r.foundIn, r.dimension, r.branchName, r.inspector, r.dueOn, r.status, formatSteps(r.steps), r.acceptedOn)),
      },
    ],
  };
}

export const rectificationLedgerWorkbook = (o: Parameters<typeof rectificationLedgerTable>[0]) => tableWorkbook(rectificationLedgerTable(o));
