import { yearMonth } from './sheet-layout';
import { type TableDocument, type TableRow, labels, row, tableWorkbook } from './table';

/**
 * The four attachments of Tai'an's document (seed 001) as table documents laid
 * out like the printed tables (the title, the 填报单位 line, the headers in the
 * document's order), written as .xlsx (tableWorkbook) or PDF (tablePdf).
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
export function ledgerTable(o: { organisationName: string; years: [number, number, number]; rows: LedgerRow[]; at?: Date }): TableDocument {
  const title = '过硬党支部建设工作台账';
  const spans: Array<[string, number]> = [['领域', 1], ['序号', 1], ['党支部名称', 1], ['当前等次', 1], ['创建目标', 3], ['存在的问题', 1], ['整改及创建措施', 1], ['年度考评结果', 3], ['包保联系人', 1], ['职务', 1], ['联系方式', 1]];
  const years = o.years.map((y) => `${y}年`);
  const body = o.rows.map((r, i) => {
    const goal = (y: number) => r.goals.find((g) => g.year === y)?.grade ?? '';
    const result = (y: number) => r.evaluations.find((e) => e.year === y)?.result ?? '';
    return row(r.domain, i + 1, r.branchName, r.grade, ...o.years.map(goal), r.problems, r.measures, ...o.years.map(result), r.contact, r.contactTitle, r.phone);
  });
  return {
    title,
    sheets: [
      {
        name: '附件1',
        title,
        unit: o.organisationName,
        date: yearMonth(o.at ?? new Date()),
        landscape: true,
        widths: [10, 6, 28, 8, 8, 8, 8, 28, 28, 8, 8, 8, 10, 10, 14],
        header: [{ cells: spans.map(([value, span]) => (span === 1 ? { value, rowSpan: 2 } : { value, colSpan: span })) }, labels([...years, ...years])],
        body,
      },
    ],
  };
}

/** 附件2 红旗党支部三年培树计划推进表: rows grouped by year, the year written on its first row. */
export function cultivationPlanTable(o: { organisationName: string; rows: CultivationRow[]; at?: Date }): TableDocument {
  const title = '红旗党支部三年培树计划推进表';
  const rows = [...o.rows].sort((a, b) => a.year - b.year);
  let n = 0;
  const body = rows.map((r, i) => {
    n = i > 0 && rows[i - 1]!.year === r.year ? n + 1 : 1;
    return row(n === 1 ? `${r.year}年` : '', n, r.branchName, r.measures, r.contact ?? '', r.contactTitle ?? '', r.phone ?? '');
  });
  return {
    title,
    sheets: [
      {
        name: '附件2',
        title,
        unit: o.organisationName,
        date: yearMonth(o.at ?? new Date()),
        landscape: true,
        widths: [10, 6, 30, 44, 12, 12, 16],
        header: [labels(['年度', '序号', '党支部名称', '具体培养措施', '包保联系人', '职务', '联系方式'])],
        body,
      },
    ],
  };
}

export const RECOMMENDATION_FORM_TITLE = '“泰山先锋”红旗党支部推荐审批表';

/** 附件3 “泰山先锋”红旗党支部推荐审批表: one form, four opinion blocks each with 盖章 and date. */
export function recommendationFormTable(f: RecommendationForm): TableDocument {
  const pair = (label: string, value: string, height?: number): TableRow => ({ cells: [{ value: label, bold: true }, { value, colSpan: 3 }], ...(height ? { height } : {}) });
  const evaluation = f.evaluation ? `党员群众测评得分${f.evaluation.score}（${f.evaluation.participants}人参加）` : '党员群众测评：';
  const inspection = f.inspection ? `考察组：${f.inspection.inspectors}\n考察时间：${formatDate(f.inspection.inspectedOn)}\n考察情况：${f.inspection.findings}` : '考察组：\n考察时间：\n考察情况：';
  const opinions = (Object.keys(OPINION_LABELS) as OpinionLevel[]).map((level) => {
    const o = f.opinions[level];
    const text = o ? `${o.opinion}\n\n${o.signer}（盖章）\n${formatDate(o.date)}` : `\n\n（盖章）\n${'    '}年   月   日`;
    return pair(OPINION_LABELS[level], text, 80);
  });
  return {
    title: RECOMMENDATION_FORM_TITLE,
    sheets: [
      {
        name: '附件3',
        title: RECOMMENDATION_FORM_TITLE,
        unit: f.organisationName,
        date: '',
        landscape: false,
        widths: [16, 26, 14, 26],
        header: [],
        body: [
          pair('党支部名称', f.branchName),
          pair('所在基层党委', f.grassrootsCommittee),
          pair('所在市管党委', f.cityManagedCommittee),
          row({ value: '党支部书记姓名', bold: true }, f.secretaryName, { value: '联系电话', bold: true }, f.secretaryPhone),
          pair('基本情况', f.basicSituation, 90),
          pair('曾受表彰情况', f.honours, 60),
          pair('主要事迹', f.mainDeeds, 160),
          pair('测评及考察情况', `${evaluation}\n${inspection}`, 90),
          ...opinions,
        ],
      },
    ],
  };
}

/** 附件4 “泰山先锋”红旗党支部帮带工作配档表. */
export function mentoringPlanTable(o: { organisationName: string; rows: MentoringRow[]; at?: Date }): TableDocument {
  const title = '“泰山先锋”红旗党支部帮带工作配档表';
  const body = o.rows.map((r, i) => {
    const first = i === 0 || o.rows[i - 1]!.mentor !== r.mentor;
    return row(first ? r.mentor : '', r.mentee, r.menteeGrade, r.goal, r.measures, r.deadline, r.note ?? '');
  });
  return {
    title,
    sheets: [
      {
        name: '附件4',
        title,
        unit: o.organisationName,
        date: yearMonth(o.at ?? new Date()),
        landscape: true,
        widths: [26, 26, 12, 26, 36, 14, 12],
        header: [labels(['红旗党支部名称', '帮带支部名称', '帮带支部等次', '帮带目标', '帮带措施', '完成时限', '备注'])],
        body,
      },
    ],
  };
}

export const ledgerWorkbook = (o: Parameters<typeof ledgerTable>[0]) => tableWorkbook(ledgerTable(o));
export const cultivationPlanWorkbook = (o: Parameters<typeof cultivationPlanTable>[0]) => tableWorkbook(cultivationPlanTable(o));
export const recommendationFormWorkbook = (f: RecommendationForm) => tableWorkbook(recommendationFormTable(f));
export const mentoringPlanWorkbook = (o: Parameters<typeof mentoringPlanTable>[0]) => tableWorkbook(mentoringPlanTable(o));

function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
