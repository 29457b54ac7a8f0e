import { occurrences } from '../../../../libs/domain/src';
import { A_GRADE_CAP_SHARE, HEFEI_GRADES, type HefeiGrade, aGradeCap } from '../../../../libs/processes/src/hefei';

/**
 * Pure arithmetic behind Hefei's read models (dashboard, branch page,
 * documents): what a row of the database means for a reader.
 */

export type ReportState = 'on_time' | 'late' | 'missing' | 'pending';
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  on_time: '按时报送',
  late: '逾期报送（计为未按时报送）',
  missing: '逾期未报送',
  pending: '未到期，待报送',
};

/** A committee's August report: filed on time or late, or not filed: missing once escalated or past its deadline, pending before. */
export function reportState(r: { filedAt: Date | string | null; late: boolean | null; dueAt: Date | string | null; escalatedAt: Date | string | null }, now: Date): ReportState {
  if (r.filedAt !== null) return r.late ? 'late' : 'on_time';
  if (r.escalatedAt !== null) return 'missing';
  return r.dueAt !== null && new Date(r.dueAt).getTime() < now.getTime() ? 'missing' : 'pending';
}

export interface AGradeCapFigures {
  /** Branches the committee grades for the first time this year (首次定级). */
  branches: number;
  /** Of them, graded so far. */
  graded: number;
  /** A grades among them. */
  aGiven: number;
  /** At most this many A grades: floor(share × branches). */
  aCap: number;
  aCapRespected: boolean;
}

/** The A cap of a committee's first grading, over every branch in it (graded yet or not), as the grading rule counts it. */
export function aGradeCapFigures(branches: number, graded: number, aGiven: number, share: number = A_GRADE_CAP_SHARE): AGradeCapFigures {
  const aCap = aGradeCap(branches, share);
  return { branches, graded, aGiven, aCap, aCapRespected: aGiven <= aCap };
}

export const noGrades = (): Record<HefeiGrade, number> => Object.fromEntries(HEFEI_GRADES.map((g) => [g, 0])) as Record<HefeiGrade, number>;

export interface QuarterFigures {
  quarter: 1 | 2 | 3 | 4;
  label: string;
  dueOn: string;
  /** Organisations owing a self-inspection this quarter. */
  due: number;
  onTime: number;
  late: number;
  /** Past due and never filed. */
  missed: number;
  /** Not filed, not yet past due. */
  open: number;
}

/** All four quarters of the year, with zeros for a quarter no occurrence of which exists yet. */
export function quarterFigures(year: number, counted: ReadonlyArray<Omit<QuarterFigures, 'label' | 'dueOn' | 'due'>>): QuarterFigures[] {
  return occurrences({ kind: 'quarterly' }, year).map((o, i) => {
    const quarter = (i + 1) as 1 | 2 | 3 | 4;
    const c = counted.find((x) => x.quarter === quarter) ?? { quarter, onTime: 0, late: 0, missed: 0, open: 0 };
    return { quarter, label: o.label, dueOn: o.dueDate, due: c.onTime + c.late + c.missed + c.open, onTime: c.onTime, late: c.late, missed: c.missed, open: c.open };
  });
}

/** The engine's obligations Hefei's workflows schedule, as the contracts name them. */
export { HEFEI_SECRETARY_TRAINING as SECRETARY_TRAINING_OBLIGATION, HEFEI_SELF_INSPECTION as SELF_INSPECTION_OBLIGATION, hefeiScheduleId as branchSchedule, hefeiSchedulesOf as campaignSchedules } from '../../../../libs/processes/src/hefei';

/** Not accepted, and marked overdue or past its last day (Beijing time): the one meaning of a late rectification (`r`) for every reader. */
export const LATE_RECTIFICATION = `(r.status <> 'accepted' AND (r.overdue OR r.due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date))`;
