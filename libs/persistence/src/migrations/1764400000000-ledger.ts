import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The branch ledger (附件1 过硬党支部建设工作台账): grade, three-year goals,
 * problems, measures, evaluation, and the contact who answers for the branch
 * (包保联系人, their post 职务 as `contact_title`, phone). Goals are
 * `[{ "year": 2026, "grade": "average" }, …]` with the grades of libs/domain.
 */
export class Ledger1764400000000 implements MigrationInterface {
  name = 'Ledger1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_entries (
        branch_id uuid PRIMARY KEY REFERENCES organisations(id),
        grade text NOT NULL CHECK (grade IN ('advanced', 'average', 'lagging', 'weak_and_lax')),
        goals jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(goals) = 'array'),
        problems text NOT NULL DEFAULT '',
        measures text NOT NULL DEFAULT '',
        evaluation text NOT NULL DEFAULT '',
        contact text NOT NULL DEFAULT '',
        contact_title text NOT NULL DEFAULT '',
        phone text NOT NULL DEFAULT '',
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Reviewers correct entries in place; default privileges may not reach a table made by another owner.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON ledger_entries TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ledger_entries`);
  }
}
