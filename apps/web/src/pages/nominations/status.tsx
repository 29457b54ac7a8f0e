import { ZONE, dayjs } from '../../format';
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

/**
 * A deadline as people say it: a moment at Beijing midnight ends the day before ("3月15日24时前"),
 * any other moment is shown as it is.
 */
export function formatDeadline(iso: string): string {
  const at = dayjs(iso).tz(ZONE);
  if (at.hour() === 0 && at.minute() === 0) return `${at.subtract(1, 'day').format('YYYY年M月D日')}24时前`;
  return `${at.format('YYYY年M月D日 HH:mm')}前`;
}
