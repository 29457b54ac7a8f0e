import { addCalendarDays } from './calendar';

/** Records one decision may carry: a month's days. */
export const MAX_RECORDS_AT_ONCE = 31;

/**
 * Recurring obligations (三会一课, 责任清单 …): a cadence generates one
 * occurrence per period, each due at the end of its period.
 */
export type Cadence =
  | { kind: 'monthly' }
  | { kind: 'quarterly' }
  | { kind: 'half_yearly' }
  | { kind: 'yearly' }
  /** In the given months only, e.g. March and December; `labels` names what a month's occurrence is (4月：设定标准, 12月：评比). */
  | { kind: 'months'; months: number[]; labels?: Record<string, string> }
  /** Once, by a date in the year, e.g. before the end of November. */
  | { kind: 'by_date'; month: number; day: number }
  /** Once, in December or in January of the next year (12月或次年1月): one period from 1 December to 31 January. */
  | { kind: 'december_or_january' };

export const CADENCE_LABELS: Record<Cadence['kind'], string> = {
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
  months: '指定月份',
  by_date: '限期完成',
  december_or_january: '12月或次年1月',
};

export interface Occurrence {
  /** Stable within a year: "2026-03", "2026-Q1", "2026-H2", "2026", "2026-by-11-30". */
  key: string;
  label: string;
  periodStart: string;
  dueDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => addCalendarDays(`${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01`, -1);
const span = (year: number, from: number, to: number) => ({ periodStart: `${year}-${pad(from)}-01`, dueDate: lastDayOfMonth(year, to) });

export function occurrences(cadence: Cadence, year: number): Occurrence[] {
  switch (cadence.kind) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => ({ key: `${year}-${pad(i + 1)}`, label: `${year}年${i + 1}月`, ...span(year, i + 1, i + 1) }));
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => ({ key: `${year}-Q${q}`, label: `${year}年第${q}季度`, ...span(year, q * 3 - 2, q * 3) }));
    case 'half_yearly':
      return [1, 2].map((h) => ({ key: `${year}-H${h}`, label: `${year}年${h === 1 ? '上' : '下'}半年`, ...span(year, h * 6 - 5, h * 6) }));
    case 'yearly':
      return [{ key: `${year}`, label: `${year}年`, ...span(year, 1, 12) }];
    case 'months':
      return [...new Set(cadence.months)]
        .filter((m) => m >= 1 && m <= 12)
        .sort((a, b) => a - b)
        .map((m) => {
          const what = cadence.labels?.[String(m)];
          return { key: `${year}-${pad(m)}`, label: `${year}年${m}月${what ? `：${what}` : ''}`, ...span(year, m, m) };
        });
    case 'by_date':
      return [
        {
          key: `${year}-by-${pad(cadence.month)}-${pad(cadence.day)}`,
          label: `${year}年${cadence.month}月${cadence.day}日前`,
          periodStart: `${year}-01-01`,
          dueDate: `${year}-${pad(cadence.month)}-${pad(cadence.day)}`,
        },
      ];
    case 'december_or_january':
      return [{ key: `${year}-12-or-01`, label: `${year}年12月或${year + 1}年1月`, periodStart: `${year}-12-01`, dueDate: lastDayOfMonth(year + 1, 1) }];
  }
}

export interface ComplianceFigures {
  due: number;
  onTime: number;
  late: number;
  missing: number;
  /** On-time share of the occurrences due so far, 0–1; 1 when nothing is due yet. */
  rate: number;
}

export const OBLIGATION_STATUSES = ['open', 'completed', 'overdue', 'postponed'] as const;
export const OBLIGATION_STATUS_LABELS: Record<(typeof OBLIGATION_STATUSES)[number], string> = { open: '办理中', completed: '已完成', overdue: '已逾期', postponed: '已延期' };

/** Occurrences postponed by an approved delay are carried by another year: not counted here at all. */
export function compliance(rows: ReadonlyArray<{ status: 'open' | 'completed' | 'overdue' | 'postponed'; completedLate: boolean | null; due: boolean }>): ComplianceFigures {
  const due = rows.filter((r) => r.due && r.status !== 'postponed');
  const onTime = due.filter((r) => r.status === 'completed' && !r.completedLate).length;
  const late = due.filter((r) => r.status === 'completed' && r.completedLate).length;
  const missing = due.length - onTime - late;
  return { due: due.length, onTime, late, missing, rate: due.length ? onTime / due.length : 1 };
}

/**
 * A counted obligation: so many times (or hours) per period — "1–2 a month",
 * "at least 2 a month", "at least 24 hours a year". Each record counts toward
 * the minimum (hours add up); the occurrence is done when the minimum is
 * reached and still takes records until its period ends; a record past the
 * maximum is flagged.
 */
export interface Quota {
  min: number;
  max?: number;
  unit: 'times' | 'hours';
}

export const QUOTA_UNIT_LABELS: Record<Quota['unit'], string> = { times: '次', hours: '学时' };

/** "每月1—2次", "至少2次", "不少于24学时": the quota as the documents state it. */
export function quotaLabel(q: Quota): string {
  const unit = QUOTA_UNIT_LABELS[q.unit];
  if (q.max === undefined) return `不少于${q.min}${unit}`;
  return q.max === q.min ? `${q.min}${unit}` : `${q.min}—${q.max}${unit}`;
}

/** What one record adds to its occurrence: 1 for a time, its hours for hours. */
export const recordAmount = (q: Quota, hours: number | undefined): number => (q.unit === 'hours' ? (hours ?? 0) : 1);

/** The count after a record, whether the minimum is now reached and whether this record goes past the maximum. */
export function countRecord(q: Quota, countedBefore: number, amount: number): { counted: number; reached: boolean; overMax: boolean } {
  const counted = Math.round((countedBefore + amount) * 100) / 100;
  return { counted, reached: counted >= q.min, overMax: q.max !== undefined && counted > q.max };
}
