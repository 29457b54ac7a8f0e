import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city-managed committee's own red-flag branches (seed 001: "评选一批本级
 * 红旗党支部。并从中按照1:2的比例，确定拟推荐的…候选对象"): its own honour,
 * kept per campaign, from which its recommendation to the city is drawn.
 */
export class CommitteeRedFlags1765300000000 implements MigrationInterface {
  name = 'CommitteeRedFlags1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE committee_red_flags (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        nomination_id uuid NOT NULL REFERENCES nominations(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        year integer NOT NULL,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, nomination_id)
      )`);
    await q.query(`CREATE INDEX committee_red_flags_branch ON committee_red_flags (branch_id, year)`);
    await q.query(`GRANT SELECT, INSERT ON committee_red_flags TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS committee_red_flags`);
  }
}
