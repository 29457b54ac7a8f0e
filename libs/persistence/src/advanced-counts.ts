import type { EntityManager } from 'typeorm';

export interface AdvancedCount {
  /** Branches anywhere in the committee's subtree. */
  governed: number;
  /** Of those, branches the ledger grades as advanced. */
  advanced: number;
}

/** For each committee, the branches it governs and how many are graded advanced: what the 10% cap is checked against. */
export async function advancedCounts(em: Pick<EntityManager, 'query'>, committeeIds: readonly string[]): Promise<Map<string, AdvancedCount>> {
  const rows: Array<{ id: string } & AdvancedCount> = await em.query(
    `SELECT c.id, count(b.id)::int AS governed, count(l.branch_id) FILTER (WHERE l.grade = 'advanced')::int AS advanced
       FROM organisations c
       JOIN organisations b ON b.level = 'branch' AND b.path LIKE c.path || '%'
       LEFT JOIN ledger_entries l ON l.branch_id = b.id
      WHERE c.id = ANY($1) GROUP BY c.id`,
    [[...committeeIds]],
  );
  return new Map(rows.map((r) => [r.id, { governed: r.governed, advanced: r.advanced }]));
}
