/**
 * The branch ledger (附件1 过硬党支部建设工作台账): every committee grades the
 * branches it governs, and the advanced ones may not exceed a share (10%) of
 * them at any level (各级党委上报的先进党支部总数原则上不超过所辖党支部总数的10%).
 */
export const BRANCH_GRADES = ['advanced', 'average', 'lagging', 'weak_and_lax'] as const;
export type BranchGrade = (typeof BRANCH_GRADES)[number];

export const BRANCH_GRADE_LABELS: Record<BranchGrade, string> = {
  advanced: '先进',
  average: '中间',
  lagging: '后进',
  weak_and_lax: '软弱涣散',
};

export function isBranchGrade(value: unknown): value is BranchGrade {
  return typeof value === 'string' && (BRANCH_GRADES as readonly string[]).includes(value);
}

/** The share of governed branches that may be advanced, as Tai'an's document sets it. */
export const ADVANCED_CAP_SHARE = 0.1;
export const ADVANCED_CAP_RULE = '比例上限规则';

/** How many advanced branches a level governing `governed` branches may have: floor(share × governed). */
export function advancedCapOf(governed: number, share: number = ADVANCED_CAP_SHARE): number {
  // The epsilon keeps 0.1 × 30 from flooring to 2 through floating-point error.
  return Math.floor(share * governed + 1e-9);
}

/** A committee and every branch in its subtree, each with its current grade (null: no ledger entry yet). */
export interface GovernedBranches {
  committeeId: string;
  committeeName: string;
  branches: ReadonlyArray<{ branchId: string; grade: BranchGrade | null }>;
}

export interface GradeChange {
  branchId: string;
  grade: BranchGrade;
}

export interface AdvancedCapViolation {
  committeeId: string;
  committeeName: string;
  governed: number;
  cap: number;
  advancedBefore: number;
  advancedAfter: number;
  /** Names the rule and the numbers, in Chinese. */
  message: string;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function capMessage(committeeName: string, governed: number, cap: number, advanced: string, share: number): string {
  return `${ADVANCED_CAP_RULE}：${committeeName}所辖党支部${governed}个，先进党支部原则上不超过${percent(share)}（至多${cap}个），${advanced}`;
}

/** What the cap needs to know of one committee: how many branches it governs, how many of them are advanced now. */
export interface GovernedCount {
  committeeId: string;
  committeeName: string;
  governed: number;
  advanced: number;
}

/**
 * The committees a branch's move from `from` to `to` would push over the cap,
 * given the counts of every committee above the branch. A change that does not
 * raise a committee's count never breaks the rule there, even where the count
 * is already over (old data is corrected downwards, not frozen).
 */
export function advancedCapViolationsByCount(
  committees: readonly GovernedCount[],
  change: { from: BranchGrade | null; to: BranchGrade },
  share: number = ADVANCED_CAP_SHARE,
): AdvancedCapViolation[] {
  const delta = (change.to === 'advanced' ? 1 : 0) - (change.from === 'advanced' ? 1 : 0);
  if (delta <= 0) return [];
  return committees.flatMap((c) => {
    const cap = advancedCapOf(c.governed, share);
    const advancedAfter = c.advanced + delta;
    if (advancedAfter <= cap) return [];
    const message = capMessage(c.committeeName, c.governed, cap, `现有${c.advanced}个，调整后将有${advancedAfter}个`, share);
    return [{ committeeId: c.committeeId, committeeName: c.committeeName, governed: c.governed, cap, advancedBefore: c.advanced, advancedAfter, message }];
  });
}

/**
 * The committees whose advanced count the change would push over the cap,
 * given every branch under each committee above the changed branch (committees
 * that do not govern the branch are untouched by the change).
 */
export function advancedCapViolations(
  committees: readonly GovernedBranches[],
  change: GradeChange,
  share: number = ADVANCED_CAP_SHARE,
): AdvancedCapViolation[] {
  return committees.flatMap((c) => {
    const current = c.branches.find((b) => b.branchId === change.branchId);
    if (!current) return [];
    const counts = { committeeId: c.committeeId, committeeName: c.committeeName, governed: c.branches.length, advanced: c.branches.filter((b) => b.grade === 'advanced').length };
    return advancedCapViolationsByCount([counts], { from: current.grade, to: change.grade }, share);
  });
}

/** The committees already over the cap, as they stand (a check of a whole ledger, e.g. a seeded one). */
export function committeesOverAdvancedCap(committees: readonly GovernedBranches[], share: number = ADVANCED_CAP_SHARE): AdvancedCapViolation[] {
  return committees.flatMap((c) => {
    const advanced = c.branches.filter((b) => b.grade === 'advanced').length;
    const cap = advancedCapOf(c.branches.length, share);
    if (advanced <= cap) return [];
    const governed = c.branches.length;
    const message = capMessage(c.committeeName, governed, cap, `现有${advanced}个`, share);
    return [{ committeeId: c.committeeId, committeeName: c.committeeName, governed, cap, advancedBefore: advanced, advancedAfter: advanced, message }];
  });
}

/** One year's goal (创建目标) in the ledger's three-year plan. */
export interface LedgerGoal {
  year: number;
  grade: BranchGrade;
}
