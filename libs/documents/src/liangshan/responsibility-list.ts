import { yearMonth } from '../sheet-layout';
import { type TableDocument, labels, row, tableWorkbook } from '../table';

export interface ResponsibilityListRow {
  title: string;
  leader: string;
  responsible: string;
  deadline: string;
  /** Each occurrence so far: “2026年1月：已完成（按时）”. */
  status: string;
}

export interface ThresholdRow {
  label: string;
  figure: string;
  target: string;
  met: boolean;
  basis: string;
}

export const RESPONSIBILITY_LIST_HEADERS = ['序号', '重点工作', '责任领导', '责任人', '完成时限', '完成情况'] as const;
export const THRESHOLD_HEADERS = ['序号', '创建标准', '实际', '标准', '是否达到', '计算依据'] as const;

/**
 * 责任清单 as the seed's annex prints it (序号、重点工作、责任领导、责任人、完成时限),
 * with a column of each item's status; then a sheet of the thresholds the list
 * serves, each with its figure and whether it is met.
 */
export function responsibilityListTable(o: { title: string; organisationName: string; rows: ResponsibilityListRow[]; thresholds: ThresholdRow[]; at?: Date }): TableDocument {
  const date = yearMonth(o.at ?? new Date());
  return {
    title: o.title,
    sheets: [
      {
        name: '责任清单',
        title: o.title,
        unit: o.organisationName,
        date,
        landscape: true,
        widths: [6, 40, 12, 22, 26, 40],
        header: [labels(RESPONSIBILITY_LIST_HEADERS)],
        body: o.rows.map((r, i) => row(i + 1, r.title, r.leader, r.responsible, r.deadline, r.status)),
      },
      {
        name: '创建标准达标情况',
        title: '“五好党支部”创建标准达标情况',
        unit: o.organisationName,
        date,
        landscape: true,
        widths: [6, 40, 12, 10, 10, 40],
        header: [labels(THRESHOLD_HEADERS)],
        body: o.thresholds.map((r, i) => row(i + 1, r.label, r.figure, r.target, r.met ? '达到' : '未达到', r.basis)),
      },
    ],
  };
}

export const responsibilityListWorkbook = (o: Parameters<typeof responsibilityListTable>[0]) => tableWorkbook(responsibilityListTable(o));
