import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A responsibility list's item (责任清单) as an obligation's occurrence: its
 * leader (责任领导, told when it is late) and its people (责任人) shown with
 * it, and the record its completion's form carried (`record_kind`, `record`),
 * which a process's figures are computed from.
 */
export class ObligationParties1765800000000 implements MigrationInterface {
  name = 'ObligationParties1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE obligation_occurrences
        ADD COLUMN leader_label text,
        ADD COLUMN leader_organisation_id uuid REFERENCES organisations(id),
        ADD COLUMN leader_role text,
        ADD COLUMN responsible_label text,
        ADD COLUMN record_kind text,
        ADD COLUMN record jsonb,
        ADD CONSTRAINT obligation_occurrences_leader CHECK ((leader_label IS NULL) = (leader_organisation_id IS NULL) AND (leader_label IS NULL) = (leader_role IS NULL)),
        ADD CONSTRAINT obligation_occurrences_record CHECK (record IS NULL OR jsonb_typeof(record) = 'object')`);
    await q.query(`CREATE INDEX obligation_occurrences_schedule ON obligation_occurrences (schedule_id text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX obligation_occurrences_schedule`);
    await q.query(`
      ALTER TABLE obligation_occurrences
        DROP CONSTRAINT obligation_occurrences_record, DROP CONSTRAINT obligation_occurrences_leader,
        DROP COLUMN record, DROP COLUMN record_kind, DROP COLUMN responsible_label, DROP COLUMN leader_role, DROP COLUMN leader_organisation_id, DROP COLUMN leader_label`);
  }
}
