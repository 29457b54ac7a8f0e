import { compliance } from '../../../../libs/domain/src';
import {
  LIANGSHAN_THRESHOLD_KEYS,
  LIANGSHAN_THRESHOLD_LABELS,
  type LiangshanItem,
  type LiangshanRecordRow,
  type LiangshanThresholds,
  computeThresholds,
  liangshanObligationCode,
} from '../../../../libs/processes/src/liangshan';

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

/** A counted item's record (the engine's obligation_records) as the thresholds read it. */
export interface CountedRecordRow {
  organisation_id: string;
  obligation_code: string;
  record_date: string;
  attendees: string;
}

/** Each counted item's records of the schedules, oldest first. */
export const COUNTED_RECORDS_SQL = `SELECT x.organisation_id, x.obligation_code, to_char(r.record_date, 'YYYY-MM-DD') AS record_date, r.attendees
  FROM obligation_records r JOIN obligation_occurrences x ON x.id = r.occurrence_id WHERE x.schedule_id = ANY($1::text[]) ORDER BY r.record_date, r.recorded_at`;

/**
 * The thresholds of a branch's year, from its completed occurrences' records
 * and its counted items' records (`countsAs`: the obligation codes of items
 * whose every record is a collective study session).
 */
export function thresholdsOf(rows: readonly OccurrenceRow[], t: LiangshanThresholds, counted: readonly CountedRecordRow[] = [], countsAs: ReadonlyMap<string, 'study_session'> = new Map()) {
  const records = [
    ...rows
      .filter((r) => r.status === 'completed' && r.record_kind && r.record)
      .sort((a, b) => a.period_start.localeCompare(b.period_start))
      .map((r) => ({ kind: r.record_kind!, data: r.record! }) as LiangshanRecordRow),
    ...counted.map((c) => ({ kind: 'obligation_record', data: { date: c.record_date, attendees: c.attendees, countsAs: countsAs.get(c.obligation_code) ?? null } }) as LiangshanRecordRow),
  ];
  const figures = computeThresholds(records, t);
  return LIANGSHAN_THRESHOLD_KEYS.map((key) => ({ key, label: LIANGSHAN_THRESHOLD_LABELS[key], ...figures[key] }));
}


/** The obligation codes of the items whose records count toward a threshold. */
export const countsAsOf = (items: readonly LiangshanItem[]) => new Map(items.flatMap((i) => (i.countsAs ? [[liangshanObligationCode(i.code), i.countsAs] as const] : [])));
