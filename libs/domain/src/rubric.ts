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
  /** Attachments of the scoring task that show the evidence (form-attachments.ts). */
  evidenceAttachments?: string[];
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

/** An area whose items do not add up to the points the document declares for it. */
export interface RubricDiscrepancy {
  area: string;
  areaName: string;
  declaredPoints: number;
  itemsTotal: number;
  /** Says in Chinese what differs and that the items as printed are what is scored. */
  message: string;
}

/** The points of one area's items as printed. */
export const areaItemsTotal = (a: RubricArea): number => sum(a.items.map((i) => i.points));

/**
 * The areas whose items add up to something other than their declared points
 * (Wujin's activity area: 30 declared, 32 listed). Scoring always follows the
 * items as printed; this only makes the difference visible.
 */
export function rubricDiscrepancies(rubric: Rubric): RubricDiscrepancy[] {
  return rubric.areas
    .map((a) => ({ area: a.code, areaName: a.name, declaredPoints: a.declaredPoints, itemsTotal: areaItemsTotal(a) }))
    .filter((d) => d.itemsTotal !== d.declaredPoints)
    .map((d) => ({ ...d, message: `${d.areaName}：细则声明${d.declaredPoints}分，所列条目合计${d.itemsTotal}分；按所列条目计分` }));
}

export const VETO_CODE_PATTERN = /^[a-z][a-z0-9_]{1,49}$/;
export const VETO_TEXT_MAX = 200;

export interface VetoItemProblem {
  code: 'INVALID_VETO_ITEM' | 'DUPLICATE_VETO_ITEM';
  message: string;
}

/** Compares texts as a reader of Chinese would: spaces anywhere do not make a new situation. */
const sameText = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** Why a veto item may not be added to `rubric`; empty when it may. */
export function checkNewVetoItem(rubric: Rubric, item: VetoItem): VetoItemProblem[] {
  const problems: VetoItemProblem[] = [];
  if (!VETO_CODE_PATTERN.test(item.code)) {
    problems.push({ code: 'INVALID_VETO_ITEM', message: `编码“${item.code}”不符合要求：须以小写字母开头，由2至50位小写字母、数字或下划线组成` });
  }
  const text = item.text.trim();
  if (!text) problems.push({ code: 'INVALID_VETO_ITEM', message: '请填写一票否决情形的内容' });
  else if ([...text].length > VETO_TEXT_MAX) problems.push({ code: 'INVALID_VETO_ITEM', message: `一票否决情形的内容不能超过${VETO_TEXT_MAX}个字` });
  if (problems.length) return problems;
  const byCode = rubric.vetoItems.find((v) => v.code === item.code);
  if (byCode) problems.push({ code: 'DUPLICATE_VETO_ITEM', message: `编码 ${item.code} 已用于一票否决情形“${byCode.text}”` });
  const byText = rubric.vetoItems.find((v) => sameText(v.text, text));
  if (byText) problems.push({ code: 'DUPLICATE_VETO_ITEM', message: `一票否决情形“${byText.text}”已存在（编码 ${byText.code}）` });
  return problems;
}

/** The next version of `rubric` with one more veto item; the given version is left as it was. */
export function withVetoItem(rubric: Rubric, item: VetoItem): Rubric {
  return { ...rubric, version: rubric.version + 1, vetoItems: [...rubric.vetoItems, { code: item.code, text: item.text.trim() }] };
}
