import type { UnansweredConsultation } from '../../../contracts/src';
import { type CapExceptionMode, CalendarYearMissing, CampaignPlanInvalid, type Duration, type PlannedStage, type WorkingCalendar, addCalendarDays, chinaEndOfDay } from '../../../domain/src/core';

/**
 * Tai'an's yearly "泰山先锋" red-flag branch selection (PROCESSES.md §1,
 * seed 001): its parameters, with the document's figures as defaults, and the
 * plan of stages computed on the working-day calendar before the campaign starts.
 */
export interface RedFlagCampaignParams {
  year: number;
  /** Branches the city committee names (100). */
  quota: number;
  /** Candidates per place when a city-managed committee recommends upward (1:2 → 2). */
  recommendationRatio: number;
  /** Share of the branches a level governs that may be rated advanced (10%). */
  advancedCap: number;
  /**
   * "原则上不超过…10%": whether a reporting level may go beyond the cap with a reason stated on its decision
   * (`with_reason`, the default: the document says "in principle", and a hard 10% leaves a committee of fewer than
   * 20 branches one place or none, too few for the differential recommendation above it) or never. Absent in
   * campaigns started before the cap applied at every level.
   */
  capExceptions?: CapExceptionMode;
  /** Notice in the unit, "一般按不少于3天掌握". */
  unitNotice: Duration;
  /** Notice to society by the organisation department. */
  publicNotice: Duration;
  /** Days an agency has to answer a consultation. */
  consultation: Duration;
  /**
   * What a level does when an agency has not answered by the deadline. The document asks for every agency's opinion,
   * so the default asks the level's reviewer to wait or to proceed with a written opinion; silence is never consent.
   */
  unansweredConsultation: UnansweredConsultation;
  /** Stage deadlines as month-day ("03-31"). */
  deadlines: {
    application: string;
    grassrootsRecommendation: string;
    cityManagedSelection: string;
    naming: string;
    cultivationPlan: string;
    mentoringPlan: string;
  };
  /** Branches a red-flag branch mentors (帮带, "5个左右"). */
  menteesPerRedFlag: number;
  /**
   * How far "左右" reaches: a red-flag branch mentors between menteesPerRedFlag − this and + this branches
   * (absent in campaigns started before it: at least min(menteesPerRedFlag, 3), as they ran).
   */
  menteesTolerance?: number;
  /**
   * The first day branches may apply, as month-day ("第一季度，各市管党委组织基层党委推荐申报": inside the first quarter;
   * absent in campaigns started before the window had an opening: applications opened with the campaign).
   */
  applicationOpens?: string;
  /** "对近年来获得过省级以上奖励的，要重点推荐": an honour gives priority when its year is at most this many years before the campaign's (absent: any year, as older campaigns ran). */
  recentHonourYears?: number;
  /**
   * Branches a county's committee (县市区党委) cultivates a year at least ("各县市区党委每年至少培树50个"), capped by the
   * branches it governs; other city-managed committees set their own number ("结合实际确定"), at least one a year.
   */
  cultivationPerCounty?: number;
}

export function defaultRedFlagParams(year: number): RedFlagCampaignParams {
  return {
    year,
    quota: 100,
    recommendationRatio: 2,
    advancedCap: 0.1,
    capExceptions: 'with_reason',
    unitNotice: { amount: 3, unit: 'calendar_days' },
    publicNotice: { amount: 5, unit: 'working_days' },
    consultation: { amount: 5, unit: 'working_days' },
    unansweredConsultation: 'ask',
    deadlines: {
      // The document: first quarter for applications and the grassroots recommendation, the end of May for the
      // city-managed committees, "around 1 July" for the naming, 10 July and 31 July for the two plans. The
      // branches' own cut-off inside the first quarter is Pennant's default, so grassroots committees have time.
      application: '03-15',
      grassrootsRecommendation: '03-31',
      cityManagedSelection: '05-31',
      naming: '07-01',
      cultivationPlan: '07-10',
      mentoringPlan: '07-31',
    },
    menteesPerRedFlag: 5,
    // "5个左右": four to six.
    menteesTolerance: 1,
    applicationOpens: '01-01',
    recentHonourYears: 3,
    cultivationPerCounty: 50,
  };
}

/** The first quarter, where the document puts the applications. */
const FIRST_QUARTER_END = '03-31';

export const RED_FLAG_STAGES = [
  'application',
  'grassroots_recommendation',
  'city_managed_selection',
  'city_review',
  'naming',
  'cultivation_plan',
  'mentoring_plan',
] as const;
export type RedFlagStage = (typeof RED_FLAG_STAGES)[number];

export const RED_FLAG_STAGE_LABELS: Record<RedFlagStage, string> = {
  application: '党支部推荐申报',
  grassroots_recommendation: '基层党委差额推荐',
  city_managed_selection: '市管党委考察、征求意见、差额遴选、公示并上报',
  city_review: '市委组织部评审、向社会公示、报市委研究',
  naming: '市委命名“泰山先锋”红旗党支部',
  cultivation_plan: '报送红旗党支部三年培树计划（附件2）',
  mentoring_plan: '报送帮带工作配档表（附件4）',
};

const date = (year: number, monthDay: string) => `${year}-${monthDay}`;

/** The latest day a notice of `duration` may start so that it has run by the end of `lastDay`. */
function latestNoticeStart(calendar: WorkingCalendar, lastDay: string, duration: Duration): string {
  for (let start = lastDay; ; start = addCalendarDays(start, -1)) {
    if (calendar.lastDayOf(start, duration) <= lastDay) return start;
  }
}

/**
 * Every stage with its dates, computed on the calendar. Refuses a plan whose
 * deadlines are out of order or too close for the notices they must contain.
 */
export function planRedFlagCampaign(params: RedFlagCampaignParams, calendar: WorkingCalendar): Array<PlannedStage<RedFlagStage>> {
  const y = params.year;
  if (!calendar.covers(y)) throw new CalendarYearMissing(y);
  const d = params.deadlines;
  const order: Array<[RedFlagStage, string]> = [
    ['application', d.application],
    ['grassroots_recommendation', d.grassrootsRecommendation],
    ['city_managed_selection', d.cityManagedSelection],
    ['naming', d.naming],
    ['cultivation_plan', d.cultivationPlan],
    ['mentoring_plan', d.mentoringPlan],
  ];
  for (let i = 1; i < order.length; i++) {
    if (order[i]![1] <= order[i - 1]![1]) {
      throw new CampaignPlanInvalid(`${RED_FLAG_STAGE_LABELS[order[i]![0]]}的截止日期须晚于${RED_FLAG_STAGE_LABELS[order[i - 1]![0]]}`);
    }
  }
  const opens = params.applicationOpens ?? '01-01';
  if (opens > FIRST_QUARTER_END) throw new CampaignPlanInvalid(`推荐申报须在第一季度开始（开始日期${y}-${opens}不在第一季度）`);
  if (opens > d.application) throw new CampaignPlanInvalid(`推荐申报的开始日期（${y}-${opens}）须不晚于截止日期（${y}-${d.application}）`);
  const unitNoticeBy = latestNoticeStart(calendar, date(y, d.cityManagedSelection), params.unitNotice);
  const namingDay = date(y, d.naming);
  // The city review ends the day before the naming; its notice to society must have run by then.
  const cityReviewDue = addCalendarDays(namingDay, -1);
  const publicNoticeBy = latestNoticeStart(calendar, cityReviewDue, params.publicNotice);
  if (publicNoticeBy <= date(y, d.cityManagedSelection)) {
    throw new CampaignPlanInvalid('市管党委上报截止日与命名日之间不足以完成向社会公示');
  }
  const stage = (s: RedFlagStage, opensOn: string, dueOn: string, notes: string[] = []): PlannedStage<RedFlagStage> => ({
    stage: s,
    label: RED_FLAG_STAGE_LABELS[s],
    opensOn,
    dueOn,
    dueAt: chinaEndOfDay(dueOn),
    notes,
  });
  const fmt = (x: Duration) => `${x.amount}个${x.unit === 'working_days' ? '工作日' : '自然日'}`;
  return [
    stage('application', date(y, opens), date(y, d.application), [`${y}-${opens}起受理推荐申报`]),
    stage('grassroots_recommendation', addCalendarDays(date(y, d.application), 1), date(y, d.grassrootsRecommendation), ['差额推荐，征求同级单位意见，本单位公示']),
    stage('city_managed_selection', addCalendarDays(date(y, d.grassrootsRecommendation), 1), date(y, d.cityManagedSelection), [
      `征求意见答复期限${fmt(params.consultation)}`,
      `本级公示不少于${fmt(params.unitNotice)}，最晚${unitNoticeBy}开始`,
      `按1:${params.recommendationRatio}比例推荐`,
    ]),
    stage('city_review', addCalendarDays(date(y, d.cityManagedSelection), 1), cityReviewDue, [`向社会公示${fmt(params.publicNotice)}，最晚${publicNoticeBy}开始`]),
    stage('naming', namingDay, namingDay, [`命名${params.quota}个红旗党支部${calendar.isWorkingDay(namingDay) ? '' : `（${namingDay}为休息日）`}`]),
    stage('cultivation_plan', namingDay, date(y, d.cultivationPlan)),
    stage('mentoring_plan', namingDay, date(y, d.mentoringPlan), [
      `每个红旗党支部帮带${params.menteesPerRedFlag}个左右党支部（${mentees(params).min}至${mentees(params).max}个）`,
    ]),
  ];
}

/** The mentees a red-flag branch takes, "5个左右" read with the administrator's tolerance. */
export function mentees(params: Pick<RedFlagCampaignParams, 'menteesPerRedFlag' | 'menteesTolerance'>): { min: number; max: number } {
  const tolerance = params.menteesTolerance ?? 1;
  return { min: Math.max(1, params.menteesPerRedFlag - tolerance), max: params.menteesPerRedFlag + tolerance };
}
