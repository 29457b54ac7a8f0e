/** A ledger entry's own columns as a query reads them beside its branch (all null where the branch has no entry yet). */
export interface LedgerEntryColumns {
  grade: string | null;
  goals: unknown;
  problems: string | null;
  measures: string | null;
  evaluation: string | null;
  contact: string | null;
  contact_title: string | null;
  phone: string | null;
}
