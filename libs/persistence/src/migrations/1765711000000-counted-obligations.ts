import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counted obligations ("1–2 a month", "at least 24 hours a year"): an
 * occurrence keeps its quota, its count so far and whether any record went
 * past the maximum; each record (date, attendees, minutes, hours) is a row of
 * obligation_records, usable by any process's schedules.
 */
export class CountedObligations1765711000000 implements MigrationInterface {
  name = 'CountedObligations1765711000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE obligation_occurrences
        ADD COLUMN quota jsonb CHECK (quota IS NULL OR jsonb_typeof(quota) = 'object'),
        ADD COLUMN counted numeric NOT NULL DEFAULT 0,
        ADD COLUMN over_max boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE obligation_records (
        id uuid PRIMARY KEY,
        occurrence_id uuid NOT NULL REFERENCES obligation_occurrences(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        record_date date NOT NULL,
        attendees text NOT NULL,
        minutes text NOT NULL,
        hours numeric CHECK (hours IS NULL OR hours > 0),
        counted_after numeric NOT NULL,
        over_max boolean NOT NULL,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX obligation_records_occurrence ON obligation_records (occurrence_id, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE obligation_records`);
    await q.query(`ALTER TABLE obligation_occurrences DROP COLUMN quota, DROP COLUMN counted, DROP COLUMN over_max`);
  }
}
