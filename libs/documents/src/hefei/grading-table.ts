import { yearMonth } from '../sheet-layout';
import { type TableDocument, labels, row, tableWorkbook, wideRow } from '../table';

/** One grading of a branch as the table prints it (labels already in Chinese). */
export interface GradingTableRow {
  branchName: string;
  /** 是 / 否; empty for a branch not yet applied. */
  firstGrading: string;
  /** 第1次 / 第2次（整改后重新申报）. */
  attempt: string;
  selfTotal: number | null;
  assessorTotal: number | null;
  /** The grade's label, or where the branch stands when not graded yet. */
  grade: string;
  reasons: string[];
  /** China date, YYYY-MM-DD, of the grading; empty when not graded. */
  gradedOn: string;
}

export interface GradingTableCommittee {
  committeeName: string;
  rows: GradingTableRow[];
  /** The closing line: counts by grade and the A cap. */
  summary: string;
}

export const GRADING_TABLE_TITLE = '党支部分类定级情况表';
export const GRADING_TABLE_HEADERS = ['序号', '党支部名称', '是否首次定级', '申报次数', '自评得分', '考核得分', '评定等次', '定级理由（未评为A级的原因）', '评定日期'] as const;

const FORBIDDEN_IN_SHEET_NAMES = /[\\/?*[\]:]/g;
const SHEET_NAME_MAX = 31;

/** A worksheet name Excel accepts (no \ / ? * [ ] :, at most 31 characters, not quoted), unique within `used`. */
export function worksheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(FORBIDDEN_IN_SHEET_NAMES, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  let name = base.slice(0, SHEET_NAME_MAX);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/**
 * 党支部分类定级情况表: one sheet per grassroots committee, each with the
 * title, the committee as 填报单位, a row per grading of each branch, and the
 * counts by grade with the A cap at the foot.
 */
export function gradingTable(o: { year: number; committees: GradingTableCommittee[]; at?: Date }): TableDocument {
  const used = new Set<string>();
  const committees = o.committees.length ? o.committees : [{ committeeName: GRADING_TABLE_TITLE, rows: [], summary: '' }];
  const title = `${o.year}年度${GRADING_TABLE_TITLE}`;
  return {
    title,
    sheets: committees.map((c) => ({
      name: worksheetName(c.committeeName, used),
      title,
      unit: c.committeeName,
      date: yearMonth(o.at ?? new Date()),
      landscape: true,
      widths: [6, 30, 10, 18, 10, 10, 14, 44, 12],
      header: [labels(GRADING_TABLE_HEADERS)],
      body: [
        ...c.rows.map((r, i) => row(i + 1, r.branchName, r.firstGrading, r.attempt, r.selfTotal ?? '', r.assessorTotal ?? '', r.grade, r.reasons.join('\n'), r.gradedOn)),
        ...(c.summary ? [wideRow(c.summary, GRADING_TABLE_HEADERS.length)] : []),
      ],
    })),
  };
}

export const gradingTableWorkbook = (o: Parameters<typeof gradingTable>[0]) => tableWorkbook(gradingTable(o));
