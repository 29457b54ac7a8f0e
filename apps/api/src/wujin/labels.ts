/** Labels of Wujin's rows the read side shows (the standings' are the process's own, WUJIN_SUBJECT_STATUS_LABELS). */
export const WUJIN = 'wujin';

export const RECTIFICATION_STATUSES = ['open', 'submitted', 'returned', 'accepted', 'dissolved', 'merged'] as const;
export type WujinRectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<WujinRectificationStatus, string> = {
  open: '整顿中，待报送',
  submitted: '已报送整顿情况，待党(工)委审核',
  returned: '退回继续整顿',
  accepted: '整顿到位，待复核验收',
  dissolved: '已撤销',
  merged: '已撤并',
};
/** Not yet decided for good: still rectifying or waiting for the committee. */
export const UNDECIDED_RECTIFICATIONS = ['open', 'submitted', 'returned'] as const;

export const BRAND_STATUSES = ['filed', 'accepted', 'returned'] as const;
export type WujinBrandStatus = (typeof BRAND_STATUSES)[number];
export const BRAND_STATUS_LABELS: Record<WujinBrandStatus, string> = { filed: '已报送，待党(工)委认定', accepted: '已认定', returned: '已退回修改' };

export const PHASE_STATUSES = ['pending', 'met', 'missed'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];
export const PHASE_STATUS_LABELS: Record<PhaseStatus, string> = { pending: '进行中', met: '已达成', missed: '未达成' };

export const VERDICT_LABELS: Record<'pass' | 'fail', string> = { pass: '验收通过', fail: '验收未通过' };
