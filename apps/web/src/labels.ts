import type { RoleGrant } from './session/session';

export const ROLE_LABELS: Record<RoleGrant['role'], string> = {
  submitter: '申报人',
  reviewer: '审核人',
  committee_member: '党委委员',
  agency_consultee: '征求意见单位',
  department_head: '部门负责人',
  administrator: '组织部管理员',
};

export const LEVEL_LABELS: Record<RoleGrant['level'], string> = {
  city_committee: '市委',
  org_department: '市委组织部',
  political_department: '政治部',
  city_managed_committee: '市直党（工）委',
  grassroots_committee: '基层党（工）委',
  branch: '党支部',
  agency: '职能部门',
};

/** Who a submitter is depends on where: a branch's secretary, a committee's staff member (Wujin's plans and case lists). */
const SUBMITTER_BY_LEVEL: Partial<Record<RoleGrant['level'], string>> = {
  branch: '党支部书记（申报人）',
  grassroots_committee: '党(工)委工作人员（申报人）',
  city_managed_committee: '党(工)委工作人员（申报人）',
};

/** A role's label at an organisation of `level`; without a level, the role's own label. */
export function roleLabel(role: RoleGrant['role'], level?: RoleGrant['level']): string {
  if (role === 'submitter') return (level && SUBMITTER_BY_LEVEL[level]) ?? '申报人';
  return ROLE_LABELS[role];
}

/** "审核人 · 财源街道党工委" */
export function describeGrant(g: RoleGrant): string {
  return `${roleLabel(g.role, g.level)} · ${g.organisationName}`;
}

export const GRADE_LABELS = {
  advanced: '先进',
  average: '中间',
  lagging: '后进',
  weak_and_lax: '软弱涣散',
} as const;
export type Grade = keyof typeof GRADE_LABELS;
export const GRADE_COLORS: Record<Grade, string> = { advanced: 'red', average: 'blue', lagging: 'orange', weak_and_lax: 'default' };
