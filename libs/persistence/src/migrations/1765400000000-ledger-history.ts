import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's history (附件1 "根据每年考评结果及时进行调整"): every change of a
 * branch's grade or yearly evaluation, with the year it belongs to, the grade
 * before, what caused it (the initial grading, a committee's review, the
 * naming), the deciding committee and person, and when. Append-only for the
 * application, like the audit trail it sits beside. Entries kept before this
 * migration get their initial row.
 */
export class LedgerHistory1765400000000 implements MigrationInterface {
  name = 'LedgerHistory1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const grades = `('advanced', 'average', 'lagging', 'weak_and_lax')`;
    await q.query(`
      CREATE TABLE ledger_history (
        id uuid PRIMARY KEY,
        branch_id uuid NOT NULL REFERENCES organisations(id),
        year int NOT NULL,
        grade text NOT NULL CHECK (grade IN ${grades}),
        previous_grade text CHECK (previous_grade IN ${grades}),
        evaluation text NOT NULL DEFAULT '',
        source text NOT NULL CHECK (source <> ''),
        reason text NOT NULL DEFAULT '',
        campaign_id uuid REFERENCES campaigns(id),
        organisation_id uuid REFERENCES organisations(id),
        actor_id uuid REFERENCES users(id),
        actor_name text NOT NULL,
        recorded_at timestamptz NOT NULL,
        change_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX ledger_history_branch ON ledger_history (branch_id, recorded_at)`);
    await q.query(`CREATE INDEX ledger_history_campaign ON ledger_history (campaign_id) WHERE campaign_id IS NOT NULL`);
    // Default privileges would give the application UPDATE and DELETE too: the history is only ever appended to.
    await q.query(`REVOKE ALL ON ledger_history FROM pennant_app`);
    await q.query(`GRANT SELECT, INSERT ON ledger_history TO pennant_app`);
    await q.query(`
      INSERT INTO ledger_history (id, branch_id, year, grade, evaluation, source, actor_id, actor_name, recorded_at, change_key)
      SELECT gen_random_uuid(), l.branch_id, extract(year FROM l.updated_at AT TIME ZONE 'Asia/Shanghai')::int, l.grade, l.evaluation, 'initial',
             l.updated_by, coalesce(u.display_name, 'system'), l.updated_at, 'initial:' || l.branch_id
        FROM ledger_entries l LEFT JOIN users u ON u.id = l.updated_by`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ledger_history`);
  }
}
