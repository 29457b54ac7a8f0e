import type { z } from 'zod';
import type { Actor, Unit } from '../../contracts/src';
import type { AuditFieldCodes, BranchGrade, ConsultationRules, FormKind, PlannedStage, Role, WorkingCalendar } from '../../domain/src';

/** A stage of a process, as its plan, its dashboard and its controls name it. */
export interface StageDefinition {
  id: string;
  label: string;
}

/**
 * Whom a step copies by default (抄送), said relative to the task the way its
 * assignees are, and resolved by the organisation tree when the task's row is
 * first written: the nearest committee above the task's organisation, or the
 * organisation running the task's campaign. A copy is read-only and never
 * waited for.
 */
export type CcRule = { to: 'committee_above'; role: Role } | { to: 'campaign_organiser'; role: Role };

/** What starting a campaign hands its process: the campaign, its plan and who runs it. */
export interface CampaignStart<Params> {
  campaignId: string;
  title: string;
  params: Params;
  plan: PlannedStage[];
  orgDepartment: Unit;
  cityCommittee: Unit;
  startedBy: Actor;
  /** The agencies consulted, by domain: the list of the campaign's year as it stands when the campaign starts. */
  consultationRules?: ConsultationRules;
}

/** How many branches each committee below the city governs: what a start check may need to know of the tree. */
export interface CommitteeSize {
  id: string;
  level: 'city_managed_committee' | 'grassroots_committee';
  governed: number;
}

/**
 * A process the engine runs: everything the generic campaigns, tasks,
 * dashboards and documents need to know of it, declared in one place
 * (libs/processes/src/<process>/definition.ts). The engine never names a
 * process; it reads the registry (libs/processes/src/registry.ts).
 */
export interface ProcessDefinition<Params extends { year: number } = { year: number }> {
  /** Stored with each campaign and used in URLs and the simulation: the place's name (taian, hefei, …). */
  id: string;
  /** The process as its users call it. */
  name: string;
  /** The source it follows (PROCESSES.md section and seed). */
  source: string;
  parameters: {
    /** The parameters a campaign runs with, as the API shows them. */
    schema: z.ZodType;
    /** What POST /campaigns may override; every field optional, each checked as the document requires. */
    overrides: z.ZodType;
    /** The document's own figures for a year. */
    defaults(year: number): Params;
    /** The defaults with the overrides laid over them. */
    merge(year: number, overrides: unknown): Params;
  };
  stages: readonly StageDefinition[];
  /** Every stage with its dates on the working-day calendar; refuses (CampaignPlanInvalid, CalendarYearMissing) a plan that cannot work. */
  plan(params: Params, calendar: WorkingCalendar): PlannedStage[];
  /** How many years from the campaign's the plan spans (its calendar must cover them); 2 (the year and the next) unless said. */
  calendarYears?: number;
  /** The campaign title when none is given. */
  title(params: Params): string;
  /** Refuses (with a message in Chinese) parameters the tree cannot hold, before anything starts. */
  checkStart?(params: Params, committees: readonly CommitteeSize[]): string | null;
  /** The workflow that runs one campaign, and its input. */
  workflow: {
    type: string;
    input(start: CampaignStart<Params>): unknown;
  };
  /** The stage during which branches submit nominations that join the campaign, if the process takes them. */
  applicationStage?: string;
  /** Why a branch, by its grade in the ledger, may not apply now (in Chinese, naming the rule); null when it may. */
  applicationBar?(branch: { name: string; grade: BranchGrade | null }): string | null;
  /** The statuses the process's subjects pass through (candidates, grades, rectifications…), with their labels. */
  subjectStatuses: Readonly<Record<string, string>>;
  /** The codes its audit records' before/after hold, by action prefix and field (see auditChanges), beyond the engine's. */
  auditCodes?: AuditFieldCodes;
  /** What its campaigns' dashboards show beyond every process's stages and late work (the API implements each, by id). */
  dashboardSections: readonly SectionDefinition[];
  /** The documents it produces, as the API serves them (`{campaignId}` and `{nominationId}` stand for the ids). */
  documents: readonly DocumentDefinition[];
  /** Default copies (抄送) by task kind: who is copied on each such task when it opens, besides anyone its actor copies. */
  cc?: Readonly<Record<string, readonly CcRule[]>>;
  /** The form kinds of its own its tasks carry (besides the engine's); the forms index (forms.ts) registers the same. */
  forms?: readonly FormKind[];
}

export interface SectionDefinition {
  id: string;
  label: string;
}

export interface DocumentDefinition {
  id: string;
  title: string;
  path: string;
}

export const stageLabel = (d: ProcessDefinition, stage: string): string => d.stages.find((s) => s.id === stage)?.label ?? stage;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` laid over `base`, object by object at every depth: an override of one field keeps its siblings. */
function layer(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = base[k];
    merged[k] = isPlainObject(b) && isPlainObject(v) ? layer(b, v) : v;
  }
  return merged;
}

/**
 * A process's parameters from its schemas and its document's defaults: the
 * overrides POST /campaigns takes are checked, then laid over the defaults at
 * every depth (a deadline overridden keeps the other deadlines; a phase's
 * target overridden keeps its end date).
 */
export function processParameters<Params extends { year: number }>(p: { schema: z.ZodType; overrides: z.ZodType; defaults(year: number): Params }): ProcessDefinition<Params>['parameters'] {
  return {
    ...p,
    merge(year, given) {
      return layer(p.defaults(year) as Record<string, unknown>, p.overrides.parse(given ?? {}) as Record<string, unknown>) as Params;
    },
  };
}
