import type { Actor, Unit } from '../../../contracts/src';
import type { WujinStage } from './plan';

/**
 * A delayed re-election (换届延期, seed 004 and the branch work regulations:
 * a delay needs the level above's approval and may not exceed a year). Pure:
 * the date rule, and what the workflow is given.
 */
export const WUJIN_RE_ELECTION_DELAY_WORKFLOW = 'wujinReElectionDelay';
export const wujinReElectionDelayWorkflowId = (delayId: string) => `wujin-re-election-delay-${delayId}`;

export const RE_ELECTION_DELAY_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ReElectionDelayStatus = (typeof RE_ELECTION_DELAY_STATUSES)[number];
export const RE_ELECTION_DELAY_STATUS_LABELS: Record<ReElectionDelayStatus, string> = { pending: '待党(工)委审批', approved: '已批准延期', refused: '未批准' };

/** The same day a year later (29 February: the 28th). */
export function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Why a new re-election date is refused, or null. `termEndsOn`: when the term
 * ends now; `originalTermEndsOn`: when it ended before any delay of this term
 * (the year is counted from there, so delays cannot be chained past it).
 */
export function reElectionDelayRefusal(a: { termEndsOn: string; originalTermEndsOn: string; until: string; today: string }): string | null {
  if (a.until < a.today) return `延期后的换届日期（${a.until}）不能早于今天（${a.today}）`;
  if (a.until <= a.termEndsOn) return `延期后的换届日期（${a.until}）须晚于本届任期届满日（${a.termEndsOn}）`;
  const latest = oneYearAfter(a.originalTermEndsOn);
  if (a.until > latest) return `换届延期一般不超过一年：本届任期${a.originalTermEndsOn}届满，最迟可延期至${latest}`;
  return null;
}

/** When the term ended before the approved delays that led to `termEndsOn` (each delay's new date is the next one's term end). */
export function originalTermEnd(termEndsOn: string, approved: ReadonlyArray<{ termEndsOn: string; until: string }>): string {
  let end = termEndsOn;
  for (let guard = 0; guard <= approved.length; guard++) {
    const previous = approved.find((d) => d.until === end);
    if (!previous) break;
    end = previous.termEndsOn;
  }
  return end;
}

/**
 * Whether an approved delay leaves this year's schedule ('postponed') for the
 * next year's, which the plan starts on 1 January from the tree (reading the
 * new term end): only when that schedule is still to start and lies within
 * the plan. Otherwise the occurrence stays where it is, due on the new date.
 */
export function delayPostpones(a: { occurrenceYear: number; until: string; lastScheduleYear: number; today: string }): boolean {
  const untilYear = Number(a.until.slice(0, 4));
  return untilYear > a.occurrenceYear && untilYear <= a.lastScheduleYear && Number(a.today.slice(0, 4)) < untilYear;
}

export interface WujinReElectionDelayInput {
  campaignId: string;
  delayId: string;
  branch: Unit;
  committee: Unit;
  /** 区委组织部: told when the committee has not decided in time. */
  orgDepartment: Unit;
  termEndsOn: string;
  until: string;
  reason: string;
  /** The plan's stage the request falls in (its phase), for the task's place in the inbox. */
  stage: WujinStage;
  /** The plan's last year of standing obligations. */
  lastScheduleYear: number;
  requestedBy: Actor;
}

export interface WujinReElectionDelayResult {
  delayId: string;
  status: Exclude<ReElectionDelayStatus, 'pending'>;
  occurrenceChange: 'moved' | 'postponed' | null;
}
