/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The rows an UPDATE or DELETE … RETURNING changed. TypeORM's PostgreSQL
 * driver answers those statements with `[rows, count]` rather than the rows,
 * so a guard such as `if (!rows.length)` on its raw answer never fires;
 * every write that acts only when it changed something reads its rows here.
 */
export async function changedRows<T = Record<string, unknown>>(q: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const answer = await q.query(sql, params);
  if (Array.isArray(answer) && answer.length === 2 && Array.isArray(answer[0]) && typeof answer[1] === 'number') return answer[0] as T[];
  return answer as T[];
}
