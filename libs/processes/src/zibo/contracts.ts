import type { Actor, ObligationSpec, Unit } from '../../../contracts/src';
import type { PlannedStage } from '../../../domain/src/core';
import type { ZiboParams, ZiboStage } from './plan';

export const ZIBO_YEAR_WORKFLOW = 'ziboYear';
export const ZIBO_BRANCH_YEAR_WORKFLOW = 'ziboBranchYear';
export const ZIBO_HELP_CASE_WORKFLOW = 'ziboHelpCase';

export interface ZiboBranch {
  id: string;
  name: string;
}

/** What starting a Zibo year hands its workflow: the campaign, its plan, the bureau committee and the office that runs it. */
export interface ZiboYearInput {
  campaignId: string;
  title: string;
  params: ZiboParams;
  plan: Array<PlannedStage<ZiboStage>>;
  /** The office whose administrator runs the campaign (局机关党委办公室). */
  department: Unit;
  /** The bureau committee (局党委): it acknowledges, approves, assesses and selects. */
  bureau: Unit;
  startedBy: Actor;
}

export interface ZiboYearResult {
  campaignId: string;
  status: string;
  hardBranches: string[];
  flagged: string[];
}

/** A branch's year: its plan, its standard and evaluation, its party-building project and its secretary's duty report. */
export interface ZiboBranchYearInput {
  campaignId: string;
  year: number;
  branch: ZiboBranch;
  bureau: Unit;
  ratingScale: string[];
  /** Each stage's opening and deadline (the campaign's plan, extensions included when the child starts). */
  stages: Record<ZiboStage, { opensAt: string; dueAt: string }>;
}

/** One-to-one help (一对一结对帮教): a lagging member, a helper, a deadline; the branch closes the case with its outcome. */
export interface ZiboHelpCaseInput {
  caseId: string;
  campaignId: string;
  branch: ZiboBranch;
  bureau: Unit;
  memberName: string;
  helperName: string;
  reason: string;
  deadline: string;
}

export const ziboBranchWorkflowId = (campaignId: string, branchId: string) => `zibo-${campaignId}-branch-${branchId}`;
export const ziboHelpCaseWorkflowId = (caseId: string) => `zibo-help-${caseId}`;
export const ziboScheduleId = (campaignId: string, branchId: string, year: number) => `zibo-${campaignId}-${branchId}-${year}`;

/** The five "hard" criteria (五个过硬) each branch refines into its own standard. */
export const ZIBO_CRITERIA = ['leadership', 'members', 'party_life', 'safeguards', 'function'] as const;
export type ZiboCriterion = (typeof ZIBO_CRITERIA)[number];
export const ZIBO_CRITERION_LABELS: Record<ZiboCriterion, string> = {
  leadership: '领导班子过硬',
  members: '党员队伍过硬',
  party_life: '党内生活过硬',
  safeguards: '基础保障过硬',
  function: '功能发挥过硬',
};

/**
 * The seed's standing duties as counted obligations (熔炉淬炼工程、骨干提升工程):
 * members' meeting quarterly, committee meeting monthly, group meeting 1–2 a
 * month, at least 2 fixed activity days a month, democratic evaluation and
 * party-spirit check-up yearly, the secretary's lesson to all members at least
 * once a year, secretary training of at least 24 hours a year, at least 2
 * face-to-face talks with staff a month.
 */
export function ziboObligationSpecs(): ObligationSpec[] {
  return [
    { code: 'members_meeting', title: '党员大会', cadence: { kind: 'quarterly' }, quota: { min: 1, unit: 'times' } },
    { code: 'committee_meeting', title: '支部委员会', cadence: { kind: 'monthly' }, quota: { min: 1, unit: 'times' } },
    { code: 'group_meeting', title: '党小组会', cadence: { kind: 'monthly' }, quota: { min: 1, max: 2, unit: 'times' } },
    { code: 'activity_day', title: '党员固定活动日', cadence: { kind: 'monthly' }, quota: { min: 2, unit: 'times' } },
    { code: 'staff_talks', title: '支部成员面对面听取职工建议', cadence: { kind: 'monthly' }, quota: { min: 2, unit: 'times' } },
    { code: 'secretary_lesson', title: '支部书记为全体党员讲党课', cadence: { kind: 'yearly' }, quota: { min: 1, unit: 'times' } },
    { code: 'democratic_evaluation', title: '民主评议党员', cadence: { kind: 'yearly' }, quota: { min: 1, unit: 'times' } },
    { code: 'party_spirit_checkup', title: '党性体检', cadence: { kind: 'yearly' }, quota: { min: 1, unit: 'times' } },
    { code: 'secretary_training', title: '支部书记集中培训', cadence: { kind: 'yearly' }, quota: { min: 24, unit: 'hours' } },
  ];
}

/** Where a party-building project stands (zibo_projects.status). */
export const ZIBO_PROJECT_STATUSES = ['submitted', 'returned', 'rejected', 'approved', 'in_progress', 'accepted', 'failed'] as const;
export type ZiboProjectStatus = (typeof ZIBO_PROJECT_STATUSES)[number];
export const ZIBO_PROJECT_STATUS_LABELS: Record<ZiboProjectStatus, string> = {
  submitted: '已报局党委审核',
  returned: '退回修改',
  rejected: '审核未通过',
  approved: '审核通过',
  in_progress: '组织实施中',
  accepted: '验收合格',
  failed: '验收不合格',
};

/** A branch's “三会一课” plan: filed with the bureau, acknowledged, or returned. */
export const ZIBO_PLAN_STATUS_LABELS: Record<'filed' | 'acknowledged' | 'returned', string> = { filed: '已报备', acknowledged: '已备案', returned: '退回修改' };

/** A hard branch's title: conferred, then kept or withdrawn at the dynamic review. */
export const ZIBO_HARD_BRANCH_REVIEW_LABELS: Record<'conferred' | 'retained' | 'withdrawn', string> = { conferred: '已授予过硬党支部称号', retained: '保留称号', withdrawn: '撤销称号' };

export const ZIBO_SUBJECT_STATUS_LABELS: Record<string, string> = {
  ...ZIBO_PROJECT_STATUS_LABELS,
  hard_branch: '过硬支部',
  title_withdrawn: '过硬支部称号已撤销',
  flagged: '未按期确定党建项目（预警）',
};
