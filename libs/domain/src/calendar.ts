/**
 * China's working-day calendar: statutory holidays and adjusted working days
 * (调休) on top of the Monday–Friday week. Dates are calendar dates in China
 * (Asia/Shanghai, UTC+8 all year, no daylight saving) written "YYYY-MM-DD".
 *
 * Pure and deterministic: the data comes in a bundle loaded once (by an
 * activity, so a workflow replays with the same data), never read on the fly.
 */
export interface CalendarBundle {
  /** Years whose holidays and adjusted working days are known. */
  years: number[];
  holidays: string[];
  adjustedWorkdays: string[];
}

export type DurationUnit = 'calendar_days' | 'working_days';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export const DURATION_UNIT_LABELS: Record<DurationUnit, string> = {
  calendar_days: '自然日',
  working_days: '工作日',
};

/** A date in a year the calendar has no data for: refusing beats guessing plain weekdays. */
export class CalendarYearMissing extends Error {
  override name = 'CalendarYearMissing';
  constructor(readonly year: number) {
    super(`${year}年的节假日安排尚未录入，无法按工作日计算期限；请管理员先录入该年度的放假和调休安排`);
  }
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** The calendar date in China at an instant. */
export function chinaDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar date begins (00:00 Beijing time), as ISO-8601 UTC. */
export function chinaStartOfDay(date: string): string {
  return new Date(toDayNumber(date) * DAY_MS - CHINA_OFFSET_MS).toISOString();
}

/** The instant a China calendar date ends, i.e. the next day begins. */
export function chinaEndOfDay(date: string): string {
  return chinaStartOfDay(addCalendarDays(date, 1));
}

export class WorkingCalendar {
  private readonly years: Set<number>;
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;

  constructor(bundle: CalendarBundle) {
    this.years = new Set(bundle.years);
    this.holidays = new Set(bundle.holidays);
    this.workdays = new Set(bundle.adjustedWorkdays);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarYearMissing(year);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(toDayNumber(date) * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The n-th working day after `date` (the start day itself does not count). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** Working days in (from, to]: how many the period from `from` to `to` has run. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = addCalendarDays(from, 1); toDayNumber(day) <= toDayNumber(to); day = addCalendarDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /** The last day of a period of `duration` that starts the day after `date`. */
  lastDayOf(date: string, duration: Duration): string {
    return duration.unit === 'working_days' ? this.addWorkingDays(date, duration.amount) : addCalendarDays(date, duration.amount);
  }
}

/**
 * When something that starts at `startsAt` and must run for `duration` ends:
 * at the end (24:00 Beijing time) of its last day. "A 3-working-day notice
 * published on 30 September" runs through the third working day after it.
 */
export function periodEnd(calendar: WorkingCalendar, startsAt: string, duration: Duration): { lastDay: string; endsAt: string } {
  const lastDay = calendar.lastDayOf(chinaDate(startsAt), duration);
  return { lastDay, endsAt: chinaEndOfDay(lastDay) };
}

/** An absolute deadline such as 31 March of the campaign year: the end of that day in China. */
export function absoluteDeadline(year: number, month: number, day: number): string {
  return chinaEndOfDay(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}
