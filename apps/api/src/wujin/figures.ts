import type { Rubric, ScoreSheet } from '../../../../libs/domain/src';
import { WUJIN_OBLIGATIONS, type WujinObligation } from '../../../../libs/processes/src/wujin';

/** The score bands the dashboard counts branches in, highest first; the pass line (85) is a band edge. */
export const SCORE_BANDS = [
  { band: '95-', label: '95分及以上', from: 95 },
  { band: '90-95', label: '90分至95分', from: 90 },
  { band: '85-90', label: '85分至90分', from: 85 },
  { band: '60-85', label: '60分至85分（未达合格线）', from: 60 },
  { band: '0-60', label: '60分以下', from: 0 },
] as const;

/** How many scores fall in each band (a band holds its lower edge). */
export function scoreDistribution(scores: readonly number[]): Array<{ band: string; label: string; branches: number }> {
  const counts = SCORE_BANDS.map(() => 0);
  for (const s of scores) {
    const i = SCORE_BANDS.findIndex((b) => s >= b.from);
    counts[i === -1 ? SCORE_BANDS.length - 1 : i]! += 1;
  }
  return SCORE_BANDS.map((b, i) => ({ band: b.band, label: b.label, branches: counts[i]! }));
}

/** The mean to two decimals; null for none. */
export const average = (xs: readonly number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

export interface ObligationFigures {
  /** Occurrences scheduled (any status). */
  due: number;
  onTime: number;
  late: number;
  /** Past due and never done. */
  missed: number;
  /** Not done, not yet due. */
  open: number;
}

export const noObligations = (): ObligationFigures => ({ due: 0, onTime: 0, late: 0, missed: 0, open: 0 });

export interface ObligationCount {
  code: string;
  status: 'open' | 'completed' | 'overdue' | 'postponed';
  late: boolean;
  n: number;
}

/** Occurrence counts by code and status folded into each of Wujin's obligations (all of them, zeros where none were scheduled). */
export function obligationFigures(counts: readonly ObligationCount[]): Record<WujinObligation, ObligationFigures> {
  const out = Object.fromEntries(Object.keys(WUJIN_OBLIGATIONS).map((c) => [c, noObligations()])) as Record<WujinObligation, ObligationFigures>;
  for (const c of counts) {
    const f = out[c.code as WujinObligation];
    // Postponed by an approved delay: another year's schedule carries it; neither due here, nor missed, nor late.
    if (!f || c.status === 'postponed') continue;
    f.due += c.n;
    if (c.status === 'completed') f[c.late ? 'late' : 'onTime'] += c.n;
    else if (c.status === 'overdue') f.missed += c.n;
    else f.open += c.n;
  }
  return out;
}

/** The obligation a rubric item checks (WUJIN_OBLIGATIONS), if any. */
export function obligationOfItem(itemCode: string): WujinObligation | null {
  const found = (Object.entries(WUJIN_OBLIGATIONS) as Array<[WujinObligation, { rubricItem: string }]>).find(([, o]) => o.rubricItem === itemCode);
  return found ? found[0] : null;
}

/** One line of what the obligation's compliance was, as the score sheet prints it beside the item. */
export function obligationLine(f: ObligationFigures): string {
  if (f.due === 0) return '本年度无此项';
  return `应完成${f.due}次：按时${f.onTime}次，逾期补做${f.late}次，未完成${f.missed}次，未到期${f.open}次`;
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

export interface AreaSubtotal {
  code: string;
  name: string;
  /** The points the document declares for the area. */
  declaredPoints: number;
  /** The points its items add up to, as printed (the activity area: 32 under a declared 30). */
  itemsPoints: number;
  self: number | null;
  assessor: number | null;
}

/** Each area's declared points beside its items' total, and the self and assessor subtotals (null when that stage has not scored). */
export function areaSubtotals(rubric: Rubric, self: ScoreSheet | null, assessor: ScoreSheet | null): AreaSubtotal[] {
  return rubric.areas.map((a) => ({
    code: a.code,
    name: a.name,
    declaredPoints: a.declaredPoints,
    itemsPoints: sum(a.items.map((i) => i.points)),
    self: self ? sum(a.items.map((i) => self[i.code]?.score ?? 0)) : null,
    assessor: assessor ? sum(a.items.map((i) => assessor[i.code]?.score ?? 0)) : null,
  }));
}

/** Where an area's items do not add up to what the document declares, said in a sentence. */
export function pointsNotes(areas: readonly AreaSubtotal[]): string[] {
  return areas
    .filter((a) => a.declaredPoints !== a.itemsPoints)
    .map((a) => `“${a.name}”规定分值${a.declaredPoints}分，各条目分值合计${a.itemsPoints}分；按印发的条目分值计分。`);
}
