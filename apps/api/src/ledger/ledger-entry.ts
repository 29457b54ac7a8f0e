import {
  BRANCH_DOMAIN_LABELS,
  BRANCH_GRADES,
  BRANCH_GRADE_LABELS,
  type BranchDomain,
  type BranchGrade,
  type LedgerGoal,
  type OrgLevel,
  isBranchGrade,
} from '../../../../libs/domain/src';
import type { LedgerEntryColumns } from '../../../../libs/persistence/src';

/*
 * A ledger entry (附件1) as the database keeps it and as the API presents it: the rows the service reads, and the views
 * it answers with.
 */

/** What an entry keeps for its branch. */
export interface Stored {
  grade: BranchGrade;
  goals: LedgerGoal[];
  problems: string;
  measures: string;
  evaluation: string;
  contact: string;
  contactTitle: string;
  phone: string;
}

/** One branch's row of the ledger (附件1) as the API returns it; the grade is null where no entry is kept yet. */
export interface LedgerEntryView extends Omit<Stored, 'grade' | 'goals'> {
  branchId: string;
  branchCode: string;
  branchName: string;
  domain: BranchDomain | null;
  domainLabel: string | null;
  /** The organisation the branch hangs under (its grassroots or city-managed committee). */
  committeeId: string;
  committeeName: string;
  grade: BranchGrade | null;
  gradeLabel: string | null;
  goals: Array<LedgerGoal & { gradeLabel: string }>;
  updatedAt: string | null;
  updatedBy: { id: string; displayName: string } | null;
}

/** One change in a branch's ledger history. */
export interface LedgerHistoryView {
  year: number;
  grade: BranchGrade;
  gradeLabel: string;
  previousGrade: BranchGrade | null;
  previousGradeLabel: string | null;
  evaluation: string;
  source: string;
  sourceLabel: string;
  reason: string;
  campaignId: string | null;
  decidedBy: { organisationId: string; organisationName: string } | null;
  actorName: string;
  recordedAt: string;
}

/** One branch's row with its history of grades and evaluations. */
export interface LedgerEntryDetail extends LedgerEntryView {
  history: LedgerHistoryView[];
}

export interface LedgerPage {
  organisation: { id: string; name: string; level: OrgLevel; levelLabel: string };
  summary: { branches: number; recorded: number; byGrade: Record<BranchGrade, number>; advancedCap: number };
  total: number;
  limit: number;
  offset: number;
  items: LedgerEntryView[];
}

/** The fields a reviewer may change; absent ones are kept. */
export interface LedgerChange {
  grade?: BranchGrade;
  goals?: LedgerGoal[];
  problems?: string;
  measures?: string;
  evaluation?: string;
  contact?: string;
  contactTitle?: string;
  phone?: string;
  /** Why the grade or evaluation changes (a rectification accepted, a year's assessment): kept in the history and the audit row. */
  reason?: string;
}

/** A branch read with its entry's columns, its committee and who last changed the entry. */
export interface EntryRow extends LedgerEntryColumns {
  branch_id: string;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
  domain: BranchDomain | null;
  parent_id: string;
  parent_name: string;
  updated_at: Date | null;
  updated_by: string | null;
  updated_by_name: string | null;
}

/** A branch with its entry (if any), its committee and who last changed it. */
export const SELECT_ENTRY = `
  SELECT b.id AS branch_id, b.code, b.name, b.level, b.path, b.domain, b.parent_id, par.name AS parent_name,
         l.grade, l.goals, l.problems, l.measures, l.evaluation, l.contact, l.contact_title, l.phone,
         l.updated_at, l.updated_by, u.display_name AS updated_by_name
    FROM organisations b
    JOIN organisations par ON par.id = b.parent_id
    LEFT JOIN ledger_entries l ON l.branch_id = b.id
    LEFT JOIN users u ON u.id = l.updated_by`;

const LABEL_TO_GRADE = new Map<string, BranchGrade>(BRANCH_GRADES.map((g) => [BRANCH_GRADE_LABELS[g], g]));

/** Goals as stored; an older entry may hold the Chinese label instead of the grade. */
function readGoals(raw: unknown): LedgerGoal[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((g: { year?: unknown; grade?: unknown }) => {
    const grade = isBranchGrade(g?.grade) ? g.grade : LABEL_TO_GRADE.get(String(g?.grade));
    return typeof g?.year === 'number' && grade ? [{ year: g.year, grade }] : [];
  });
}

/** A row as the API shows it, with the labels of its grade, goals and domain. */
export function present(r: EntryRow): LedgerEntryView {
  const grade = isBranchGrade(r.grade) ? r.grade : null;
  return {
    branchId: r.branch_id,
    branchCode: r.code,
    branchName: r.name,
    domain: r.domain,
    domainLabel: r.domain ? BRANCH_DOMAIN_LABELS[r.domain] : null,
    committeeId: r.parent_id,
    committeeName: r.parent_name,
    grade,
    gradeLabel: grade ? BRANCH_GRADE_LABELS[grade] : null,
    goals: readGoals(r.goals).map((g) => ({ ...g, gradeLabel: BRANCH_GRADE_LABELS[g.grade] })),
    problems: r.problems ?? '',
    measures: r.measures ?? '',
    evaluation: r.evaluation ?? '',
    contact: r.contact ?? '',
    contactTitle: r.contact_title ?? '',
    phone: r.phone ?? '',
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
    updatedBy: r.updated_by ? { id: r.updated_by, displayName: r.updated_by_name ?? '' } : null,
  };
}

/** What the audit trail keeps of an entry: the stored fields, not the labels. */
export function stored(view: LedgerEntryView): Stored | null {
  if (!view.grade) return null;
  const { grade, problems, measures, evaluation, contact, contactTitle, phone } = view;
  return { grade, goals: view.goals.map(({ year, grade: g }) => ({ year, grade: g })), problems, measures, evaluation, contact, contactTitle, phone };
}
