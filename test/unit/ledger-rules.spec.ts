import {
  ADVANCED_CAP_RULE,
  BRANCH_GRADES,
  BRANCH_GRADE_LABELS,
  type BranchGrade,
  type GovernedBranches,
  advancedCapOf,
  advancedCapViolations,
  advancedCapViolationsByCount,
  committeesOverAdvancedCap,
  isBranchGrade,
} from '../../libs/domain/src';

/** `n` branches named `${prefix}-1…n`, the first `advanced` of them advanced, the rest average. */
function branches(prefix: string, n: number, advanced: number): Array<{ branchId: string; grade: BranchGrade | null }> {
  return Array.from({ length: n }, (_, i) => ({ branchId: `${prefix}-${i + 1}`, grade: i < advanced ? 'advanced' : 'average' }));
}

describe('ledger grades and the 10% advanced cap (附件1)', () => {
  it('names the four grades in Chinese, as the document does', () => {
    expect(BRANCH_GRADES).toEqual(['advanced', 'average', 'lagging', 'weak_and_lax']);
    expect(BRANCH_GRADES.map((g) => BRANCH_GRADE_LABELS[g])).toEqual(['先进', '中间', '后进', '软弱涣散']);
    expect(isBranchGrade('lagging')).toBe(true);
    expect(isBranchGrade('先进')).toBe(false);
    expect(isBranchGrade(undefined)).toBe(false);
  });

  it('caps a level at floor(10% of the branches it governs), without floating-point loss', () => {
    expect(advancedCapOf(9)).toBe(0);
    expect(advancedCapOf(10)).toBe(1);
    expect(advancedCapOf(19)).toBe(1);
    expect(advancedCapOf(30)).toBe(3);
    expect(advancedCapOf(70)).toBe(7);
    expect(advancedCapOf(0)).toBe(0);
    expect(advancedCapOf(60, 0.05)).toBe(3);
  });

  // A city of 30 branches: a district of 20 (two streets of 10), a street of 10 directly under the city.
  const street1 = branches('s1', 10, 1);
  const street2 = branches('s2', 10, 0);
  const street3 = branches('s3', 10, 0);
  const tree = (): GovernedBranches[] => [
    { committeeId: 'city', committeeName: '中共泰安市委员会', branches: [...street1, ...street2, ...street3] },
    { committeeId: 'district', committeeName: '中共泰安市泰山区委员会', branches: [...street1, ...street2] },
    { committeeId: 's1', committeeName: '财源街道党工委', branches: street1 },
    { committeeId: 's2', committeeName: '岱庙街道党工委', branches: street2 },
  ];

  it('lets a branch become advanced where every committee above still has room', () => {
    expect(advancedCapViolations(tree(), { branchId: 's2-4', grade: 'advanced' })).toEqual([]);
    expect(committeesOverAdvancedCap(tree())).toEqual([]);
  });

  it('refuses the second advanced branch of a street of ten, naming the rule, the committee and the numbers', () => {
    const violations = advancedCapViolations(tree(), { branchId: 's1-5', grade: 'advanced' });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ committeeId: 's1', governed: 10, cap: 1, advancedBefore: 1, advancedAfter: 2 });
    expect(violations[0]!.message).toBe(`${ADVANCED_CAP_RULE}：财源街道党工委所辖党支部10个，先进党支部原则上不超过10%（至多1个），现有1个，调整后将有2个`);
  });

  it('checks every level above the branch and names each one over, root first', () => {
    // A district of 30 allows 3; it has 3, one in each street of ten, and a fourth street of ten has none yet.
    const streets = [branches('a', 10, 1), branches('b', 10, 1), branches('c', 10, 1), branches('d', 10, 0)];
    const district: GovernedBranches = { committeeId: 'district', committeeName: '中共泰安市岱岳区委员会', branches: streets.slice(0, 3).flat() };
    const withD = { ...district, branches: [...district.branches, ...streets[3]!] };
    // Street d under the district as well: 40 branches allow 4, so all is well.
    expect(advancedCapViolations([withD, { committeeId: 'd', committeeName: '满庄镇党委', branches: streets[3]! }], { branchId: 'd-1', grade: 'advanced' })).toEqual([]);
    // Street c has room for none more; the district (30) is full too: both are named, root first.
    const full = advancedCapViolations([district, { committeeId: 'c', committeeName: '粥店街道党工委', branches: streets[2]! }], { branchId: 'c-2', grade: 'advanced' });
    expect(full.map((v) => [v.committeeId, v.cap, v.advancedAfter])).toEqual([
      ['district', 3, 4],
      ['c', 1, 2],
    ]);
  });

  it('refuses at the district alone when its own branches fill its cap while a street below still has room', () => {
    // 10 branches directly under the district (3 advanced), a street of 20 (none), a street of 10 (one): 40 allow 4, all taken.
    const direct = branches('x', 10, 3);
    const street = branches('e', 20, 0);
    const district: GovernedBranches = { committeeId: 'district', committeeName: '中共泰安市岱岳区委员会', branches: [...direct, ...street, ...branches('f', 10, 1)] };
    const e: GovernedBranches = { committeeId: 'e', committeeName: '满庄镇党委', branches: street };
    const violations = advancedCapViolations([district, e], { branchId: 'e-1', grade: 'advanced' });
    expect(violations.map((v) => [v.committeeId, v.governed, v.cap, v.advancedBefore])).toEqual([['district', 40, 4, 4]]);
  });

  it('never refuses a change that does not add an advanced branch, even where a level is already over', () => {
    const over: GovernedBranches[] = [{ committeeId: 's1', committeeName: '财源街道党工委', branches: branches('s1', 10, 3) }];
    expect(committeesOverAdvancedCap(over).map((v) => v.message)).toEqual([`${ADVANCED_CAP_RULE}：财源街道党工委所辖党支部10个，先进党支部原则上不超过10%（至多1个），现有3个`]);
    expect(advancedCapViolations(over, { branchId: 's1-1', grade: 'advanced' })).toEqual([]);
    expect(advancedCapViolations(over, { branchId: 's1-2', grade: 'lagging' })).toEqual([]);
    expect(advancedCapViolations(over, { branchId: 's1-9', grade: 'weak_and_lax' })).toEqual([]);
    expect(advancedCapViolations(over, { branchId: 's1-9', grade: 'advanced' })).toHaveLength(1);
  });

  it('leaves committees that do not govern the branch alone', () => {
    expect(advancedCapViolations(tree(), { branchId: 's3-1', grade: 'advanced' })).toEqual([]);
    expect(advancedCapViolations(tree(), { branchId: 'nowhere', grade: 'advanced' })).toEqual([]);
  });

  it('counts a branch without a ledger entry as not advanced', () => {
    const fresh: GovernedBranches[] = [{ committeeId: 'g', committeeName: '满庄镇党委', branches: [...branches('g', 9, 0), { branchId: 'new', grade: null }] }];
    expect(advancedCapViolations(fresh, { branchId: 'new', grade: 'advanced' })).toEqual([]);
    expect(advancedCapViolations(fresh, { branchId: 'new', grade: 'average' })).toEqual([]);
  });

  it('works on counts alone, for a level too large to list', () => {
    const counts = [
      { committeeId: 'city', committeeName: '中共泰安市委员会', governed: 6000, advanced: 599 },
      { committeeId: 'county', committeeName: '中共新泰市委员会', governed: 900, advanced: 90 },
    ];
    expect(advancedCapViolationsByCount(counts, { from: 'average', to: 'advanced' }).map((v) => [v.committeeId, v.cap, v.advancedAfter])).toEqual([['county', 90, 91]]);
    expect(advancedCapViolationsByCount(counts, { from: 'advanced', to: 'advanced' })).toEqual([]);
    expect(advancedCapViolationsByCount(counts, { from: null, to: 'lagging' })).toEqual([]);
    // A smaller share is a campaign parameter.
    expect(advancedCapViolationsByCount(counts, { from: null, to: 'advanced' }, 0.05).map((v) => v.message)).toEqual([
      `${ADVANCED_CAP_RULE}：中共泰安市委员会所辖党支部6000个，先进党支部原则上不超过5%（至多300个），现有599个，调整后将有600个`,
      `${ADVANCED_CAP_RULE}：中共新泰市委员会所辖党支部900个，先进党支部原则上不超过5%（至多45个），现有90个，调整后将有91个`,
    ]);
  });
});
