import { yearMonth } from '../sheet-layout';
import { type TableDocument, type TableRow, labels, row, tableWorkbook, wideRow } from '../table';

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
export function scoreSheetTable(s: BranchScoreSheet, at: Date = new Date()): TableDocument {
  const cols = SCORE_SHEET_HEADERS.length;
  const body: TableRow[] = [];
  const line = (label: string, text: string, points: number | string, self: number | string, assessor: number | string) =>
    body.push(row({ value: label, bold: true }, { value: text, colSpan: 2 }, points, self, assessor, ''));
  for (const a of s.areas) {
    a.items.forEach((i, k) => {
      const area = k === 0 ? [{ value: `${a.name}（${a.declaredPoints}分）`, rowSpan: a.items.length }] : [];
      body.push(row(...area, i.requirement, i.standard, i.points, blank(i.self), blank(i.assessor), i.duty));
    });
    line('小计', `${a.name}：规定分值${a.declaredPoints}分，各条目分值合计${a.itemsPoints}分`, a.itemsPoints, blank(a.self), blank(a.assessor));
  }
  line('合计', `规定分值合计${s.total.declared}分，各条目分值合计${s.total.items}分`, s.total.items, blank(s.total.self), blank(s.total.assessor));
  for (const n of s.notes) body.push(wideRow(`注：${n}`, cols));
  body.push(wideRow(`一票否决情形：${s.vetoes.length ? s.vetoes.join('；') : '无'}`, cols));
  if (s.verdict) body.push(wideRow(s.verdict, cols));
  return {
    title: SCORE_SHEET_TITLE,
    sheets: [{ name: '考核评分表', title: SCORE_SHEET_TITLE, unit: `${s.branchName}  ${s.round}`, date: yearMonth(at), landscape: false, widths: [16, 18, 52, 8, 8, 8, 30], header: [labels(SCORE_SHEET_HEADERS)], body }],
  };
}

export const scoreSheetWorkbook = (s: BranchScoreSheet, at: Date = new Date()) => tableWorkbook(scoreSheetTable(s, at));
