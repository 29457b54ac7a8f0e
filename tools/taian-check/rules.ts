import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where the rule files live, whether run from the sources or from dist/. */
export const RULES_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../tools/taian-check/rules' : 'rules');

/** One rule file's answer: the document's rule, how many items broke it, how many were checked. */
export interface RuleResult {
  file: string;
  description: string;
  rule: string;
  violations: number;
  checked: number | null;
}

/** Anything that runs a query and gives its rows (a pg Client, a TypeORM DataSource's query). */
export type Query = (sql: string) => Promise<{ rows: Array<Record<string, unknown>> } | Array<Record<string, unknown>>>;

/**
 * Runs every `*.sql` file of `dir` in name order. Each is one SELECT giving one
 * row (`rule`, `violations`, optionally `checked`) and starts with a comment
 * line describing it; a file breaking that contract is an error, not a pass.
 */
export async function runRuleFiles(query: Query, dir = RULES_DIR): Promise<RuleResult[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const results: RuleResult[] = [];
  for (const file of files) results.push(await runRuleFile(query, file, dir));
  return results;
}

/** One rule file's answer (see runRuleFiles). */
export async function runRuleFile(query: Query, file: string, dir = RULES_DIR): Promise<RuleResult> {
  const sql = readFileSync(path.join(dir, file), 'utf8');
  const answer = await query(sql);
  const rows = Array.isArray(answer) ? answer : answer.rows;
  const row = rows[0];
  if (rows.length !== 1 || !row || typeof row.rule !== 'string' || row.violations === null || !Number.isInteger(Number(row.violations))) {
    throw new Error(`${file}: a rule file must give exactly one row with rule (text) and violations (integer)`);
  }
  return {
    file,
    description: /^--\s*(.*)/.exec(sql)?.[1]?.trim() ?? '',
    rule: row.rule,
    violations: Number(row.violations),
    checked: row.checked === undefined || row.checked === null ? null : Number(row.checked),
  };
}
