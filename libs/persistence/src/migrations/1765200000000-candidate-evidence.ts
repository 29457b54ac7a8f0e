import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each level learnt of a candidate travels up with it (seed 001): the
 * grassroots members' and the public's evaluation, and the city-managed
 * committee's inspection (考察) — who inspected, when, and what they found —
 * so every later pick and form 附件3 show them rather than a bare name.
 */
export class CandidateEvidence1765200000000 implements MigrationInterface {
  name = 'CandidateEvidence1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nominations ADD COLUMN evaluation_score numeric(6, 2), ADD COLUMN evaluation_participants integer CHECK (evaluation_participants > 0)`);
    await q.query(`
      CREATE TABLE nomination_inspections (
        nomination_id uuid PRIMARY KEY REFERENCES nominations(id),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        inspectors text NOT NULL,
        inspected_on date NOT NULL,
        findings text NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX nomination_inspections_campaign ON nomination_inspections (campaign_id)`);
    await q.query(`GRANT SELECT, INSERT ON nomination_inspections TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS nomination_inspections`);
    await q.query(`ALTER TABLE nominations DROP COLUMN evaluation_participants, DROP COLUMN evaluation_score`);
  }
}
