import type { SelectionCandidate } from '../../libs/domain/src/core';
import { withLedgerStanding } from '../../libs/processes/src/taian';
import { redFlagActivities } from './red-flag-activities';

/** The pool with each candidate's ledger grade read again, so a branch regraded since the last pick is shown and barred as it is now. */
export async function recheckStanding(pool: SelectionCandidate[]): Promise<SelectionCandidate[]> {
  if (!pool.length) return pool;
  return withLedgerStanding(pool, await redFlagActivities.ledgerStanding({ nominationIds: pool.map((c) => c.id) }));
}
