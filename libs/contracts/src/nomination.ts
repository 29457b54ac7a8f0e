import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BranchDomain, HonourLevel, NominationStatus, ReviewDecision } from '../../domain/src';
import type { Actor, OrgRef } from './actors';
import type { TaskSpec } from './tasks';

export const NOMINATION_REVIEW_WORKFLOW = 'nominationReview';

export function nominationWorkflowId(nominationId: string): string {
  return `nomination-${nominationId}`;
}

export interface Honour {
  title: string;
  level: HonourLevel;
  year: number;
}

/** The fields a branch fills in on the recommendation-approval form (附件3). */
export interface NominationForm {
  secretaryName: string;
  secretaryPhone: string;
  basicSituation: string;
  honours: Honour[];
  mainDeeds: string;
}

export interface NominationReviewInput {
  nominationId: string;
  campaignYear: number;
  branch: OrgRef & { domain: BranchDomain | null };
  grassrootsCommittee: OrgRef | null;
  cityManagedCommittee: OrgRef | null;
  /** The committee whose reviewer decides (nearest committee above the branch). */
  reviewingCommittee: OrgRef;
  form: NominationForm;
  submittedBy: Actor;
  submittedAt: string;
  /** The running campaign the nomination applies to, and its application deadline for this branch (extensions included). */
  campaignId?: string | null;
  /** The first moment applications are taken ("第一季度"), judged on the workflow's clock like the deadline. */
  applicationOpensAt?: string | null;
  applicationDueAt?: string | null;
}

export interface NominationReceipt {
  nominationId: string;
  status: NominationStatus;
  taskId: string | null;
}

export interface ReviewDecisionRequest {
  taskId: string;
  decision: ReviewDecision;
  opinion: string;
  actor: Actor;
}

export interface ResubmissionRequest {
  form: NominationForm;
  actor: Actor;
}

export interface NominationWorkflowState {
  status: NominationStatus | 'registering';
  openTask: TaskSpec | null;
  rounds: number;
}

/** Waits until the workflow has registered the nomination, then answers with it. */
export const submitNominationUpdate = defineUpdate<NominationReceipt>('submitNomination');
export const reviewDecisionUpdate = defineUpdate<NominationReceipt, [ReviewDecisionRequest]>('reviewDecision');
export const resubmitNominationUpdate = defineUpdate<NominationReceipt, [ResubmissionRequest]>('resubmitNomination');
export const nominationStateQuery = defineQuery<NominationWorkflowState>('nominationState');
