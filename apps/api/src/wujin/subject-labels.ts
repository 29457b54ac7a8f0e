/** Labels of the Wujin rows a reviewer reads beside a task (plans, empty-shell cases, model branches). */

export const PLAN_STATUSES = ['filed', 'accepted', 'returned'] as const;
export type WujinPlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<WujinPlanStatus, string> = { filed: '已报送，待区委组织部审核', accepted: '已审核通过', returned: '已退回修改' };

export const SHELL_STATUSES = ['open', 'dissolved', 'retained'] as const;
export type WujinShellStatus = (typeof SHELL_STATUSES)[number];
export const SHELL_STATUS_LABELS: Record<WujinShellStatus, string> = { open: '待党(工)委审查', dissolved: '已撤销', retained: '保留' };

export const MODEL_BRANCH_STATUSES = ['recommended', 'not_chosen', 'on_notice', 'commended', 'removed'] as const;
export type WujinModelBranchStatus = (typeof MODEL_BRANCH_STATUSES)[number];
export const MODEL_BRANCH_STATUS_LABELS: Record<WujinModelBranchStatus, string> = {
  recommended: '已推荐，待区委组织部评定',
  not_chosen: '未评定为示范支部',
  on_notice: '公示中',
  commended: '已命名为示范支部',
  removed: '公示异议成立，已取消',
};
