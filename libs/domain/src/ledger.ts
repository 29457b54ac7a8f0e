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

/**
 * Who may be recommended, by the ledger: "对历史问题已经解决、影响已经消除、现在成绩比较突出的党支部，
 * 在综合分析研判的基础上，可参加申报". The document's "综合研判" is the same judgement by which a
 * committee grades its branches into the ledger ("各级党委在综合研判基础上…按照…档次，建立台账…根据每年考评结果
 * 及时进行调整"), so a branch graded lagging or weak and lax has not yet had its rectification accepted:
 * it may apply again once the committee above regrades it (an audited change with its history). The stricter
 * reading, and not a policy choice: the document names the judgement and where it is recorded.
 */
export const RECOMMENDATION_ELIGIBILITY_RULE = '评选资格规则';
export const GRADES_AWAITING_RECTIFICATION: readonly BranchGrade[] = ['lagging', 'weak_and_lax'];

/** Why a branch may not apply or be recommended now, naming the rule in Chinese; null when its grade allows it (or it has none yet). */
export function recommendationBar(branchName: string, grade: BranchGrade | null | undefined): string | null {
  if (!grade || !GRADES_AWAITING_RECTIFICATION.includes(grade)) return null;
  return `${RECOMMENDATION_ELIGIBILITY_RULE}：${branchName}在台账中为${BRANCH_GRADE_LABELS[grade]}党支部，整改经上级党委验收、重新评定等次之前，不能申报或推荐为红旗党支部`;
}

/**
 * "原则上不超过10%": as the administrator sets it, a level may exceed the cap only with a reason stated on its
 * decision and kept in the audit trail (`with_reason`), or never (`never`).
 */
export const CAP_EXCEPTION_MODES = ['with_reason', 'never'] as const;
export type CapExceptionMode = (typeof CAP_EXCEPTION_MODES)[number];

/** What moved a ledger entry, as its history shows it (other results may add theirs; unknown ones show as they are). */
export const LEDGER_CHANGE_SOURCE_LABELS: Readonly<Record<string, string>> = {
  initial: '首次登记',
  review: '上级党委调整',
  naming: '市委命名',
};
