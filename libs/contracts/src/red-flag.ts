import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BranchDomain, Duration, PlannedStage, RedFlagCampaignParams, RedFlagStage } from '../../domain/src';
import type { Actor } from './actors';

export const RED_FLAG_CAMPAIGN_WORKFLOW = 'redFlagCampaign';
export const GRASSROOTS_RECOMMENDATION_WORKFLOW = 'grassrootsRecommendation';
export const CITY_MANAGED_SELECTION_WORKFLOW = 'cityManagedSelection';

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
export const grassrootsWorkflowId = (campaignId: string, organisationId: string) => `campaign-${campaignId}-gr-${organisationId}`;
export const cityManagedWorkflowId = (campaignId: string, organisationId: string) => `campaign-${campaignId}-cm-${organisationId}`;

export interface Unit {
  id: string;
  name: string;
}

/** Tai'an's red-flag selection for one year, started by the organisation department with its parameters and plan. */
export interface RedFlagCampaignInput {
  campaignId: string;
  title: string;
  params: RedFlagCampaignParams;
  plan: PlannedStage[];
  orgDepartment: Unit;
  cityCommittee: Unit;
  startedBy: Actor;
}

export interface CampaignCandidate {
  nominationId: string;
  branchId: string;
  name: string;
  domain: BranchDomain | null;
  priority: boolean;
}

/** The tree a campaign runs over, read when it starts. */
export interface CampaignTree {
  branches: number;
  cityManaged: Array<Unit & { governed: number }>;
  /** Committees that recommend branches directly below them: grassroots committees, and city-managed committees with branches of their own. */
  recommenders: Array<Unit & { governed: number; cityManagedId: string }>;
}

export type CampaignControlAction = 'pause' | 'resume' | 'cancel' | 'extend';

export interface CampaignControlRequest {
  action: CampaignControlAction;
  reason: string;
  /** For an extension: the stage, the new deadline, and optionally the one organisation (subtree) it is for. */
  stage?: RedFlagStage;
  dueAt?: string;
  organisationId?: string | null;
  organisationPath?: string | null;
  actor: Actor;
}

export interface CampaignView {
  campaignId: string;
  status: 'running' | 'paused' | 'cancelled' | 'completed';
  stage: RedFlagStage | null;
  dues: Record<string, string>;
}

export interface GrassrootsRecommendationInput {
  campaignId: string;
  year: number;
  unit: Unit;
  /** The committee above, told of late work. */
  above: Unit;
  candidates: CampaignCandidate[];
  places: number;
  dueAt: string;
  unitNotice: Duration;
  consultation: Duration;
}

export interface CityManagedSelectionInput {
  campaignId: string;
  year: number;
  unit: Unit;
  orgDepartment: Unit;
  governed: number;
  allotment: number;
  ratio: number;
  cap: number;
  candidates: CampaignCandidate[];
  dueAt: string;
  unitNotice: Duration;
  consultation: Duration;
}

/** What a committee passed upward, and what it kept back and why. */
export interface UnitOutcome {
  unitId: string;
  recommended: string[];
  vetoed: string[];
  removed: string[];
  notChosen: string[];
}

export interface RedFlagCampaignResult {
  campaignId: string;
  status: 'completed' | 'cancelled';
  named: string[];
}

export const controlCampaignUpdate = defineUpdate<CampaignView, [CampaignControlRequest]>('controlCampaign');
export const campaignQuery = defineQuery<CampaignView>('campaignState');
