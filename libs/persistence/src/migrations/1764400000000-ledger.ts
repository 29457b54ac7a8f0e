import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The branch ledger (附件1 过硬党支部建设工作台账): grade, three-year goals, problems, measures, evaluation, contact. */
export class Ledger1764400000000 implements MigrationInterface {
  name = 'Ledger1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_entries (
        branch_id uuid PRIMARY KEY REFERENCES organisations(id),
        grade text NOT NULL CHECK (grade IN ('advanced', 'average', 'lagging', 'weak_and_lax')),
        goals jsonb NOT NULL DEFAULT '[]',
        problems text NOT NULL DEFAULT '',
        measures text NOT NULL DEFAULT '',
        evaluation text NOT NULL DEFAULT '',
        contact text NOT NULL DEFAULT '',
        contact_title text NOT NULL DEFAULT '',
        phone text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ledger_entries`);
  }
}
