import type { Actor, Unit } from '../../../contracts/src';
import type { BranchDomain, Duration, PlannedStage } from '../../../domain/src';
import type { HefeiCampaignParams, HefeiStage } from './plan';
import type { GradingStandard } from './rubric';
import type { HefeiGrade } from './statuses';

/*
 * PROVISIONAL. Hefei's workflows are not written yet: these names and inputs
 * are what the definition foresees, kept minimal, for the workflows to confirm
 * or change when they are built on the shared campaign machinery.
 */

/** The year's campaign, started by the political department. */
export const HEFEI_CAMPAIGN_WORKFLOW = 'hefeiCampaign';
/** One grassroots committee's year: its standard, its grading round, its August report. */
export const HEFEI_COMMITTEE_YEAR_WORKFLOW = 'hefeiCommitteeYear';
/** One problem's rectification by a branch, accepted or returned by whoever found it. */
export const HEFEI_RECTIFICATION_WORKFLOW = 'hefeiRectification';

export const hefeiCommitteeWorkflowId = (campaignId: string, committeeId: string) => `campaign-${campaignId}-hf-committee-${committeeId}`;
export const hefeiRectificationWorkflowId = (rectificationId: string) => `hf-rectification-${rectificationId}`;

/** The campaign's input: the process's start, with the tree's two heads named as Hefei names them. */
export interface HefeiCampaignInput {
  campaignId: string;
  title: string;
  params: HefeiCampaignParams;
  plan: Array<PlannedStage<HefeiStage>>;
  /** 局政治部: receives the standards and the reports, runs the campaign. */
  politicalDepartment: Unit;
  /** 局党委: runs the half-yearly special inspections. */
  bureauCommittee: Unit;
  startedBy: Actor;
}

/** A branch as the grading round carries it. */
export interface HefeiBranch {
  id: string;
  name: string;
  domain: BranchDomain | null;
  memberCount: number | null;
  /** Never graded before: its grade counts towards the committee's A cap (首次定级). */
  firstGrading: boolean;
}

export interface HefeiCommitteeYearInput {
  campaignId: string;
  year: number;
  committee: Unit;
  politicalDepartment: Unit;
  branches: HefeiBranch[];
  /** The committee's accepted standard when the year starts, if it has one. */
  standard: GradingStandard | null;
  aGradeCap: number;
  rectification: Duration;
  plan: Array<PlannedStage<HefeiStage>>;
}

export interface HefeiRectificationInput {
  campaignId: string;
  rectificationId: string;
  branch: Unit;
  /** Who found the problem and accepts or returns the rectification (the bureau committee, or the grading committee). */
  inspector: Unit;
  description: string;
  dueAt: string;
}

export interface HefeiCampaignResult {
  campaignId: string;
  status: 'completed' | 'cancelled';
  graded: Record<HefeiGrade, number>;
}
