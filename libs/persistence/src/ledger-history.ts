import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BranchGrade } from '../../domain/src';

/** What moved a branch's ledger entry: its first grading, a committee's review, the city's naming (other results may add theirs). */
export type LedgerChangeSource = 'initial' | 'review' | 'naming' | (string & {});

/** One change of a branch's grade or yearly evaluation, as the ledger's history keeps it. */
export interface LedgerHistoryRow {
  branchId: string;
  /** The assessment year the grade and evaluation belong to. */
  year: number;
  grade: BranchGrade;
  previousGrade: BranchGrade | null;
  evaluation: string;
  source: LedgerChangeSource;
  reason?: string;
  campaignId?: string | null;
  /** The deciding committee. */
  organisationId?: string | null;
  actorId: string | null;
  actorName: string;
  at: string | Date;
  /** Makes the append idempotent: a retried writer with the same key appends nothing. */
  key: string;
}

/** Appends one row of a branch's ledger history inside the caller's transaction; false when its key was written already. */
export async function appendLedgerHistory(em: Pick<EntityManager, 'query'>, r: LedgerHistoryRow): Promise<boolean> {
  const inserted: unknown[] = await em.query(
    `INSERT INTO ledger_history (id, branch_id, year, grade, previous_grade, evaluation, source, reason, campaign_id, organisation_id, actor_id, actor_name, recorded_at, change_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (change_key) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      r.branchId,
      r.year,
      r.grade,
      r.previousGrade,
      r.evaluation,
      r.source,
      r.reason ?? '',
      r.campaignId ?? null,
      r.organisationId ?? null,
      r.actorId,
      r.actorName,
      new Date(r.at).toISOString(),
      r.key,
    ],
  );
  return inserted.length > 0;
}
