import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarBundle } from '../../domain/src';
import { type AuditEntry, appendAudit } from './audit';

export const CALENDAR_LIBRARY = 'chinese-days@1.5.7';

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  name: string;
}

/** Every year the chinese-days package has data for, as calendar days. */
export function libraryCalendarYears(): Map<number, CalendarDay[]> {
  const dir = path.dirname(require.resolve('chinese-days/dist/years/2026.json'));
  const years = new Map<number, CalendarDay[]>();
  for (const file of readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f))) {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
    const name = (v: string) => v.split(',')[1] ?? v;
    years.set(Number(file.slice(0, 4)), [
      ...Object.entries(data.holidays).map(([date, v]) => ({ date, kind: 'holiday' as const, name: name(v) })),
      ...Object.entries(data.workdays).map(([date, v]) => ({ date, kind: 'adjusted_workday' as const, name: name(v) })),
    ]);
  }
  return years;
}

async function writeYear(em: EntityManager, year: number, days: CalendarDay[], source: string, note: string, updatedBy: string | null): Promise<void> {
  await em.query(`DELETE FROM calendar_days WHERE year = $1`, [year]);
  await em.query(
    `INSERT INTO calendar_years (year, source, note, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
     ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, note = EXCLUDED.note, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [year, source, note, updatedBy],
  );
  if (days.length) {
    await em.query(
      `INSERT INTO calendar_days (date, year, kind, name) SELECT d, $1, k, n FROM unnest($2::date[], $3::text[], $4::text[]) AS t(d, k, n)`,
      [year, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
    );
  }
}

/**
 * Fills in the years the library knows and the database does not. A year
 * already present (maybe corrected by an administrator) is never overwritten.
 */
export async function seedCalendarFromLibrary(ds: DataSource): Promise<number[]> {
  return ds.transaction(async (em) => {
    await em.query(`LOCK TABLE calendar_years IN EXCLUSIVE MODE`);
    const present = new Set((await em.query(`SELECT year FROM calendar_years`)).map((r: { year: number }) => r.year));
    const added: number[] = [];
    for (const [year, days] of libraryCalendarYears()) {
      if (present.has(year)) continue;
      await writeYear(em, year, days, CALENDAR_LIBRARY, '', null);
      added.push(year);
    }
    return added.sort();
  });
}

/** An administrator's entry or correction of one year (e.g. from the State Council's notice), audited. */
export async function replaceCalendarYear(
  ds: DataSource,
  year: number,
  days: CalendarDay[],
  source: string,
  note: string,
  actor: Omit<AuditEntry, 'action' | 'subjectType' | 'subjectId'>,
): Promise<void> {
  await ds.transaction(async (em) => {
    const before = await em.query(`SELECT date::text, kind, name FROM calendar_days WHERE year = $1 ORDER BY date`, [year]);
    await writeYear(em, year, days, source, note, actor.actorId);
    await appendAudit(em, {
      ...actor,
      action: 'calendar.year.replaced',
      subjectType: 'calendar_year',
      subjectId: String(year),
      before: { days: before },
      after: { source, note, days: [...days].sort((a, b) => a.date.localeCompare(b.date)) },
    });
  });
}

/** The bundle a workflow computes deadlines with: the years asked for that have data. */
export async function loadCalendarBundle(ds: DataSource | EntityManager, fromYear: number, toYear: number): Promise<CalendarBundle> {
  const years: Array<{ year: number }> = await ds.query(`SELECT year FROM calendar_years WHERE year BETWEEN $1 AND $2 ORDER BY year`, [fromYear, toYear]);
  const days: Array<{ date: string; kind: string }> = await ds.query(
    `SELECT date::text AS date, kind FROM calendar_days WHERE year BETWEEN $1 AND $2 ORDER BY date`,
    [fromYear, toYear],
  );
  return {
    years: years.map((y) => y.year),
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    adjustedWorkdays: days.filter((d) => d.kind === 'adjusted_workday').map((d) => d.date),
  };
}
