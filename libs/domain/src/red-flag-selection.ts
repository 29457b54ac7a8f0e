import { type SelectionCandidate, type SelectionRules, isEligible } from './differential-selection';
import { advancedCapOf } from './ledger';

/**
 * How far each candidate got in a red-flag campaign, and how the places are
 * spread over the tree so that the 1:2 recommendation and the 10% cap can both
 * hold at every level.
 */
export const CANDIDATE_STATUSES = [
  'applied',
  'not_recommended',
  'recommended',
  'vetoed',
  'not_selected',
  'committee_red_flag',
  'selected',
  'removed',
  'recommended_to_city',
  'not_proposed',
  'proposed',
  'struck',
  'named',
  'withdrawn',
] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  applied: '已申报，待基层党委推荐',
  not_recommended: '基层党委未推荐',
  recommended: '基层党委已推荐',
  vetoed: '征求意见被一票否决',
  not_selected: '市管党委未遴选',
  committee_red_flag: '评为市管党委本级红旗党支部，未推荐市级',
  selected: '市管党委已遴选，公示中',
  removed: '公示异议成立，已移出名单',
  recommended_to_city: '市管党委已行文上报',
  not_proposed: '市委组织部评审未列入',
  proposed: '列入初步名单，向社会公示',
  struck: '市委审批时剔除',
  named: '命名为“泰山先锋”红旗党支部',
  withdrawn: '红旗党支部称号已取消',
};

export class QuotaExceedsCap extends Error {
  override name = 'QuotaExceedsCap';
}

/**
 * The simulation's quota: about one in 25 branches, but never more than the
 * city-managed committees can hold under the cap with room for the 1:2
 * recommendation (a committee of 59 branches holds 2 places, not 2.95).
 */
export function defaultQuotaFor(governed: readonly number[], cap: number, ratio: number): number {
  const branches = governed.reduce((a, n) => a + n, 0);
  const room = governed.reduce((a, n) => a + allotmentCeiling(n, cap, ratio), 0);
  return Math.max(1, Math.min(Math.floor(branches / 25), room));
}

/** The most a city-managed committee can be allotted: twice its places must fit under the cap on what it governs. */
export function allotmentCeiling(governed: number, cap: number, ratio: number): number {
  return Math.floor(advancedCapOf(governed, cap) / ratio);
}

/**
 * Spreads the city's quota over the city-managed committees by the branches
 * each governs (largest remainder), never above a committee's ceiling. Refuses
 * a quota the tree cannot hold.
 */
export function allotQuota(quota: number, units: ReadonlyArray<{ id: string; governed: number }>, cap: number, ratio: number): Map<string, number> {
  const ceilings = new Map(units.map((u) => [u.id, allotmentCeiling(u.governed, cap, ratio)]));
  const room = [...ceilings.values()].reduce((a, b) => a + b, 0);
  if (quota > room) {
    throw new QuotaExceedsCap(`比例上限规则：各市管党委所辖党支部按${Math.round(cap * 100)}%比例、1:${ratio}差额推荐，最多容纳${room}个名额，少于命名名额${quota}个`);
  }
  const total = units.reduce((a, u) => a + u.governed, 0);
  const result = new Map(units.map((u) => [u.id, 0]));
  let left = quota;
  // Whole shares first, then the largest remainders, each within its ceiling; repeat while places remain.
  while (left > 0) {
    const open = units.filter((u) => result.get(u.id)! < ceilings.get(u.id)!);
    const openTotal = open.reduce((a, u) => a + u.governed, 0) || total;
    const shares = open.map((u) => ({ u, exact: (left * u.governed) / openTotal }));
    let given = 0;
    for (const { u, exact } of shares) {
      const add = Math.min(Math.floor(exact), ceilings.get(u.id)! - result.get(u.id)!);
      result.set(u.id, result.get(u.id)! + add);
      given += add;
    }
    const byRemainder = shares
      .filter(({ u }) => result.get(u.id)! < ceilings.get(u.id)!)
      .sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || b.u.governed - a.u.governed || a.u.id.localeCompare(b.u.id));
    for (const { u } of byRemainder) {
      if (given >= left) break;
      result.set(u.id, result.get(u.id)! + 1);
      given++;
    }
    left -= given;
  }
  return result;
}

/**
 * Places of a grassroots committee's differential recommendation: enough, in
 * its share of the branches, for the committee above to choose twice its
 * allotment from more candidates than places — and always fewer than its own
 * applicants (差额). Zero when it has a single applicant.
 */
export function grassrootsPlaces(applicants: number, governed: number, parentGoverned: number, parentNeed: number): number {
  if (applicants < 2) return 0;
  const share = Math.ceil(((parentNeed + 2) * 1.5 * governed) / Math.max(parentGoverned, 1));
  return Math.max(1, Math.min(applicants - 1, share));
}

/** Rules for filling places left by an upheld objection from the rest of the pool: still differential where the pool allows. */
export function supplementRules(missing: number, eligible: number): SelectionRules | null {
  const places = Math.min(missing, eligible - 1);
  return places > 0 ? { places, minRatio: 1 } : null;
}

/** Candidates still eligible for a pick: not excluded and not already chosen. */
export function remainingPool(pool: readonly SelectionCandidate[], taken: ReadonlySet<string>): SelectionCandidate[] {
  return pool.filter((c) => !taken.has(c.id) && isEligible(c));
}
