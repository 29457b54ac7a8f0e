import { CalendarYearMissing, CampaignPlanInvalid, type PlannedStage, type WorkingCalendar, plannedStages } from '../../../domain/src/core';
import { LIANGSHAN_DEFAULT_THRESHOLDS, type LiangshanThresholds } from './thresholds';

/**
 * Liangshan's “five-good branch” year (PROCESSES.md §5, seed 002): the
 * responsibility list's items over a calendar year, the last of them
 * (12月或次年1月) due at the end of January of the next year.
 */
export interface LiangshanParams {
  year: number;
  /** The figures each branch is measured against (the seed's 创建标准). */
  thresholds: LiangshanThresholds;
  /** The responsible people are reminded this many days before an item is due (Pennant's default). */
  reminderDays: number;
}

export function defaultLiangshanParams(year: number): LiangshanParams {
  return { year, thresholds: { ...LIANGSHAN_DEFAULT_THRESHOLDS }, reminderDays: 5 };
}

export const LIANGSHAN_STAGES = ['responsibility_list'] as const;
export type LiangshanStage = (typeof LIANGSHAN_STAGES)[number];
export const LIANGSHAN_STAGE_LABELS: Record<LiangshanStage, string> = { responsibility_list: '落实“五好党支部”创建责任清单' };

export function planLiangshan(params: LiangshanParams, calendar: WorkingCalendar): Array<PlannedStage<LiangshanStage>> {
  const y = params.year;
  for (const year of [y, y + 1]) if (!calendar.covers(year)) throw new CalendarYearMissing(year);
  if (params.thresholds.satisfaction > 1 || params.thresholds.excellentShare > 1) throw new CampaignPlanInvalid('满意率和优秀党员比例须在0至1之间');
  return plannedStages(LIANGSHAN_STAGES, [['responsibility_list', `${y}-01-01`, `${y + 1}-01-31`]], LIANGSHAN_STAGE_LABELS, {
    responsibility_list: [
      '每个党支部按当年责任清单逐项落实：每月、指定月份、限期、全年、12月或次年1月',
      `到期前${params.reminderDays}天提醒责任人；逾期告知责任领导并报上级党(工)委`,
    ],
  }, calendar);
}
