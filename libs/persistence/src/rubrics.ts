import type { DataSource, EntityManager } from 'typeorm';
import type { Rubric } from '../../domain/src';
import { HEFEI_DEFAULT_STANDARD } from '../../processes/src/hefei';
import { WUJIN_RUBRIC } from './seed/wujin-rubric';

/** The rubrics that ship as seed data; a new version is a new row, old assessments keep theirs. Hefei's is Pennant's default standard. */
export const SEED_RUBRICS: Rubric[] = [WUJIN_RUBRIC, HEFEI_DEFAULT_STANDARD];

export async function seedRubrics(ds: DataSource): Promise<number> {
  let added = 0;
  for (const r of SEED_RUBRICS) {
    const rows = await ds.query(`INSERT INTO rubrics (code, version, name, definition) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING code`, [
      r.code,
      r.version,
      r.name,
      JSON.stringify(r),
    ]);
    added += rows.length;
  }
  return added;
}

export async function loadRubric(ds: DataSource | EntityManager, code: string, version: number): Promise<Rubric | undefined> {
  const [row] = await ds.query(`SELECT definition FROM rubrics WHERE code = $1 AND version = $2`, [code, version]);
  return row?.definition as Rubric | undefined;
}
