import { Tag } from 'antd';
import type { NominationStatus } from './types';

const COLORS: Record<NominationStatus, string> = { under_review: 'processing', returned: 'warning', approved: 'success', rejected: 'error' };

/** The nomination's review status as a coloured tag, with the server's label. */
export function NominationStatusTag({ status, label }: { status: NominationStatus; label: string }) {
  return <Tag color={COLORS[status]}>{label}</Tag>;
}

export const STATUS_FILTERS: Array<{ value: NominationStatus; label: string }> = [
  { value: 'under_review', label: '审核中' },
  { value: 'returned', label: '已退回修改' },
  { value: 'approved', label: '已同意推荐' },
  { value: 'rejected', label: '未通过' },
];
