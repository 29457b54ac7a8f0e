import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BranchDomain } from '../../domain/src';
import type { Actor } from './actors';

/**
 * What every campaign shares, whatever its process: its workflow's id, the
 * organisation department's controls (pause, resume, extend a stage, cancel)
 * and the view they answer with.
 */
export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;

export interface Unit {
  id: string;
  name: string;
}

export type CampaignControlAction = 'pause' | 'resume' | 'cancel' | 'extend';

export interface CampaignControlRequest {
  action: CampaignControlAction;
  reason: string;
  /** For an extension: the stage, the new deadline, and optionally the one organisation (subtree) it is for. */
  stage?: string;
  dueAt?: string;
  organisationId?: string | null;
  organisationPath?: string | null;
  actor: Actor;
}

export interface CampaignView {
  campaignId: string;
  status: 'running' | 'paused' | 'cancelled' | 'completed';
  stage: string | null;
  dues: Record<string, string>;
}

/** A branch's nomination as a campaign carries it from stage to stage. */
export interface CampaignCandidate {
  nominationId: string;
  branchId: string;
  name: string;
  domain: BranchDomain | null;
  priority: boolean;
  /** The grassroots evaluation (党员群众测评) carried up to every later pick; absent before it, or in campaigns recorded before it travelled. */
  evaluation?: { score: number; participants: number } | null;
  /** The city-managed committee's inspection (考察) of this candidate, for the city's review and form 附件3. */
  inspection?: CandidateInspection | null;
}

/** Who inspected a candidate, on which day, and what they found. */
export interface CandidateInspection {
  inspectors: string;
  inspectedOn: string;
  findings: string;
}

export const controlCampaignUpdate = defineUpdate<CampaignView, [CampaignControlRequest]>('controlCampaign');
export const campaignQuery = defineQuery<CampaignView>('campaignState');
