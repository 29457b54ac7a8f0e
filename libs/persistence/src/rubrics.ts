import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type Rubric, type VetoItem, type VetoItemProblem, checkNewVetoItem, withVetoItem } from '../../domain/src';
import { type AuditEntry, appendAudit } from './audit';
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

/** One stored version of a rubric and when it was written. */
export interface StoredRubric {
  rubric: Rubric;
  createdAt: Date;
}

const toStored = (row: { definition: Rubric; created_at: Date }): StoredRubric => ({ rubric: row.definition, createdAt: new Date(row.created_at) });

/** The newest version of a rubric: what a new assessment opens with (a running one keeps the version it opened with). */
export async function latestRubric(ds: DataSource | EntityManager, code: string): Promise<Rubric | undefined> {
  return (await latestStoredRubric(ds, code))?.rubric;
}

export async function latestStoredRubric(ds: DataSource | EntityManager, code: string): Promise<StoredRubric | undefined> {
  const [row] = await ds.query(`SELECT definition, created_at FROM rubrics WHERE code = $1 ORDER BY version DESC LIMIT 1`, [code]);
  return row ? toStored(row) : undefined;
}

export async function storedRubric(ds: DataSource | EntityManager, code: string, version: number): Promise<StoredRubric | undefined> {
  const [row] = await ds.query(`SELECT definition, created_at FROM rubrics WHERE code = $1 AND version = $2`, [code, version]);
  return row ? toStored(row) : undefined;
}

/** The newest version of every rubric, by code. */
export async function latestRubrics(ds: DataSource | EntityManager): Promise<StoredRubric[]> {
  const rows = await ds.query(`SELECT DISTINCT ON (code) definition, created_at FROM rubrics ORDER BY code, version DESC`);
  return rows.map(toStored);
}

export async function rubricVersions(ds: DataSource | EntityManager, code: string): Promise<number[]> {
  const rows: Array<{ version: number }> = await ds.query(`SELECT version FROM rubrics WHERE code = $1 ORDER BY version`, [code]);
  return rows.map((r) => r.version);
}

export type VetoItemAddition =
  | { status: 'added'; rubric: Rubric }
  | { status: 'unknown_rubric' }
  | { status: 'refused'; problems: VetoItemProblem[] }
  /** Someone else wrote the same version at the same moment outside this function's lock. */
  | { status: 'version_taken' };

const AUDIT_ACTION = 'rubric.veto_item.added';

/**
 * Adds a veto item by writing the next version of the rubric, audited in the
 * same transaction; earlier versions stay as they were. Writers of one rubric
 * queue on an advisory lock, so two additions at once make two versions. The
 * same `requestId` again (an answer lost on the way back) finds its audit row
 * and returns the version it wrote rather than refusing its own item.
 */
export async function addVetoItem(
  ds: DataSource,
  code: string,
  item: VetoItem,
  actor: Omit<AuditEntry, 'action' | 'subjectType' | 'subjectId' | 'requestId'>,
  requestId: string,
): Promise<VetoItemAddition> {
  try {
    return await ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('rubric-versions'), hashtext($1))`, [code]);
      const auditRequestId = `rubric-veto:${requestId}`;
      const [done] = await em.query(`SELECT after FROM audit_log WHERE request_id = $1 AND action = $2`, [auditRequestId, AUDIT_ACTION]);
      if (done) {
        const written = await loadRubric(em, code, (done.after as { version: number }).version);
        if (written) return { status: 'added', rubric: written };
      }
      const latest = await latestRubric(em, code);
      if (!latest) return { status: 'unknown_rubric' };
      const problems = checkNewVetoItem(latest, item);
      if (problems.length) return { status: 'refused', problems };
      const next = withVetoItem(latest, item);
      await em.query(`INSERT INTO rubrics (code, version, name, definition) VALUES ($1, $2, $3, $4)`, [next.code, next.version, next.name, JSON.stringify(next)]);
      await appendAudit(em, {
        ...actor,
        action: AUDIT_ACTION,
        subjectType: 'rubric',
        subjectId: code,
        before: { version: latest.version, vetoItems: latest.vetoItems },
        after: { version: next.version, vetoItems: next.vetoItems },
        requestId: auditRequestId,
      });
      return { status: 'added', rubric: next };
    });
  } catch (err) {
    const pgCode = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
    if (pgCode === '23505') return { status: 'version_taken' };
    throw err;
  }
}
