/**
 * Rubric assessment (考核细则): a versioned rubric of areas and items with
 * points, self scores and assessor scores per item with evidence, veto items
 * kept as data, and a pass threshold.
 */
export interface RubricItem {
  code: string;
  requirement: string;
  standard: string;
  points: number;
}

export interface RubricArea {
  code: string;
  name: string;
  /** The points the source document declares for the area (may differ from the sum of its items). */
  declaredPoints: number;
  items: RubricItem[];
}

export interface VetoItem {
  code: string;
  text: string;
}

export interface Rubric {
  code: string;
  version: number;
  name: string;
  areas: RubricArea[];
  passThreshold: number;
  vetoItems: VetoItem[];
  /** Also required to pass: the public notice drew no upheld objection. */
  requiresCleanNotice: boolean;
}

export interface ItemScore {
  score: number;
  evidence?: string;
}

export type ScoreSheet = Record<string, ItemScore>;

export interface RubricProblem {
  code: 'UNKNOWN_ITEM' | 'SCORE_OUT_OF_RANGE' | 'MISSING_ITEM' | 'UNKNOWN_VETO';
  message: string;
}

export const rubricItems = (r: Rubric): RubricItem[] => r.areas.flatMap((a) => a.items);
export const rubricTotal = (r: Rubric): number => rubricItems(r).reduce((s, i) => s + i.points, 0);

/** Checks a score sheet: every item scored once, each between 0 and its points. */
export function checkScores(rubric: Rubric, sheet: ScoreSheet, requireAll = true): RubricProblem[] {
  const items = new Map(rubricItems(rubric).map((i) => [i.code, i]));
  const problems: RubricProblem[] = [];
  for (const [code, s] of Object.entries(sheet)) {
    const item = items.get(code);
    if (!item) {
      problems.push({ code: 'UNKNOWN_ITEM', message: `考核细则中没有条目 ${code}` });
    } else if (!Number.isFinite(s.score) || s.score < 0 || s.score > item.points || Math.round(s.score * 2) !== s.score * 2) {
      problems.push({ code: 'SCORE_OUT_OF_RANGE', message: `条目 ${code} 的得分须在0至${item.points}分之间（可到0.5分）` });
    }
  }
  if (requireAll) {
    const missing = [...items.keys()].filter((c) => !(c in sheet));
    if (missing.length) problems.push({ code: 'MISSING_ITEM', message: `尚有${missing.length}项未评分：${missing.join('、')}` });
  }
  return problems;
}

export function checkVetoes(rubric: Rubric, vetoes: readonly string[]): RubricProblem[] {
  const known = new Set(rubric.vetoItems.map((v) => v.code));
  return vetoes.filter((v) => !known.has(v)).map((v) => ({ code: 'UNKNOWN_VETO' as const, message: `一票否决情形中没有 ${v}` }));
}

export interface RubricResult {
  selfTotal: number;
  assessorTotal: number;
  areas: Array<{ code: string; name: string; self: number; assessor: number; max: number }>;
  passed: boolean;
  /** Why it did not pass, in Chinese; empty when it passed. */
  reasons: string[];
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

/** The assessor's scores decide; self scores are shown beside them. */
export function scoreRubric(rubric: Rubric, self: ScoreSheet, assessor: ScoreSheet, vetoes: readonly string[], upheldObjection = false): RubricResult {
  const areas = rubric.areas.map((a) => ({
    code: a.code,
    name: a.name,
    self: sum(a.items.map((i) => self[i.code]?.score ?? 0)),
    assessor: sum(a.items.map((i) => assessor[i.code]?.score ?? 0)),
    max: sum(a.items.map((i) => i.points)),
  }));
  const assessorTotal = sum(areas.map((a) => a.assessor));
  const reasons: string[] = [];
  if (assessorTotal < rubric.passThreshold) reasons.push(`考核得分${assessorTotal}分，低于${rubric.passThreshold}分的合格线`);
  for (const code of vetoes) {
    const veto = rubric.vetoItems.find((v) => v.code === code);
    reasons.push(`存在一票否决情形：${veto?.text ?? code}`);
  }
  if (rubric.requiresCleanNotice && upheldObjection) reasons.push('公示期间有异议经核实成立');
  return { selfTotal: sum(areas.map((a) => a.self)), assessorTotal, areas, passed: reasons.length === 0, reasons };
}
