import { type BranchGrade, type CapExceptionMode, type SelectionCandidate, advancedCapOf, recommendationBar } from '../../../domain/src/core';

/** The cap a recommending level reports under: its share of the branches it governs, and whether "原则上" admits exceptions. */
export interface ReportingCap {
  share: number;
  governed: number;
  mode: CapExceptionMode;
}

/**
 * A grassroots committee's places under the cap: lowered to it where the cap admits no exception; where it does,
 * the places stay and going beyond the cap needs the committee's stated reason at its pick. No cap (campaigns
 * started before it applied at this level): the places as they were.
 */
export function grassrootsCapPlaces(places: number, cap: ReportingCap | undefined): number {
  if (!cap || cap.mode === 'with_reason') return places;
  return Math.min(places, advancedCapOf(cap.governed, cap.share));
}

/** What the ledger's yearly evaluation (年度考评结果) records for a branch the city names. */
export const namingEvaluation = (year: number) => `${year}年度“泰山先锋”红旗党支部`;

/**
 * The pool as the deciders see it: each candidate with its branch's ledger grade, and barred (评选资格规则)
 * where that grade awaits rectification. Candidates the grades do not mention are left as they are.
 */
export function withLedgerStanding(pool: readonly SelectionCandidate[], grades: Readonly<Record<string, BranchGrade | null>>): SelectionCandidate[] {
  return pool.map((c) => {
    if (!(c.id in grades)) return c;
    const grade = grades[c.id] ?? null;
    const bar = recommendationBar(c.name, grade);
    return { ...c, ledgerGrade: grade, ...(bar ? { ineligibleBecause: bar } : {}) };
  });
}
