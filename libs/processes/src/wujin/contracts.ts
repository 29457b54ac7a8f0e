import type { Actor, Unit } from '../../../contracts/src';
import type { BranchDomain, Duration, PlannedStage, RubricResult } from '../../../domain/src/core';
import type { WujinPhase, WujinPlanParams, WujinStage } from './plan';

/** Wujin's workflows: the district's three-year plan, one branch's assessment round, and one branch's rectification. */
export const WUJIN_PLAN_WORKFLOW = 'wujinPlan';
export const WUJIN_ASSESSMENT_WORKFLOW = 'wujinAssessment';
export const WUJIN_RECTIFICATION_WORKFLOW = 'wujinRectification';
/** One unit committee's share of a phase: its branches' assessments and rectifications, their brands, or a year's obligations. */
export const WUJIN_COMMITTEE_COMPLIANCE_WORKFLOW = 'wujinCommitteeCompliance';
export const WUJIN_COMMITTEE_BRANDS_WORKFLOW = 'wujinCommitteeBrands';
export const WUJIN_COMMITTEE_OBLIGATIONS_WORKFLOW = 'wujinCommitteeObligations';

export const wujinAssessmentWorkflowId = (campaignId: string, branchId: string, round: number) => `campaign-${campaignId}-wj-assessment-${branchId}-${round}`;
export const wujinRectificationWorkflowId = (campaignId: string, branchId: string) => `campaign-${campaignId}-wj-rectification-${branchId}`;
export const wujinCommitteeWorkflowId = (campaignId: string, committeeId: string, work: 'compliance' | 'brands' | `obligations-${number}`) => `campaign-${campaignId}-wj-${work}-${committeeId}`;
/** A branch's standing obligations for one year of the plan. */
export const wujinScheduleId = (campaignId: string, branchId: string, year: number) => `wujin:${campaignId}:${branchId}:${year}`;
export const wujinSchedulesOf = (campaignId: string) => `wujin:${campaignId}:%`;

export interface WujinPlanInput {
  campaignId: string;
  title: string;
  params: WujinPlanParams;
  plan: Array<PlannedStage<WujinStage>>;
  /** 区委组织部: reviews the committees' plans, verifies and decides, runs the notices. */
  orgDepartment: Unit;
  /** 区委: the district whose branches the plan covers. */
  districtCommittee: Unit;
  startedBy: Actor;
}

export interface WujinBranch {
  id: string;
  name: string;
  domain: BranchDomain | null;
  memberCount: number | null;
  /** When the branch committee's term ends (换届), if known. */
  termEndsOn: string | null;
}

export interface WujinCommittee extends Unit {
  branches: WujinBranch[];
}

export interface WujinTree {
  committees: WujinCommittee[];
}

export interface RubricRef {
  code: string;
  version: number;
  passThreshold: number;
}

/** One branch's assessment round: self scores → the committee's scores and declaration → the district's verification. */
export interface WujinAssessmentInput {
  campaignId: string;
  round: number;
  branch: Unit;
  committee: Unit;
  orgDepartment: Unit;
  /** The rubric version scored against (the child loads it: a plan starting hundreds of rounds at once never carries it hundreds of times), and the pass line. */
  rubric: RubricRef;
  /** When the committee's declaration and the district's verification are due. */
  declarationDueAt: string;
  verificationDueAt: string;
}

export interface WujinAssessmentResult {
  assessmentId: string;
  branchId: string;
  round: number;
  /** The district's verdict: passed goes on the compliant list's notice; failed goes to rectification. */
  passed: boolean;
  score: number;
  vetoes: string[];
  reasons: string[];
  result: RubricResult;
}

/** One failed branch's rectification (整顿): its report, the committee's review, and the reassessment that follows. */
export interface WujinRectificationInput {
  campaignId: string;
  rectificationId: string;
  branch: Unit;
  committee: Unit;
  orgDepartment: Unit;
  reasons: string[];
  dueAt: string;
  /** The reassessment's deadlines. */
  reassessmentDueAt: string;
  rubric: RubricRef;
}

export interface WujinRectificationResult {
  rectificationId: string;
  branchId: string;
  outcome: 'reassessed' | 'dissolved' | 'merged';
  /** The reassessment's verdict when there was one. */
  reassessment: WujinAssessmentResult | null;
}

export interface WujinPhaseOutcome {
  phase: WujinPhase;
  target: number;
  measured: number;
  met: boolean;
}

export interface WujinPlanResult {
  campaignId: string;
  status: 'completed' | 'cancelled';
  phases: WujinPhaseOutcome[];
}

/**
 * A unit committee's branches, as its share of the plan's work receives them:
 * the plan runs one child per committee, so that its own history grows with
 * the committees, not with the branches.
 */
export interface WujinCommitteeWorkInput {
  campaignId: string;
  committee: WujinCommittee;
  orgDepartment: Unit;
}

/** The compliance phase's first round for a committee's branches, and the rectification of each that fails. */
export interface WujinCommitteeComplianceInput extends WujinCommitteeWorkInput {
  rubric: RubricRef;
  declarationDueAt: string;
  verificationDueAt: string;
  /** A rectification is due this long after it starts, and no later than the rectification stage's end (its reassessment's deadlines). */
  rectification: { year: number; window: Duration; latest: string };
}

/** The brand phase: each branch files its brand, its committee accepts or returns it. */
export interface WujinCommitteeBrandsInput extends WujinCommitteeWorkInput {
  filingDueAt: string;
  reviewDueAt: string;
}

/** A year's standing obligations of a committee's branches, a schedule each. */
export interface WujinCommitteeObligationsInput extends WujinCommitteeWorkInput {
  year: number;
  fundsPerMember: number;
}

/** A branch whose latest assessment passed, waiting for the compliant list's next notice. */
export interface WujinNoticeCandidate extends Unit {
  committee: Unit;
}
