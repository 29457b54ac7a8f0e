import ExcelJS from 'exceljs';
import { box, heading, sheet, toBuffer, yearMonth } from './sheet-layout';

/**
 * The four attachments of Tai'an's document (seed 001) as .xlsx workbooks laid
 * out like the printed tables: a merged title, the 填报单位 line, the headers in
 * the document's order, bordered and wrapped cells, A4 print set-up.
 */

export interface LedgerRow {
  domain: string;
  branchName: string;
  grade: string;
  goals: Array<{ year: number; grade: string }>;
  problems: string;
  measures: string;
  evaluations: Array<{ year: number; result: string }>;
  contact: string;
  contactTitle: string;
  phone: string;
}

export interface CultivationRow {
  year: number;
  branchName: string;
  measures: string;
  contact?: string;
  contactTitle?: string;
  phone?: string;
}

export interface MentoringRow {
  mentor: string;
  mentee: string;
  menteeGrade: string;
  goal: string;
  measures: string;
  deadline: string;
  note?: string;
}

export type OpinionLevel = 'grassroots' | 'city_managed' | 'org_department' | 'city_committee';

export interface RecommendationForm {
  organisationName: string;
  branchName: string;
  grassrootsCommittee: string;
  cityManagedCommittee: string;
  secretaryName: string;
  secretaryPhone: string;
  basicSituation: string;
  honours: string;
  mainDeeds: string;
  /** The grassroots evaluation and the city-managed committee's inspection, as recorded; blank lines for a hand-filled form. */
  evaluation: { score: number; participants: number } | null;
  inspection: { inspectors: string; inspectedOn: string; findings: string } | null;
  opinions: Partial<Record<OpinionLevel, { opinion: string; signer: string; date: string }>>;
}

export const OPINION_LABELS: Record<OpinionLevel, string> = {
  grassroots: '基层党委意见',
  city_managed: '市管党委意见',
  org_department: '市委组织部评审意见',
  city_committee: '市委审批意见',
};

/** 附件1 过硬党支部建设工作台账: two header rows, the goal and evaluation columns split by year. */
export async function ledgerWorkbook(o: { organisationName: string; years: [number, number, number]; rows: LedgerRow[]; at?: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '附件1', [10, 6, 28, 8, 8, 8, 8, 28, 28, 8, 8, 8, 10, 10, 14], true);
  const top = heading(ws, '过硬党支部建设工作台账', 15, o.organisationName, yearMonth(o.at ?? new Date()));
  const spans: Array<[string, number]> = [['领域', 1], ['序号', 1], ['党支部名称', 1], ['当前等次', 1], ['创建目标', 3], ['存在的问题', 1], ['整改及创建措施', 1], ['年度考评结果', 3], ['包保联系人', 1], ['职务', 1], ['联系方式', 1]];
  let col = 1;
  for (const [label, span] of spans) {
    if (span === 1) ws.mergeCells(top, col, top + 1, col);
    else ws.mergeCells(top, col, top, col + span - 1);
    box(ws.getCell(top, col), label, true);
    if (span === 3) o.years.forEach((y, i) => box(ws.getCell(top + 1, col + i), `${y}年`, true));
    col += span;
  }
  o.rows.forEach((r, i) => {
    const goal = (y: number) => r.goals.find((g) => g.year === y)?.grade ?? '';
    const result = (y: number) => r.evaluations.find((e) => e.year === y)?.result ?? '';
    const values = [r.domain, i + 1, r.branchName, r.grade, ...o.years.map(goal), r.problems, r.measures, ...o.years.map(result), r.contact, r.contactTitle, r.phone];
    values.forEach((v, c) => box(ws.getCell(top + 2 + i, c + 1), v));
  });
  return toBuffer(wb);
}

/** 附件2 红旗党支部三年培树计划推进表: rows grouped by year, the year written on its first row. */
export async function cultivationPlanWorkbook(o: { organisationName: string; rows: CultivationRow[]; at?: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '附件2', [10, 6, 30, 44, 12, 12, 16], true);
  const top = heading(ws, '红旗党支部三年培树计划推进表', 7, o.organisationName, yearMonth(o.at ?? new Date()));
  ['年度', '序号', '党支部名称', '具体培养措施', '包保联系人', '职务', '联系方式'].forEach((h, c) => box(ws.getCell(top, c + 1), h, true));
  const rows = [...o.rows].sort((a, b) => a.year - b.year);
  let n = 0;
  rows.forEach((r, i) => {
    n = i > 0 && rows[i - 1]!.year === r.year ? n + 1 : 1;
    [n === 1 ? `${r.year}年` : '', n, r.branchName, r.measures, r.contact ?? '', r.contactTitle ?? '', r.phone ?? ''].forEach((v, c) => box(ws.getCell(top + 1 + i, c + 1), v));
  });
  return toBuffer(wb);
}

/** 附件3 “泰山先锋”红旗党支部推荐审批表: one form, four opinion blocks each with 盖章 and date. */
export async function recommendationFormWorkbook(f: RecommendationForm): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '附件3', [16, 26, 14, 26], false);
  const top = heading(ws, '“泰山先锋”红旗党支部推荐审批表', 4, f.organisationName, '');
  const pair = (row: number, label: string, value: string) => {
    box(ws.getCell(row, 1), label, true);
    ws.mergeCells(row, 2, row, 4);
    box(ws.getCell(row, 2), value);
  };
  pair(top, '党支部名称', f.branchName);
  pair(top + 1, '所在基层党委', f.grassrootsCommittee);
  pair(top + 2, '所在市管党委', f.cityManagedCommittee);
  box(ws.getCell(top + 3, 1), '党支部书记姓名', true);
  box(ws.getCell(top + 3, 2), f.secretaryName);
  box(ws.getCell(top + 3, 3), '联系电话', true);
  box(ws.getCell(top + 3, 4), f.secretaryPhone);
  const tall = (row: number, label: string, value: string, height: number) => {
    pair(row, label, value);
    ws.getRow(row).height = height;
  };
  tall(top + 4, '基本情况', f.basicSituation, 90);
  tall(top + 5, '曾受表彰情况', f.honours, 60);
  tall(top + 6, '主要事迹', f.mainDeeds, 160);
  const evaluation = f.evaluation ? `党员群众测评得分${f.evaluation.score}（${f.evaluation.participants}人参加）` : '党员群众测评：';
  const inspection = f.inspection ? `考察组：${f.inspection.inspectors}\n考察时间：${formatDate(f.inspection.inspectedOn)}\n考察情况：${f.inspection.findings}` : '考察组：\n考察时间：\n考察情况：';
  tall(top + 7, '测评及考察情况', `${evaluation}\n${inspection}`, 90);
  (Object.keys(OPINION_LABELS) as OpinionLevel[]).forEach((level, i) => {
    const o = f.opinions[level];
    const text = o ? `${o.opinion}\n\n${o.signer}（盖章）\n${formatDate(o.date)}` : `\n\n（盖章）\n${'    '}年   月   日`;
    tall(top + 8 + i, OPINION_LABELS[level], text, 80);
  });
  return toBuffer(wb);
}

/** 附件4 “泰山先锋”红旗党支部帮带工作配档表. */
export async function mentoringPlanWorkbook(o: { organisationName: string; rows: MentoringRow[]; at?: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '附件4', [26, 26, 12, 26, 36, 14, 12], true);
  const top = heading(ws, '“泰山先锋”红旗党支部帮带工作配档表', 7, o.organisationName, yearMonth(o.at ?? new Date()));
  ['红旗党支部名称', '帮带支部名称', '帮带支部等次', '帮带目标', '帮带措施', '完成时限', '备注'].forEach((h, c) => box(ws.getCell(top, c + 1), h, true));
  o.rows.forEach((r, i) => {
    const first = i === 0 || o.rows[i - 1]!.mentor !== r.mentor;
    [first ? r.mentor : '', r.mentee, r.menteeGrade, r.goal, r.measures, r.deadline, r.note ?? ''].forEach((v, c) => box(ws.getCell(top + 1 + i, c + 1), v));
  });
  return toBuffer(wb);
}

function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
