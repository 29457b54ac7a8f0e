import { type BranchGrade, RECOMMENDATION_ELIGIBILITY_RULE, advancedCapOf } from './ledger';

/**
 * Differential selection (差额): choose k of n candidates with n > k, by votes
 * or scores, under a minimum ratio of candidates to places, a cap on how many
 * of the governed branches may be chosen, priorities and exclusions. Every
 * outcome explains itself; every refusal names its rule.
 */
export interface SelectionCandidate {
  id: string;
  name: string;
  /** Votes or points; higher is better. */
  score: number;
  /** Provincial-level or higher honours: recommended first (重点推荐). */
  priority?: boolean;
  /** Why the candidate may not be chosen (a veto, a violation); absent when eligible. */
  excludedBecause?: string;
  /** What the deciders should weigh beside the score: agencies' objections, answers never given. */
  notes?: string[];
  /** The branch's grade in the ledger when the pick opened (shown to the deciders); null without an entry. */
  ledgerGrade?: BranchGrade | null;
  /** Why the branch may not be recommended now (评选资格规则: a grade awaiting rectification); absent when eligible. */
  ineligibleBecause?: string;
}

/** Neither excluded (a veto) nor barred by its grade: a candidate that may be chosen. */
export const isEligible = (c: SelectionCandidate): boolean => !c.excludedBecause && !c.ineligibleBecause;

export interface SelectionRules {
  /** Places to fill (k). */
  places: number;
  /** Candidates per place at least: 2 means 1:2 (n ≥ 2k). */
  minRatio: number;
  /**
   * At most this share of the branches the level governs may be chosen (e.g. 0.1), with how many it governs.
   * `exceptions: 'with_reason'` ("原则上"): more may be chosen, up to the places, with a reason stated on the decision.
   */
  cap?: { share: number; governed: number; exceptions?: 'with_reason' };
}

export type SelectionRule = 'RATIO' | 'PLACES' | 'CAP' | 'EXCLUDED' | 'INELIGIBLE' | 'PRIORITY' | 'UNKNOWN_CANDIDATE' | 'DUPLICATE';

export const SELECTION_RULE_LABELS: Record<SelectionRule, string> = {
  RATIO: '差额比例规则',
  PLACES: '名额规则',
  CAP: '比例上限规则',
  EXCLUDED: '排除规则（一票否决或违纪违法）',
  INELIGIBLE: RECOMMENDATION_ELIGIBILITY_RULE,
  PRIORITY: '优先推荐规则',
  UNKNOWN_CANDIDATE: '候选对象规则',
  DUPLICATE: '重复推荐规则',
};

export interface SelectionViolation {
  rule: SelectionRule;
  message: string;
  candidateIds?: string[];
}

export interface SelectionExplanation {
  candidateId: string;
  name: string;
  selected: boolean;
  rank: number | null;
  reason: string;
}

/** The most that may be chosen: the places, lowered by the cap where one applies without exceptions. */
export function effectivePlaces(rules: SelectionRules): number {
  if (!rules.cap || rules.cap.exceptions === 'with_reason') return rules.places;
  return Math.min(rules.places, advancedCapOf(rules.cap.governed, rules.cap.share));
}

/** The ratio n ≥ ratio·k counts eligible candidates only. */
export function checkPool(candidates: readonly SelectionCandidate[], rules: SelectionRules): SelectionViolation[] {
  const eligible = candidates.filter(isEligible);
  const needed = Math.ceil(rules.minRatio * effectivePlaces(rules));
  if (eligible.length < needed || eligible.length <= effectivePlaces(rules)) {
    return [
      {
        rule: 'RATIO',
        message: `${SELECTION_RULE_LABELS.RATIO}：${effectivePlaces(rules)}个名额至少需要${Math.max(needed, effectivePlaces(rules) + 1)}名符合条件的候选对象（1:${rules.minRatio}差额），现有${eligible.length}名`,
      },
    ];
  }
  return [];
}

/** How many the cap allows by itself, whether or not it admits exceptions. */
export const capOf = (cap: NonNullable<SelectionRules['cap']>): number => advancedCapOf(cap.governed, cap.share);

function ranked(candidates: readonly SelectionCandidate[]): SelectionCandidate[] {
  return candidates
    .filter(isEligible)
    .sort((a, b) => Number(!!b.priority) - Number(!!a.priority) || b.score - a.score || a.id.localeCompare(b.id));
}

/** The selection the rules propose: priority first, then by score; ties broken by id so it is reproducible. */
export function proposeSelection(candidates: readonly SelectionCandidate[], rules: SelectionRules): { selected: string[]; explanations: SelectionExplanation[] } {
  const order = ranked(candidates);
  const places = effectivePlaces(rules);
  const selected = order.slice(0, places).map((c) => c.id);
  const explanations = candidates.map((c): SelectionExplanation => {
    if (!isEligible(c)) return { candidateId: c.id, name: c.name, selected: false, rank: null, reason: `不予推荐：${c.excludedBecause ?? c.ineligibleBecause}` };
    const rank = order.findIndex((o) => o.id === c.id) + 1;
    const isSelected = rank <= places;
    const basis = `${c.priority ? '获省级以上表彰，优先推荐；' : ''}得分${c.score}，排名第${rank}`;
    return { candidateId: c.id, name: c.name, selected: isSelected, rank, reason: isSelected ? `${basis}，在${places}个名额内` : `${basis}，超出${places}个名额` };
  });
  return { selected, explanations };
}

/**
 * Checks a committee's choice against the rules. A priority candidate left out
 * while a candidate without priority is chosen needs a stated reason; so does
 * going over a cap that allows exceptions (`capException`).
 */
export function validateSelection(
  candidates: readonly SelectionCandidate[],
  rules: SelectionRules,
  chosen: readonly string[],
  reasons: Readonly<Record<string, string>> = {},
  capException?: string,
): SelectionViolation[] {
  const violations = [...checkPool(candidates, rules)];
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const unknown = chosen.filter((id) => !byId.has(id));
  if (unknown.length) violations.push({ rule: 'UNKNOWN_CANDIDATE', message: `${SELECTION_RULE_LABELS.UNKNOWN_CANDIDATE}：所选对象不在候选名单中`, candidateIds: unknown });
  const duplicates = chosen.filter((id, i) => chosen.indexOf(id) !== i);
  if (duplicates.length) violations.push({ rule: 'DUPLICATE', message: `${SELECTION_RULE_LABELS.DUPLICATE}：同一对象被重复选择`, candidateIds: [...new Set(duplicates)] });
  const places = effectivePlaces(rules);
  if (chosen.length > rules.places) {
    violations.push({ rule: 'PLACES', message: `${SELECTION_RULE_LABELS.PLACES}：最多推荐${rules.places}名，实际选择${chosen.length}名` });
  } else if (rules.cap && chosen.length > places) {
    violations.push({
      rule: 'CAP',
      message: `${SELECTION_RULE_LABELS.CAP}：不得超过所辖${rules.cap.governed}个党支部的${Math.round(rules.cap.share * 100)}%（${places}个），实际选择${chosen.length}个`,
    });
  } else if (rules.cap && chosen.length > capOf(rules.cap) && !capException?.trim()) {
    violations.push({
      rule: 'CAP',
      message: `${SELECTION_RULE_LABELS.CAP}：上报的先进党支部原则上不超过所辖${rules.cap.governed}个党支部的${Math.round(rules.cap.share * 100)}%（${capOf(rules.cap)}个），实际选择${chosen.length}个；确需超出的，须在决定中说明理由（capException）`,
    });
  }
  const excluded = chosen.map((id) => byId.get(id)).filter((c): c is SelectionCandidate => !!c?.excludedBecause);
  if (excluded.length) {
    violations.push({
      rule: 'EXCLUDED',
      message: `${SELECTION_RULE_LABELS.EXCLUDED}：${excluded.map((c) => `${c.name}（${c.excludedBecause}）`).join('、')}不得推荐`,
      candidateIds: excluded.map((c) => c.id),
    });
  }
  const barred = chosen.map((id) => byId.get(id)).filter((c): c is SelectionCandidate => !!c?.ineligibleBecause && !c.excludedBecause);
  if (barred.length) {
    violations.push({ rule: 'INELIGIBLE', message: barred.map((c) => c.ineligibleBecause!).join('；'), candidateIds: barred.map((c) => c.id) });
  }
  const chosenSet = new Set(chosen);
  const anyPlainChosen = chosen.some((id) => byId.get(id) && !byId.get(id)!.priority);
  const skipped = candidates.filter((c) => c.priority && isEligible(c) && !chosenSet.has(c.id) && !reasons[c.id]?.trim());
  if (anyPlainChosen && skipped.length) {
    violations.push({
      rule: 'PRIORITY',
      message: `${SELECTION_RULE_LABELS.PRIORITY}：${skipped.map((c) => c.name).join('、')}获省级以上表彰，应优先推荐；未推荐须说明理由`,
      candidateIds: skipped.map((c) => c.id),
    });
  }
  return violations;
}
