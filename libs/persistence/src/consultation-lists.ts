import type { DataSource, EntityManager } from 'typeorm';
import { type ConsultationRules, defaultConsultationRules } from '../../domain/src';
import { type AuditEntry, appendAudit } from './audit';

/** A year's list of the agencies consulted, as kept, or the default when nobody has kept one for that year. */
export interface ConsultationList {
  year: number;
  rules: ConsultationRules;
  note: string;
  /** False: nobody has kept a list for the year, and this is the default (today's names). */
  stored: boolean;
  updatedAt: string | null;
}

export async function loadConsultationList(ds: DataSource | EntityManager, year: number): Promise<ConsultationList> {
  const [row] = await ds.query(`SELECT rules, note, updated_at FROM consultation_agency_lists WHERE year = $1`, [year]);
  if (!row) return { year, rules: defaultConsultationRules(year), note: '', stored: false, updatedAt: null };
  return { year, rules: row.rules as ConsultationRules, note: row.note, stored: true, updatedAt: new Date(row.updated_at).toISOString() };
}

/** Keeps a year's list, the change in the audit trail with what it replaced (the default, when the year had none). */
export async function replaceConsultationList(
  ds: DataSource,
  year: number,
  rules: ConsultationRules,
  note: string,
  actor: Omit<AuditEntry, 'action' | 'subjectType' | 'subjectId'>,
): Promise<void> {
  await ds.transaction(async (em) => {
    // Serialises two administrators' edits of one year, so the audit row's "before" is what each replaced.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('consultation_agency_lists'), $1)`, [year]);
    const before = await loadConsultationList(em, year);
    await em.query(
      `INSERT INTO consultation_agency_lists (year, rules, note, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (year) DO UPDATE SET rules = EXCLUDED.rules, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [year, JSON.stringify(rules), note, actor.actorId],
    );
    await appendAudit(em, {
      ...actor,
      action: 'consultation_list.replaced',
      subjectType: 'consultation_agency_list',
      subjectId: String(year),
      before: { rules: before.rules, note: before.note, stored: before.stored },
      after: { rules, note },
    });
  });
}
