import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delayed re-elections (换届延期, seed 004: a delay needs the level above's
 * approval and may not exceed a year). A branch's secretary asks, its
 * committee approves or refuses with an opinion; on approval the branch's
 * term_ends_on moves and the open re-election occurrence moves with it, or,
 * when the new date falls in a later year whose schedule will carry it, ends
 * 'postponed' (counted neither missed nor late). At most one request of a
 * branch waits for a decision at a time.
 */
export class ReElectionDelays1765520000000 implements MigrationInterface {
  name = 'ReElectionDelays1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE obligation_occurrences DROP CONSTRAINT obligation_occurrences_status_check`);
    await q.query(`ALTER TABLE obligation_occurrences ADD CONSTRAINT obligation_occurrences_status_check CHECK (status IN ('open', 'completed', 'overdue', 'postponed'))`);
    await q.query(`ALTER TABLE obligation_occurrences ADD COLUMN postponed_to date, ADD CONSTRAINT obligation_occurrences_postponed_to CHECK ((status = 'postponed') = (postponed_to IS NOT NULL))`);
    await q.query(`
      CREATE TABLE wujin_re_election_delays (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        term_ends_on date NOT NULL,
        until date NOT NULL CHECK (until > term_ends_on),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL,
        opinion text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        occurrence_change text CHECK (occurrence_change IN ('moved', 'postponed')),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX wujin_re_election_delays_one_pending ON wujin_re_election_delays (branch_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX wujin_re_election_delays_branch ON wujin_re_election_delays (campaign_id, branch_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON wujin_re_election_delays TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wujin_re_election_delays`);
    await q.query(`DELETE FROM obligation_occurrences WHERE status = 'postponed'`);
    await q.query(`ALTER TABLE obligation_occurrences DROP CONSTRAINT obligation_occurrences_postponed_to, DROP COLUMN postponed_to`);
    await q.query(`ALTER TABLE obligation_occurrences DROP CONSTRAINT obligation_occurrences_status_check`);
    await q.query(`ALTER TABLE obligation_occurrences ADD CONSTRAINT obligation_occurrences_status_check CHECK (status IN ('open', 'completed', 'overdue'))`);
  }
}
