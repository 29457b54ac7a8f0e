import { type WorkingCalendar, addCalendarDays, chinaEndOfDay, chinaStartOfDay } from './calendar';

/**
 * A campaign's plan: each stage of its process with the days it opens and is
 * due, computed on the working-day calendar before the campaign starts. Every
 * process plans its own stages (libs/processes); the engine stores, shows and
 * runs any plan of this shape.
 */
export interface PlannedStage<Stage extends string = string> {
  stage: Stage;
  label: string;
  opensOn: string;
  /** The last day work for the stage may be submitted. */
  dueOn: string;
  dueAt: string;
  notes: string[];
}

/** A plan that cannot work: deadlines out of order, or too close for what they must contain. */
export class CampaignPlanInvalid extends Error {
  override name = 'CampaignPlanInvalid';
}

/** The instant a stage opens (00:00 Beijing time of its first day). */
export const stageOpensAt = (s: PlannedStage) => chinaStartOfDay(s.opensOn);

/**
 * A process's stages from their windows, in the order given: each with its
 * label, its notes, and a note when its last day is a rest day. Refuses a
 * window without a working day.
 */
export function plannedStages<Stage extends string>(
  order: readonly Stage[],
  windows: ReadonlyArray<readonly [Stage, string, string]>,
  labels: Readonly<Record<Stage, string>>,
  notes: Partial<Record<Stage, string[]>>,
  calendar: WorkingCalendar,
): Array<PlannedStage<Stage>> {
  return order.map((stage) => {
    const [, opensOn, dueOn] = windows.find(([s]) => s === stage)!;
    if (calendar.workingDaysBetween(addCalendarDays(opensOn, -1), dueOn) === 0) throw new CampaignPlanInvalid(`${labels[stage]}的办理期限（${opensOn}至${dueOn}）内没有工作日`);
    const restDay = calendar.isWorkingDay(dueOn) ? [] : [`截止日${dueOn}为休息日`];
    return { stage, label: labels[stage], opensOn, dueOn, dueAt: chinaEndOfDay(dueOn), notes: [...(notes[stage] ?? []), ...restDay] };
  });
}
