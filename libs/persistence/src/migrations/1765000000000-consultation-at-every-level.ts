import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation at every level (seed 001: "各级党委在召开党委会研究推荐名单前，
 * 征求同级…单位意见"): a missing answer no longer reads as consent by default
 * — the consulting committee decides to wait or to proceed, and a gap it
 * proceeds with is kept with its reason; a level with no agency of a kind its
 * candidates need says so on the record.
 */
export class ConsultationAtEveryLevel1765000000000 implements MigrationInterface {
  name = 'ConsultationAtEveryLevel1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultations DROP CONSTRAINT consultations_on_timeout_check`);
    await q.query(`ALTER TABLE consultations ADD CONSTRAINT consultations_on_timeout_check CHECK (on_timeout IN ('no_objection', 'block', 'ask'))`);
    // The committee's reason for going ahead without an agency's answer.
    await q.query(`ALTER TABLE consultation_answers ADD COLUMN gap_opinion text`);
    await q.query(`
      CREATE TABLE consultation_level_gaps (
        id uuid PRIMARY KEY,
        campaign_id uuid REFERENCES campaigns(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        agency_kinds text[] NOT NULL CHECK (cardinality(agency_kinds) > 0),
        candidate_ids text[] NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consultation_level_gaps_campaign ON consultation_level_gaps (campaign_id, organisation_id)`);
    await q.query(`GRANT SELECT, INSERT ON consultation_level_gaps TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS consultation_level_gaps`);
    await q.query(`ALTER TABLE consultation_answers DROP COLUMN gap_opinion`);
    await q.query(`ALTER TABLE consultations DROP CONSTRAINT consultations_on_timeout_check`);
    await q.query(`ALTER TABLE consultations ADD CONSTRAINT consultations_on_timeout_check CHECK (on_timeout IN ('no_objection', 'block'))`);
  }
}
