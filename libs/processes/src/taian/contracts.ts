import type { Actor, CampaignCandidate, UnansweredConsultation, Unit } from '../../../contracts/src';
import type { ConsultationRules, Duration, PlannedStage } from '../../../domain/src/core';
import type { RedFlagCampaignParams, RedFlagStage } from './plan';
import type { ReportingCap } from './rules';

/** Tai'an's workflows: the campaign and the two kinds of committee it runs as children. */
export const RED_FLAG_CAMPAIGN_WORKFLOW = 'redFlagCampaign';
export const GRASSROOTS_RECOMMENDATION_WORKFLOW = 'grassrootsRecommendation';
export const CITY_MANAGED_SELECTION_WORKFLOW = 'cityManagedSelection';

export const DYNAMIC_MANAGEMENT_WORKFLOW = 'redFlagDynamicManagement';

export const grassrootsWorkflowId = (campaignId: string, organisationId: string) => `campaign-${campaignId}-gr-${organisationId}`;
export const cityManagedWorkflowId = (campaignId: string, organisationId: string) => `campaign-${campaignId}-cm-${organisationId}`;
export const dynamicManagementWorkflowId = (campaignId: string) => `campaign-${campaignId}-dynamic`;

/** Tai'an's red-flag selection for one year, started by the organisation department with its parameters and plan. */
export interface RedFlagCampaignInput {
  campaignId: string;
  title: string;
  params: RedFlagCampaignParams;
  plan: Array<PlannedStage<RedFlagStage>>;
  orgDepartment: Unit;
  cityCommittee: Unit;
  startedBy: Actor;
  /** The agencies consulted, by domain: the campaign's year's list as it stood at the start (absent in campaigns started before lists were data). */
  consultationRules?: ConsultationRules;
}

/** The tree a campaign runs over, read when it starts. */
export interface CampaignTree {
  branches: number;
  cityManaged: Array<Unit & { governed: number }>;
  /** Committees that recommend branches directly below them: grassroots committees, and city-managed committees with branches of their own. */
  recommenders: Array<Unit & { governed: number; cityManagedId: string }>;
}

export interface GrassrootsRecommendationInput {
  campaignId: string;
  year: number;
  unit: Unit;
  /** The committee above, told of late work. */
  above: Unit;
  candidates: CampaignCandidate[];
  places: number;
  /** The 10% cap on what it reports, over the branches it governs (absent in campaigns started before it applied here). */
  cap?: ReportingCap;
  dueAt: string;
  unitNotice: Duration;
  consultation: Duration;
  /** A late agency answer: the committee decides (absent in campaigns started before that rule: counted as no objection). */
  onTimeout?: UnansweredConsultation;
  consultationRules?: ConsultationRules;
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
  /** Whether the cap admits a stated exception (absent: never, as before). */
  capExceptions?: ReportingCap['mode'];
  candidates: CampaignCandidate[];
  dueAt: string;
  unitNotice: Duration;
  consultation: Duration;
  onTimeout?: UnansweredConsultation;
  consultationRules?: ConsultationRules;
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

/** A city-managed committee as the plans stage asks it: whether it is a county's, its branches, and its named red-flag branches. */
export interface PlanSubject {
  id: string;
  name: string;
  county: boolean;
  branches: Array<{ id: string; name: string }>;
  /** Its named branches: nomination id, name and branch. */
  mentors: Array<{ id: string; name: string; branchId: string }>;
}

/** The year after naming (动态管理): the branches named, the committees that hold observation meetings, the department that checks. */
export interface DynamicManagementInput {
  campaignId: string;
  year: number;
  named: Array<{ nominationId: string; name: string }>;
  cityManaged: Unit[];
  orgDepartment: Unit;
}

export interface DynamicManagementResult {
  meetings: number;
  checks: number;
  withdrawn: Array<{ nominationId: string; reason: string }>;
}
