import type { EntityManager } from 'typeorm';
import { type BranchGrade, ancestorIds } from '../../domain/src';

/** An organisation's branches, all of them in its subtree, and how many the ledger grades at each grade. */
export interface SubtreeGrades {
  branches: number;
  byGrade: Record<BranchGrade, number>;
}

/** The counts of the subtree at `path` (an organisation's path, or the scope a department stands for). */
export async function subtreeGradesUnder(em: Pick<EntityManager, 'query'>, path: string): Promise<SubtreeGrades> {
  const top = ancestorIds(path).at(-1)!;
  return (await subtreeGrades(em, [top])).get(top)!;
}

export interface AdvancedCount {
  /** Branches anywhere in the committee's subtree. */
  governed: number;
  /** Of those, branches the ledger grades as advanced. */
  advanced: number;
}

/**
 * The subtree counts of each organisation, one row apiece (kept by the triggers of migration
 * 1766400000000, so the cost does not grow with the branches below). An organisation with no
 * branch below it has no row and counts zero.
 */
export async function subtreeGrades(em: Pick<EntityManager, 'query'>, organisationIds: readonly string[]): Promise<Map<string, SubtreeGrades>> {
  const rows: Array<{ organisation_id: string; branches: number } & Record<BranchGrade, number>> = await em.query(
    `SELECT organisation_id, branches, advanced, average, lagging, weak_and_lax FROM subtree_branch_grades WHERE organisation_id = ANY($1)`,
    [[...organisationIds]],
  );
  const found = new Map(rows.map((r) => [r.organisation_id, r]));
  return new Map(
    organisationIds.map((id) => {
      const r = found.get(id);
      return [
        id,
        { branches: r?.branches ?? 0, byGrade: { advanced: r?.advanced ?? 0, average: r?.average ?? 0, lagging: r?.lagging ?? 0, weak_and_lax: r?.weak_and_lax ?? 0 } },
      ];
    }),
  );
}

/**
 * For each committee that governs a branch, the branches it governs and how many are graded advanced: what the
 * 10% cap is checked against.
 */
export async function advancedCounts(em: Pick<EntityManager, 'query'>, committeeIds: readonly string[]): Promise<Map<string, AdvancedCount>> {
  const counts = await subtreeGrades(em, committeeIds);
  return new Map([...counts].filter(([, c]) => c.branches > 0).map(([id, c]) => [id, { governed: c.branches, advanced: c.byGrade.advanced }]));
}
