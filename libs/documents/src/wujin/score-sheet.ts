import ExcelJS from 'exceljs';
import { box, heading, headerRow, sheet, toBuffer, yearMonth } from '../sheet-layout';

/** One rubric item of the score sheet (labels in Chinese, scores null where not given yet). */
export interface ScoreSheetItem {
  requirement: string;
  standard: string;
  points: number;
  self: number | null;
  assessor: number | null;
  /** How the obligation the item checks was kept; empty for an item without one. */
  duty: string;
}

export interface ScoreSheetArea {
  name: string;
  declaredPoints: number;
  itemsPoints: number;
  self: number | null;
  assessor: number | null;
  items: ScoreSheetItem[];
}

export interface BranchScoreSheet {
  branchName: string;
  /** 第1轮考核 etc., or that the branch has not been assessed. */
  round: string;
  areas: ScoreSheetArea[];
  /** Where the items' points differ from the declared ones, one sentence each. */
  notes: string[];
  total: { declared: number; items: number; self: number | null; assessor: number | null };
  vetoes: string[];
  /** The district's verdict in a sentence, empty before it. */
  verdict: string;
}

export const SCORE_SHEET_TITLE = '武进区党支部规范化建设考核评分表';
export const SCORE_SHEET_HEADERS = ['考核项目', '考核要求', '考核标准', '分值', '自评分', '考核分', '履职情况'] as const;

const blank = (v: number | null) => v ?? '';

/**
 * 考核评分表 of one branch, as the seed prints the rubric: each area with its
 * items (requirement, standard, points, self and assessor score, and how the
 * standing obligation the item checks was kept), the area's subtotal with its
 * declared points beside the items' total, a note where they differ, the
 * total and the vetoes.
 */
export async function scoreSheetWorkbook(s: BranchScoreSheet, at: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cols = SCORE_SHEET_HEADERS.length;
  const ws = sheet(wb, '考核评分表', [16, 18, 52, 8, 8, 8, 30], false);
  let row = heading(ws, SCORE_SHEET_TITLE, cols, `${s.branchName}  ${s.round}`, yearMonth(at));
  headerRow(ws, row, SCORE_SHEET_HEADERS);
  row++;
  const line = (label: string, text: string, points: number | string, self: number | string, assessor: number | string) => {
    box(ws.getCell(row, 1), label, true);
    ws.mergeCells(row, 2, row, 3);
    box(ws.getCell(row, 2), text);
    box(ws.getCell(row, 4), points);
    box(ws.getCell(row, 5), self);
    box(ws.getCell(row, 6), assessor);
    box(ws.getCell(row, 7), '');
    row++;
  };
  const wide = (text: string) => {
    ws.mergeCells(row, 1, row, cols);
    box(ws.getCell(row, 1), text);
    row++;
  };
  for (const a of s.areas) {
    const first = row;
    for (const i of a.items) {
      [`${a.name}（${a.declaredPoints}分）`, i.requirement, i.standard, i.points, blank(i.self), blank(i.assessor), i.duty].forEach((v, c) => box(ws.getCell(row, c + 1), v));
      row++;
    }
    if (row - 1 > first) ws.mergeCells(first, 1, row - 1, 1);
    line('小计', `${a.name}：规定分值${a.declaredPoints}分，各条目分值合计${a.itemsPoints}分`, a.itemsPoints, blank(a.self), blank(a.assessor));
  }
  line('合计', `规定分值合计${s.total.declared}分，各条目分值合计${s.total.items}分`, s.total.items, blank(s.total.self), blank(s.total.assessor));
  for (const n of s.notes) wide(`注：${n}`);
  wide(`一票否决情形：${s.vetoes.length ? s.vetoes.join('；') : '无'}`);
  if (s.verdict) wide(s.verdict);
  return toBuffer(wb);
}
