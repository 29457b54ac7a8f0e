import type { Actor, ObligationSpec, Unit } from '../../../contracts/src';
import type { PlannedStage, Role } from '../../../domain/src/core';
import { LIANGSHAN_LEADER_LABELS, LIANGSHAN_RECORD_FORMS, type LiangshanItem, type LiangshanLeader } from './list';
import type { LiangshanParams, LiangshanStage } from './plan';

/** Liangshan's workflows: the year over the tree, and a committee's branches' schedules. */
export const LIANGSHAN_YEAR_WORKFLOW = 'liangshanYear';
export const LIANGSHAN_COMMITTEE_YEAR_WORKFLOW = 'liangshanCommitteeYear';

export const liangshanCommitteeWorkflowId = (campaignId: string, committeeId: string) => `campaign-${campaignId}-ls-committee-${committeeId}`;
/** A branch's year of the list: one schedule of the engine's obligations holds all its items. */
export const liangshanScheduleId = (campaignId: string, branchId: string, year: number) => `liangshan:${campaignId}:${branchId}:${year}`;
export const liangshanSchedulesOf = (campaignId: string) => `liangshan:${campaignId}:%`;
export const liangshanObligationCode = (itemCode: string) => `liangshan_${itemCode}`;

export interface LiangshanYearInput {
  campaignId: string;
  title: string;
  params: LiangshanParams;
  plan: Array<PlannedStage<LiangshanStage>>;
  /** 州委组织部: starts the year. */
  orgDepartment: Unit;
  /** 州委: the tree whose branches keep the list. */
  districtCommittee: Unit;
  startedBy: Actor;
}

export interface LiangshanCommittee extends Unit {
  branches: Unit[];
}

export interface LiangshanCommitteeYearInput {
  campaignId: string;
  year: number;
  committee: LiangshanCommittee;
  items: LiangshanItem[];
  reminderDays: number;
}

/**
 * Who holds an item's parts at a branch: the responsible people record its
 * completion (the branch's submitter: the committee member keeping the
 * records); the party-group secretary leads as a committee member of the
 * branch, the branch secretary as its reviewer.
 */
export const LIANGSHAN_LEADER_ROLES: Record<LiangshanLeader, Role> = { party_group_secretary: 'committee_member', branch_secretary: 'reviewer' };
export const LIANGSHAN_RESPONSIBLE_ROLE: Role = 'submitter';

/** A branch's year of the list as the engine's obligations: each item with its parties and the records it takes. */
export function liangshanObligationSpecs(items: readonly LiangshanItem[], branch: Unit): ObligationSpec[] {
  return items.map((item) => ({
    code: liangshanObligationCode(item.code),
    title: item.title,
    cadence: item.deadline,
    parties: { leader: { label: LIANGSHAN_LEADER_LABELS[item.leader], organisationId: branch.id, role: LIANGSHAN_LEADER_ROLES[item.leader] }, responsible: item.responsible },
    ...(item.record ? { form: { kind: LIANGSHAN_RECORD_FORMS[item.record] } } : {}),
    ...(item.quota ? { quota: item.quota } : {}),
    ...(item.recordsByMonth ? { formsByMonth: Object.fromEntries(Object.entries(item.recordsByMonth).map(([m, r]) => [m, { kind: LIANGSHAN_RECORD_FORMS[r] }])) } : {}),
  }));
}
