import { DAY, LONGEST_STEP_DAYS, daysUntil } from '../../apps/simulate/src/campaign-days';

describe('how far the simulated clock moves after a day', () => {
  const now = Date.UTC(2028, 2, 1, 1, 0, 0);

  it('moves a day when the day’s work says nothing of the next', () => {
    expect(daysUntil(now, undefined)).toBe(1);
  });

  it('moves a day when someone acts tomorrow or has work waiting already', () => {
    expect(daysUntil(now, now + DAY)).toBe(1);
    expect(daysUntil(now, now + 3_600_000)).toBe(1);
    expect(daysUntil(now, now - DAY)).toBe(1);
  });

  it('moves straight to the day of the next action, whole days so the time of day stays', () => {
    expect(daysUntil(now, now + DAY + 1)).toBe(2);
    expect(daysUntil(now, now + 2 * DAY)).toBe(2);
  });

  it('never moves further than LONGEST_STEP_DAYS, so work arriving meanwhile waits no longer than its holder would', () => {
    expect(LONGEST_STEP_DAYS).toBe(3);
    expect(daysUntil(now, now + 40 * DAY)).toBe(LONGEST_STEP_DAYS);
    expect(daysUntil(now, Infinity)).toBe(LONGEST_STEP_DAYS);
  });
});
