/** Where a branch stands in the plan (the `wujin_branch_standing` read model), with its label. */
export const WUJIN_STANDINGS = ['pending', 'assessing', 'on_notice', 'compliant', 'failed', 'rectifying', 'dissolved', 'merged'] as const;
export type WujinStanding = (typeof WUJIN_STANDINGS)[number];

export const WUJIN_SUBJECT_STATUS_LABELS: Record<WujinStanding, string> = {
  pending: '待考核',
  assessing: '考核中',
  on_notice: '合格名单公示中',
  compliant: '合格支部',
  failed: '未达标',
  rectifying: '整顿中',
  dissolved: '已撤销',
  merged: '已撤并',
};

/** What a member case (失联党员、违法违纪党员) is about. */
export const MEMBER_CASE_KINDS = ['lost_contact', 'law_breaking'] as const;
export type MemberCaseKind = (typeof MEMBER_CASE_KINDS)[number];
export const MEMBER_CASE_KIND_LABELS: Record<MemberCaseKind, string> = { lost_contact: '“失联”党员', law_breaking: '违法违纪党员' };
