import {
  CalendarYearMissing,
  CampaignPlanInvalid,
  DURATION_UNIT_LABELS,
  type Duration,
  type PlannedStage,
  type WorkingCalendar,
  addCalendarDays,
  plannedStages,
} from '../../../domain/src/core';
import { DEFAULT_GRADE_THRESHOLDS, type GradeThresholds } from './rubric';
import { A_GRADE_CAP_SHARE } from './rules';

/**
 * Hefei's branch-building improvement cycle for one year (PROCESSES.md §2,
 * seed 003): its parameters, with the document's figures as defaults (and
 * Pennant's where the document gives none, marked so), and the plan of stages
 * computed on the working-day calendar before the campaign starts.
 */
export interface HefeiCampaignParams {
  year: number;
  /** 各基层党组织每季度组织一次自查: one per quarter, due at its end; filed within the late window it counts as late, after it as missed. */
  selfInspection: { lateWindow: Duration };
  /** 局党委每半年开展一次专项督查，召开一次推进会: the month of each half-year's inspection (Pennant's default: June and November). */
  specialInspectionMonths: { firstHalf: number; secondHalf: number };
  /** How long a branch has to rectify a problem found (Pennant's default). */
  rectification: Duration;
  /** 首次定级“A”的党支部数不超过总数的10%. */
  aGradeCap: number;
  /** 对党员人数不足3名的党支部，实行重点帮扶. */
  minimumMembers: number;
  /** 确保党支部书记每人每年至少参加1次集中培训. */
  trainingsPerYear: number;
  /** The default standard's thresholds (Pennant's); each committee's filed standard carries its own. */
  gradeThresholds: GradeThresholds;
  /** Stage deadlines as month-day ("08-10"). */
  deadlines: {
    standards: string;
    gradingOpens: string;
    selfAssessment: string;
    application: string;
    acceptance: string;
    grading: string;
    report: string;
    notification: string;
    regrading: string;
    secretaryTraining: string;
    cleanupReview: string;
  };
}

export function defaultHefeiParams(year: number): HefeiCampaignParams {
  return {
    year,
    selfInspection: { lateWindow: { amount: 30, unit: 'calendar_days' } },
    specialInspectionMonths: { firstHalf: 6, secondHalf: 11 },
    rectification: { amount: 15, unit: 'working_days' },
    aGradeCap: A_GRADE_CAP_SHARE,
    minimumMembers: 3,
    trainingsPerYear: 1,
    gradeThresholds: { ...DEFAULT_GRADE_THRESHOLDS },
    deadlines: {
      // The document: standards reported "及时" (promptly) and the grading reported "8月上旬" (early August: the 10th).
      // Every other date is Pennant's default, laid out so that the grading round ends in time for the report and a
      // branch below standard can still rectify and be graded again within the year.
      standards: '03-31',
      gradingOpens: '07-01',
      selfAssessment: '07-10',
      application: '07-17',
      acceptance: '07-29',
      grading: '08-05',
      report: '08-10',
      notification: '08-20',
      regrading: '11-30',
      secretaryTraining: '11-30',
      cleanupReview: '06-30',
    },
  };
}

export const HEFEI_STAGES = [
  'standards',
  'self_inspection_q1',
  'self_inspection_q2',
  'self_inspection_q3',
  'self_inspection_q4',
  'special_inspection_h1',
  'special_inspection_h2',
  'self_assessment',
  'application',
  'acceptance',
  'grading',
  'report',
  'notification',
  'regrading',
  'secretary_training',
  'cleanup_review',
] as const;
export type HefeiStage = (typeof HEFEI_STAGES)[number];

export const HEFEI_STAGE_LABELS: Record<HefeiStage, string> = {
  standards: '基层党委制定分类定级标准并报局政治部备案',
  self_inspection_q1: '各基层党组织第一季度自查',
  self_inspection_q2: '各基层党组织第二季度自查',
  self_inspection_q3: '各基层党组织第三季度自查',
  self_inspection_q4: '各基层党组织第四季度自查',
  special_inspection_h1: '局党委上半年专项督查并召开推进会',
  special_inspection_h2: '局党委下半年专项督查并召开推进会',
  self_assessment: '党支部对照标准自评',
  application: '逐级申报（基层党委审核）',
  acceptance: '考核验收',
  grading: '结果评定（分类定级）',
  report: '基层党委向局政治部报送分类定级情况',
  notification: '定级结果通报反馈',
  regrading: '未达标党支部整改后重新申报定级',
  secretary_training: '非公企业和社会组织党支部书记集中培训',
  cleanup_review: '清理无党员的“空壳党支部”',
};

/** The self-inspection stage of a quarter (1–4), and the special-inspection stage of a half-year (1–2). */
export const selfInspectionStage = (quarter: 1 | 2 | 3 | 4) => `self_inspection_q${quarter}` as const;
export const specialInspectionStage = (half: 1 | 2) => `special_inspection_h${half}` as const;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => addCalendarDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
const fmt = (d: Duration) => `${d.amount}个${DURATION_UNIT_LABELS[d.unit]}`;

/** Does a period of `window` starting the day after `from` end by `lastDay`? (Never looks past `lastDay` in the calendar.) */
function fitsBy(calendar: WorkingCalendar, from: string, window: Duration, lastDay: string): boolean {
  return window.unit === 'calendar_days' ? addCalendarDays(from, window.amount) <= lastDay : calendar.workingDaysBetween(from, lastDay) >= window.amount;
}

/** A month-day of the year as a date, refusing one the year does not have ("02-30"). */
function dateIn(year: number, monthDay: string, what: string): string {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  const month = Number(m?.[1]);
  const date = `${year}-${monthDay}`;
  if (!m || month < 1 || month > 12 || Number(m[2]) < 1 || date > lastDayOfMonth(year, month)) {
    throw new CampaignPlanInvalid(`${what}的日期${monthDay}不是${year}年的有效日期`);
  }
  return date;
}

/**
 * Every stage with its dates, computed on the calendar. Refuses a plan that
 * cannot work: deadlines out of order, a window without a working day, the
 * half-yearly inspections not one in each half, a rectification window that
 * runs past the year, or no time left for a branch below standard to rectify
 * before the regrading deadline.
 */
export function planHefeiCampaign(params: HefeiCampaignParams, calendar: WorkingCalendar): Array<PlannedStage<HefeiStage>> {
  const y = params.year;
  if (!calendar.covers(y)) throw new CalendarYearMissing(y);
  const t = params.gradeThresholds;
  if (!(t.C > 0 && t.C < t.B && t.B < t.A)) throw new CampaignPlanInvalid(`等次分数线须满足 0 < C < B < A（现为 A ${t.A}、B ${t.B}、C ${t.C}）`);
  const d = params.deadlines;
  const L = HEFEI_STAGE_LABELS;
  const on = (k: keyof typeof d, stage: HefeiStage) => dateIn(y, d[k], L[stage]);

  const standards = on('standards', 'standards');
  const gradingOpens = dateIn(y, d.gradingOpens, '定级工作开始');
  const round: Array<[HefeiStage, string]> = [
    ['self_assessment', on('selfAssessment', 'self_assessment')],
    ['application', on('application', 'application')],
    ['acceptance', on('acceptance', 'acceptance')],
    ['grading', on('grading', 'grading')],
    ['report', on('report', 'report')],
    ['notification', on('notification', 'notification')],
    ['regrading', on('regrading', 'regrading')],
  ];
  // Grading uses a committee's accepted standard, so standards are due before the round opens.
  if (gradingOpens <= standards) throw new CampaignPlanInvalid(`定级工作开始日须晚于${L.standards}的截止日期`);
  if (round[0]![1] < gradingOpens) throw new CampaignPlanInvalid(`${L.self_assessment}的截止日期不能早于定级工作开始日`);
  for (let i = 1; i < round.length; i++) {
    if (round[i]![1] <= round[i - 1]![1]) throw new CampaignPlanInvalid(`${L[round[i]![0]]}的截止日期须晚于${L[round[i - 1]![0]]}`);
  }

  const { firstHalf, secondHalf } = params.specialInspectionMonths;
  if (!Number.isInteger(firstHalf) || firstHalf < 1 || firstHalf > 6) throw new CampaignPlanInvalid('上半年专项督查须安排在1至6月');
  if (!Number.isInteger(secondHalf) || secondHalf < 7 || secondHalf > 12) throw new CampaignPlanInvalid('下半年专项督查须安排在7至12月');

  const notes: Partial<Record<HefeiStage, string[]>> = {};
  const windows: Array<[HefeiStage, string, string]> = [['standards', `${y}-01-01`, standards]];
  for (const q of [1, 2, 3, 4] as const) {
    const due = lastDayOfMonth(y, q * 3);
    const closes = calendar.lastDayOf(due, params.selfInspection.lateWindow);
    windows.push([selfInspectionStage(q), `${y}-${pad(q * 3 - 2)}-01`, due]);
    notes[selfInspectionStage(q)] = [`逾期${fmt(params.selfInspection.lateWindow)}内补报计为迟报，${closes}后仍未报送计为缺报`];
  }
  for (const [half, month] of [[1, firstHalf], [2, secondHalf]] as const) {
    const end = lastDayOfMonth(y, month);
    // Counted without next year's calendar: the second half's problems must be rectified within the year.
    if (half === 2 && !fitsBy(calendar, end, params.rectification, `${y}-12-31`)) {
      throw new CampaignPlanInvalid(`下半年专项督查（${month}月）月末发现的问题整改期限${fmt(params.rectification)}，到年底前不够，超出本年度`);
    }
    const rectifiedBy = calendar.lastDayOf(end, params.rectification);
    windows.push([specialInspectionStage(half), `${y}-${pad(month)}-01`, end]);
    notes[specialInspectionStage(half)] = ['督查各基层党委，召开推进会', `发现的问题通报并限期整改（${fmt(params.rectification)}，督查月末发现的最晚${rectifiedBy}整改到期）`];
  }
  let opens = gradingOpens;
  for (const [stage, due] of round) {
    windows.push([stage, opens, due]);
    opens = addCalendarDays(due, 1);
  }
  const notification = round.find(([s]) => s === 'notification')![1];
  const regrading = round.find(([s]) => s === 'regrading')![1];
  // A branch graded below standard rectifies after the notification and still needs a day to apply again.
  if (!fitsBy(calendar, notification, params.rectification, addCalendarDays(regrading, -1))) {
    throw new CampaignPlanInvalid(`定级结果通报（${notification}）后，未达标党支部整改${fmt(params.rectification)}，在重新申报定级截止日${regrading}前来不及整改并重新申报`);
  }
  windows.push(['secretary_training', `${y}-01-01`, on('secretaryTraining', 'secretary_training')]);
  windows.push(['cleanup_review', `${y}-01-01`, on('cleanupReview', 'cleanup_review')]);

  const report = round.find(([s]) => s === 'report')![1];
  notes.standards = ['各基层党委结合实际制定分类定级具体标准，报局政治部备案；退回的修改后重新报送', '定级使用本党委已备案的现行版本'];
  notes.self_assessment = ['党支部对照本党委已备案的标准逐项自评，附佐证材料'];
  notes.grading = [`首次定级“A”的党支部数不超过总数的${Math.round(params.aGradeCap * 1000) / 10}%`];
  notes.report = [report >= `${y}-08-01` && report <= `${y}-08-10` ? '8月上旬报局政治部；逾期计为未按时报送' : `文件要求8月上旬报送，本次定于${report}；逾期计为未按时报送`];
  notes.notification = ['定级结果通报反馈至党支部和基层党委；未达标党支部限期整改，并安排结对单位帮扶'];
  notes.regrading = [`整改期限${fmt(params.rectification)}，整改验收后可在本年度内重新申报`];
  notes.secretary_training = [`书记每人每年至少参加${params.trainingsPerYear}次集中培训`];
  notes.cleanup_review = [`党员人数不足${params.minimumMembers}名的党支部实行重点帮扶；无党员的党支部列入清理审核`];

  return plannedStages(HEFEI_STAGES, windows, L, notes, calendar);
}
