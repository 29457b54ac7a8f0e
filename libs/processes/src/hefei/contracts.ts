import type { Actor, Unit } from '../../../contracts/src';
import type { BranchDomain, Duration, PlannedStage } from '../../../domain/src/core';
import type { HefeiCampaignParams, HefeiStage } from './plan';
import type { GradingStandard } from './rubric';
import type { FiveBasic, HefeiGrade } from './statuses';

/** Hefei's workflows: the year's campaign, one committee's year within it, and one problem's rectification. */
export const HEFEI_CAMPAIGN_WORKFLOW = 'hefeiCampaign';
export const HEFEI_COMMITTEE_YEAR_WORKFLOW = 'hefeiCommitteeYear';
export const HEFEI_RECTIFICATION_WORKFLOW = 'hefeiRectification';

export const hefeiCommitteeWorkflowId = (campaignId: string, committeeId: string) => `campaign-${campaignId}-hf-committee-${committeeId}`;
export const hefeiRectificationWorkflowId = (rectificationId: string) => `hf-rectification-${rectificationId}`;
export const hefeiInspectionWorkflowKey = (campaignId: string, committeeId: string, half: 1 | 2) => `${campaignId}:inspection:${committeeId}:${half}`;
/** The obligations of one grassroots organisation for the campaign's year (its quarterly self-inspections, a secretary's training). */
export const hefeiScheduleId = (campaignId: string, organisationId: string) => `hefei:${campaignId}:${organisationId}`;
/** Every schedule of a campaign, as a LIKE pattern. */
export const hefeiSchedulesOf = (campaignId: string) => `hefei:${campaignId}:%`;
/** The engine's obligation codes Hefei schedules: each organisation's quarterly self-inspection, a private or social branch's secretary training. */
export const HEFEI_SELF_INSPECTION = 'hefei_self_inspection';
export const HEFEI_SECRETARY_TRAINING = 'hefei_secretary_training';

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

/** A branch as the year carries it. */
export interface HefeiBranch {
  id: string;
  name: string;
  domain: BranchDomain | null;
  memberCount: number | null;
  /** Never graded before: its grade counts towards the committee's A cap (首次定级). */
  firstGrading: boolean;
}

export interface HefeiCommittee extends Unit {
  branches: HefeiBranch[];
}

/** The bureau as the campaign reads it when it starts. */
export interface HefeiTree {
  committees: HefeiCommittee[];
}

export interface HefeiCommitteeYearInput {
  campaignId: string;
  year: number;
  committee: HefeiCommittee;
  politicalDepartment: Unit;
  /** The standard the committee drafts from: its accepted one if it has one, else Pennant's default. */
  draft: GradingStandard;
  aGradeCap: number;
  rectification: Duration;
  plan: Array<PlannedStage<HefeiStage>>;
}

export interface HefeiCommitteeYearResult {
  committeeId: string;
  graded: Record<HefeiGrade, number>;
  /** Branches graded D that rectified and were graded again. */
  regraded: number;
}

/** One problem found (by the bureau committee's inspection, or by a grading below standard) and rectified by its branch. */
export interface HefeiRectificationInput {
  campaignId: string;
  rectificationId: string;
  branch: Unit;
  /** Who found the problem and accepts or returns the rectification: the bureau committee, or the grading committee. */
  inspector: Unit;
  /** Told when the branch is late. */
  above: Unit;
  problem: string;
  dimension: FiveBasic | null;
  dueAt: string;
  stage: HefeiStage;
}

export interface HefeiRectificationResult {
  rectificationId: string;
  returned: number;
}

export interface HefeiCampaignResult {
  campaignId: string;
  status: 'completed' | 'cancelled';
  graded: Record<HefeiGrade, number>;
}
