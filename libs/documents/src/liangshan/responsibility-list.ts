import ExcelJS from 'exceljs';
import { box, heading, headerRow, sheet, toBuffer, yearMonth } from '../sheet-layout';

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
export async function responsibilityListWorkbook(o: { title: string; organisationName: string; rows: ResponsibilityListRow[]; thresholds: ThresholdRow[]; at?: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const date = yearMonth(o.at ?? new Date());
  const list = sheet(wb, '责任清单', [6, 40, 12, 22, 26, 40], true);
  let top = heading(list, o.title, RESPONSIBILITY_LIST_HEADERS.length, o.organisationName, date);
  headerRow(list, top, RESPONSIBILITY_LIST_HEADERS);
  o.rows.forEach((r, i) => [i + 1, r.title, r.leader, r.responsible, r.deadline, r.status].forEach((v, c) => box(list.getCell(top + 1 + i, c + 1), v)));
  const t = sheet(wb, '创建标准达标情况', [6, 40, 12, 10, 10, 40], true);
  top = heading(t, '“五好党支部”创建标准达标情况', THRESHOLD_HEADERS.length, o.organisationName, date);
  headerRow(t, top, THRESHOLD_HEADERS);
  o.thresholds.forEach((r, i) => [i + 1, r.label, r.figure, r.target, r.met ? '达到' : '未达到', r.basis].forEach((v, c) => box(t.getCell(top + 1 + i, c + 1), v)));
  return toBuffer(wb);
}
