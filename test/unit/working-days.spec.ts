import { readFileSync } from 'node:fs';
import {
  CalendarYearMissing,
  WorkingCalendar,
  absoluteDeadline,
  chinaDate,
  chinaEndOfDay,
  periodEnd,
} from '../../libs/domain/src';

/** 2026 as published by the State Council, from the chinese-days package. */
function bundle2026() {
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/years/2026.json'), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  return { years: [2026], holidays: Object.keys(data.holidays), adjustedWorkdays: Object.keys(data.workdays) };
}

describe('workingDays calendar', () => {
  const cal = new WorkingCalendar(bundle2026());

  it('workingDays: weekdays work, weekends rest, holidays rest, adjusted Saturdays and Sundays work', () => {
    expect(cal.isWorkingDay('2026-09-30')).toBe(true); // Wednesday
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, adjusted working day
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, adjusted working day
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // an ordinary Saturday
  });

  it('workingDays: a 3-working-day notice published on 30 September 2026 runs through 10 October', () => {
    const published = '2026-09-30T02:00:00.000Z'; // 10:00 Beijing time
    expect(periodEnd(cal, published, { amount: 3, unit: 'working_days' })).toEqual({
      lastDay: '2026-10-10',
      endsAt: '2026-10-10T16:00:00.000Z',
    });
    // Counted in calendar days it would have ended on 3 October.
    expect(periodEnd(cal, published, { amount: 3, unit: 'calendar_days' }).lastDay).toBe('2026-10-03');
  });

  it('workingDays: counts working days between dates', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(cal.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
  });

  it('workingDays: refuses loudly to count through a year without data', () => {
    expect(() => cal.addWorkingDays('2026-12-28', 10)).toThrow(CalendarYearMissing);
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(/2027年的节假日安排尚未录入/);
    // Calendar days need no holiday data.
    expect(cal.lastDayOf('2026-12-28', { amount: 10, unit: 'calendar_days' })).toBe('2027-01-07');
  });

  it('workingDays: converts between instants and Beijing dates', () => {
    expect(chinaDate('2026-09-30T16:30:00Z')).toBe('2026-10-01'); // 00:30 on 1 October in Beijing
    expect(chinaEndOfDay('2026-03-31')).toBe('2026-03-31T16:00:00.000Z');
    expect(absoluteDeadline(2026, 7, 1)).toBe('2026-07-01T16:00:00.000Z');
  });

  it('workingDays: rejects a negative or fractional count', () => {
    expect(() => cal.addWorkingDays('2026-09-30', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-09-30', 1.5)).toThrow(RangeError);
  });
});
