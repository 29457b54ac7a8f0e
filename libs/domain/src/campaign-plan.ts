import { chinaStartOfDay } from './calendar';

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
