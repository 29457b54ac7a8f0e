import type { EntityManager } from 'typeorm';

/** Tree paths of the given organisations, for read-model rows that are scoped by subtree. */
export async function organisationPaths(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const rows: Array<{ id: string; path: string }> = await em.query(`SELECT id, path FROM organisations WHERE id = ANY($1)`, [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, r.path]));
}
