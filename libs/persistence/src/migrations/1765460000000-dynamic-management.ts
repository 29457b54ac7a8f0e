import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The year after naming (seed 001, 动态管理): the organisation department's
 * spot checks of named branches, each with its findings and whether the title
 * was kept or withdrawn ("直接取消红旗党支部称号").
 */
export class DynamicManagement1765460000000 implements MigrationInterface {
  name = 'DynamicManagement1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE red_flag_spot_checks (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        nomination_id uuid NOT NULL REFERENCES nominations(id),
        period text NOT NULL,
        findings text NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('kept', 'withdrawn')),
        reason text,
        checked_by uuid NOT NULL,
        checked_at timestamptz NOT NULL,
        PRIMARY KEY (nomination_id, period),
        CHECK (verdict = 'kept' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX red_flag_spot_checks_campaign ON red_flag_spot_checks (campaign_id)`);
    await q.query(`GRANT SELECT, INSERT ON red_flag_spot_checks TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS red_flag_spot_checks`);
  }
}
