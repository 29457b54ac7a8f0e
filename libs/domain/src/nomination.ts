/** The life of a nomination (推荐申报) in its first review. */
export const NOMINATION_STATUSES = ['under_review', 'returned', 'approved', 'rejected'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  under_review: '审核中',
  returned: '已退回修改',
  approved: '基层党委已同意推荐',
  rejected: '未通过',
};

export const HONOUR_LEVELS = ['national', 'provincial', 'city', 'county', 'other'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];

/** "近年来": the campaign's year and how many years before it still count. */
export interface HonourRecency {
  year: number;
  years: number;
}

/** An honour of `year` is recent for a campaign of `recency.year` when at most `recency.years` years older, and not from a later year. */
export function isRecentHonour(year: number, recency: HonourRecency): boolean {
  return year >= recency.year - recency.years && year <= recency.year;
}

/**
 * "对近年来获得过省级以上奖励的，要重点推荐": provincial-level or higher honours
 * put a branch first in line, when recent (without a recency, any year counts,
 * as campaigns before it ran).
 */
export function hasPriorityHonour(honours: readonly { level: HonourLevel; year?: number }[], recency?: HonourRecency): boolean {
  return honours.some((h) => (h.level === 'national' || h.level === 'provincial') && (!recency || (typeof h.year === 'number' && isRecentHonour(h.year, recency))));
}

export const REVIEW_DECISIONS = ['approve', 'return', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  approve: '同意',
  return: '退回修改',
  reject: '不同意',
};

export function statusAfterDecision(decision: ReviewDecision): NominationStatus {
  switch (decision) {
    case 'approve':
      return 'approved';
    case 'return':
      return 'returned';
    case 'reject':
      return 'rejected';
  }
}

/** A return or a rejection must say why; the opinion goes on the form. */
export function opinionRequired(decision: ReviewDecision): boolean {
  return decision !== 'approve';
}
