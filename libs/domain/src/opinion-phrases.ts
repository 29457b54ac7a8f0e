/** The decision kinds a user keeps opinion phrases (常用意见) for. */
export const PHRASE_DECISIONS = ['approve', 'return', 'reject'] as const;
export type PhraseDecision = (typeof PHRASE_DECISIONS)[number];

export const PHRASE_DECISION_LABELS: Record<PhraseDecision, string> = { approve: '同意', return: '退回修改', reject: '不同意' };

/** At most this many phrases per decision kind, each 1 to MAX_PHRASE_LENGTH characters. */
export const MAX_PHRASES_PER_DECISION = 20;
export const MAX_PHRASE_LENGTH = 100;

/** What every user is offered for a decision kind until they keep phrases of their own for it. */
export const DEFAULT_OPINION_PHRASES: Readonly<Record<PhraseDecision, readonly string[]>> = {
  approve: ['同意推荐', '情况属实，同意上报'],
  return: ['材料不全，请补充后重新报送'],
  reject: ['不符合推荐条件'],
};

export const isPhraseDecision = (d: string): d is PhraseDecision => (PHRASE_DECISIONS as readonly string[]).includes(d);

/**
 * A user's phrase lists as given, judged whole: known decision kinds only, at
 * most MAX_PHRASES_PER_DECISION each, each phrase (trimmed) 1 to
 * MAX_PHRASE_LENGTH characters, none twice in one kind. Returns the lists
 * trimmed, or the problems in Chinese.
 */
export function checkOpinionPhrases(lists: Readonly<Record<string, readonly string[]>>): { phrases: Record<PhraseDecision, string[]> } | { problems: string[] } {
  const problems: string[] = [];
  const phrases: Record<PhraseDecision, string[]> = { approve: [], return: [], reject: [] };
  for (const [decision, list] of Object.entries(lists)) {
    if (!isPhraseDecision(decision)) {
      problems.push(`不支持的办理结论“${decision}”，只能是：${PHRASE_DECISIONS.map((d) => `${d}（${PHRASE_DECISION_LABELS[d]}）`).join('、')}`);
      continue;
    }
    const label = PHRASE_DECISION_LABELS[decision];
    if (list.length > MAX_PHRASES_PER_DECISION) problems.push(`“${label}”的常用意见最多${MAX_PHRASES_PER_DECISION}条，实际${list.length}条`);
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      const text = raw.trim();
      // Characters as a reader counts them (code points), not UTF-16 units.
      const length = [...text].length;
      if (length === 0) problems.push(`“${label}”的第${i + 1}条常用意见不能为空`);
      else if (length > MAX_PHRASE_LENGTH) problems.push(`“${label}”的第${i + 1}条常用意见不能超过${MAX_PHRASE_LENGTH}个字，实际${length}个字`);
      else if (seen.has(text)) problems.push(`“${label}”的常用意见“${text}”重复`);
      seen.add(text);
      phrases[decision].push(text);
    });
  }
  return problems.length ? { problems } : { phrases };
}
