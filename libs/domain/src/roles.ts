/** Roles a user holds at one organisation (PROCESSES.md, "Roles"). */
export const ROLES = [
  'submitter',
  'reviewer',
  'committee_member',
  'agency_consultee',
  'department_head',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  submitter: '申报人（支部书记或党委工作人员）',
  reviewer: '审核人',
  committee_member: '党委委员',
  agency_consultee: '征求意见单位联络人',
  department_head: '部门负责人',
  administrator: '管理员',
};
