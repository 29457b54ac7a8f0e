import { compliance } from '../../../../libs/domain/src';
import { LIANGSHAN_THRESHOLD_KEYS, LIANGSHAN_THRESHOLD_LABELS, type LiangshanRecordRow, type LiangshanThresholds, computeThresholds } from '../../../../libs/processes/src/liangshan';

/** An occurrence of a branch's list as its readers see it, and the figures computed from occurrences: no service, so the dashboard's sections use them too. */

export interface OccurrenceRow {
  id: string;
  organisation_id: string;
  obligation_code: string;
  period_label: string;
  period_start: string;
  due_date: string;
  status: 'open' | 'completed' | 'overdue' | 'postponed';
  completed_late: boolean | null;
  completed_at: Date | null;
  evidence: string | null;
  record_kind: string | null;
  record: Record<string, unknown> | null;
  due: boolean;
}

/** The columns an occurrence is read with; `due`: counted among the due — done (on time or late), or past its deadline undone (by the schedule's own clock). */
export const OCCURRENCE_COLUMNS = `x.id, x.organisation_id, x.obligation_code, x.period_label, to_char(x.period_start, 'YYYY-MM-DD') AS period_start, to_char(x.due_date, 'YYYY-MM-DD') AS due_date,
  x.status, x.completed_late, x.completed_at, x.evidence, x.record_kind, x.record, x.status IN ('overdue', 'completed') AS due`;

/** Due, on time, late, missed and open, from the occurrences' rows. */
export function listFigures(rows: ReadonlyArray<Pick<OccurrenceRow, 'status' | 'completed_late' | 'due'>>) {
  const c = compliance(rows.map((r) => ({ status: r.status, completedLate: r.completed_late, due: r.due })));
  const open = rows.filter((r) => r.status !== 'postponed' && !r.due).length;
  return { due: c.due, onTime: c.onTime, late: c.late, missed: c.missing, open };
}

/** The thresholds of a branch's year, from its completed occurrences' records. */
export function thresholdsOf(rows: readonly OccurrenceRow[], t: LiangshanThresholds) {
  const records = rows
    .filter((r) => r.status === 'completed' && r.record_kind && r.record)
    .sort((a, b) => a.period_start.localeCompare(b.period_start))
    .map((r) => ({ kind: r.record_kind!, data: r.record! }) as LiangshanRecordRow);
  const figures = computeThresholds(records, t);
  return LIANGSHAN_THRESHOLD_KEYS.map((key) => ({ key, label: LIANGSHAN_THRESHOLD_LABELS[key], ...figures[key] }));
}

