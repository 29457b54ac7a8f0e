import { CalendarYearMissing, CampaignPlanInvalid, DURATION_UNIT_LABELS, type Duration, type PlannedStage, type WorkingCalendar, addCalendarDays, plannedStages } from '../../../domain/src/core';

/**
 * Zibo's "five projects" for hard branches (PROCESSES.md §4, seed 000:
 * 淄科党委字〔2017〕26号), one year of it: the document's figures as defaults
 * (Pennant's where it gives none, marked so) and the plan of stages on the
 * working-day calendar.
 */
export interface ZiboParams {
  year: number;
  /** 年底评选出1-2个过硬支部. */
  hardBranches: { min: number; max: number };
  /** 双述双评: the scale both ratings are given on (Pennant's default: 好、较好、一般、差). */
  ratingScale: string[];
  /** A branch with no project approved by this date (MM-DD) is flagged (每年至少确定1项党建项目; the date is Pennant's). */
  projectApprovedBy: string;
  /** The hard-branch list's public notice (差额评选 with a notice; the length is Pennant's). */
  notice: Duration;
  /** Last days (MM-DD) of the year's stages; the document says only 年初 (plan filing) and 年底 (selection). */
  deadlines: {
    planFiling: string;
    standards: string;
    titleReview: string;
    proposals: string;
    committeeScreening: string;
    membersScreening: string;
    projectApproval: string;
    implementation: string;
    acceptance: string;
    selfAssessment: string;
    bureauAssessment: string;
    benchmarking: string;
    dutyReports: string;
    selection: string;
  };
}

export function defaultZiboParams(year: number): ZiboParams {
  return {
    year,
    hardBranches: { min: 1, max: 2 },
    ratingScale: ['好', '较好', '一般', '差'],
    projectApprovedBy: '05-31',
    notice: { amount: 5, unit: 'working_days' },
    deadlines: {
      planFiling: '01-31',
      standards: '03-31',
      titleReview: '03-31',
      proposals: '02-28',
      committeeScreening: '03-15',
      membersScreening: '03-31',
      projectApproval: '04-30',
      implementation: '11-15',
      acceptance: '11-30',
      selfAssessment: '11-30',
      bureauAssessment: '12-10',
      benchmarking: '12-20',
      dutyReports: '12-20',
      selection: '12-31',
    },
  };
}

export const ZIBO_STAGES = [
  'plan_filing',
  'standards',
  'title_review',
  'proposals',
  'committee_screening',
  'members_screening',
  'project_approval',
  'implementation',
  'acceptance',
  'self_assessment',
  'bureau_assessment',
  'benchmarking',
  'duty_reports',
  'selection',
] as const;
export type ZiboStage = (typeof ZIBO_STAGES)[number];

export const ZIBO_STAGE_LABELS: Record<ZiboStage, string> = {
  plan_filing: '“三会一课”年度计划报局党委备案',
  standards: '党支部细化过硬支部具体标准，报局党委备案',
  title_review: '上年度过硬支部动态管理复核',
  proposals: '党建项目面向全体党员征集',
  committee_screening: '支部委员会议筛选党建项目',
  members_screening: '党员大会筛选党建项目',
  project_approval: '党建项目报局党委审核',
  implementation: '党建项目组织实施',
  acceptance: '局党委验收党建项目',
  self_assessment: '党支部自查自评',
  bureau_assessment: '局党委考评',
  benchmarking: '对标建设（查找差距、明确措施）',
  duty_reports: '支部书记“双述双评”',
  selection: '年底评选过硬支部（差额评选、公示）',
};

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => addCalendarDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
/** The year's evaluation and the duty reports open on the first day of their deadline's month (Pennant's default). */
const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
const fmt = (d: Duration) => `${d.amount}个${DURATION_UNIT_LABELS[d.unit]}`;

/** A month-day of the year as a date, refusing one the year does not have ("02-30"). */
export function ziboDate(year: number, monthDay: string, what: string): string {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  const month = Number(m?.[1]);
  const date = `${year}-${monthDay}`;
  if (!m || month < 1 || month > 12 || Number(m[2]) < 1 || date > lastDayOfMonth(year, month)) throw new CampaignPlanInvalid(`${what}的日期${monthDay}不是${year}年的有效日期`);
  return date;
}

/**
 * Every stage with its dates. Refuses a plan that cannot work: a date the
 * year lacks, the project's steps out of order, a flag date before the
 * approval could happen, a hard-branch range other than 1–2 places within
 * reason, or a rating scale with fewer than two grades.
 */
export function planZibo(params: ZiboParams, calendar: WorkingCalendar): Array<PlannedStage<ZiboStage>> {
  const y = params.year;
  if (!calendar.covers(y)) throw new CalendarYearMissing(y);
  const L = ZIBO_STAGE_LABELS;
  const d = params.deadlines;
  const on = (k: keyof typeof d, stage: ZiboStage) => ziboDate(y, d[k], L[stage]);
  const h = params.hardBranches;
  if (!(h.min >= 1 && h.min <= h.max)) throw new CampaignPlanInvalid(`过硬支部评选名额须满足 1 ≤ 最少 ≤ 最多（现为${h.min}—${h.max}个）`);
  if (new Set(params.ratingScale).size !== params.ratingScale.length || params.ratingScale.length < 2) throw new CampaignPlanInvalid('“双述双评”评价等次须至少两个且不重复');
  const start = `${y}-01-01`;
  const flagOn = ziboDate(y, params.projectApprovedBy, '党建项目审核通过的最迟日期');
  const windows: Array<[ZiboStage, string, string]> = [
    ['plan_filing', start, on('planFiling', 'plan_filing')],
    ['standards', start, on('standards', 'standards')],
    ['title_review', start, on('titleReview', 'title_review')],
    ['proposals', start, on('proposals', 'proposals')],
    ['committee_screening', start, on('committeeScreening', 'committee_screening')],
    ['members_screening', start, on('membersScreening', 'members_screening')],
    ['project_approval', start, on('projectApproval', 'project_approval')],
    ['implementation', start, on('implementation', 'implementation')],
    ['acceptance', start, on('acceptance', 'acceptance')],
    ['self_assessment', monthOf(on('selfAssessment', 'self_assessment')), on('selfAssessment', 'self_assessment')],
    ['bureau_assessment', monthOf(on('selfAssessment', 'self_assessment')), on('bureauAssessment', 'bureau_assessment')],
    ['benchmarking', monthOf(on('selfAssessment', 'self_assessment')), on('benchmarking', 'benchmarking')],
    ['duty_reports', monthOf(on('dutyReports', 'duty_reports')), on('dutyReports', 'duty_reports')],
    // The pick is made on the bureau's scores: it opens the day after the assessments' deadline.
    ['selection', addCalendarDays(on('bureauAssessment', 'bureau_assessment'), 1), on('selection', 'selection')],
  ];
  const due = (s: ZiboStage) => windows.find(([x]) => x === s)![2];
  const inOrder = (chain: ZiboStage[]) => {
    for (let i = 1; i < chain.length; i++) {
      if (due(chain[i]!) < due(chain[i - 1]!)) throw new CampaignPlanInvalid(`${L[chain[i]!]}的截止日期（${due(chain[i]!)}）早于${L[chain[i - 1]!]}（${due(chain[i - 1]!)}），须依次安排`);
    }
  };
  inOrder(['proposals', 'committee_screening', 'members_screening', 'project_approval', 'implementation', 'acceptance']);
  inOrder(['standards', 'self_assessment', 'bureau_assessment', 'benchmarking', 'selection']);
  if (flagOn < due('members_screening')) throw new CampaignPlanInvalid(`党建项目审核通过的最迟日期（${flagOn}）早于党员大会筛选的截止日期（${due('members_screening')}）`);
  if (due('selection') <= due('bureau_assessment')) throw new CampaignPlanInvalid(`评选过硬支部的截止日期（${due('selection')}）须晚于局党委考评的截止日期（${due('bureau_assessment')}）`);
  const noticeCloses = calendar.lastDayOf(due('bureau_assessment'), params.notice);
  if (noticeCloses > `${y}-12-31`) throw new CampaignPlanInvalid(`过硬支部名单公示${fmt(params.notice)}，考评后到${noticeCloses}才结束，超出${y}年`);
  const notes: Partial<Record<ZiboStage, string[]>> = {
    plan_filing: ['细化“三会一课”的时间、内容、主题和程序、步骤，局党委备案或退回'],
    standards: ['按领导班子、党员队伍、党内生活、基础保障、功能发挥“五个过硬”细化本支部标准'],
    title_review: ['上年度评定的过硬支部逐一复核，撤销的须说明理由'],
    proposals: ['每名党员均可提出项目建议'],
    project_approval: ['局党委审核：通过、退回修改（附意见）或不予通过', `${flagOn}前没有审核通过项目的党支部列为预警`],
    acceptance: ['实施效果由局党委验收，验收意见必填'],
    bureau_assessment: ['局党委按各支部备案的标准逐项考评'],
    duty_reports: [`支部书记分别向局党委和党员群众述职，评价等次：${params.ratingScale.join('、')}`],
    selection: [`按考评结果差额评选${h.min === h.max ? h.min : `${h.min}—${h.max}`}个过硬支部，公示${fmt(params.notice)}`],
  };
  return plannedStages(ZIBO_STAGES, windows, L, notes, calendar);
}
