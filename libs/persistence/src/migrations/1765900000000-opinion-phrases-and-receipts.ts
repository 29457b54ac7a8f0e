import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's own opinion phrases (常用意见), per decision kind, in the order
 * they keep them; and who has opened a task and when (已读/未读): the first
 * open per user only, with the organisation and role they read it as.
 */
export class OpinionPhrasesAndReceipts1765900000000 implements MigrationInterface {
  name = 'OpinionPhrasesAndReceipts1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opinion_phrases (
        user_id uuid NOT NULL REFERENCES users(id),
        decision text NOT NULL CHECK (decision IN ('approve', 'return', 'reject')),
        position integer NOT NULL CHECK (position >= 0),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 100),
        PRIMARY KEY (user_id, decision, position)
      )`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON opinion_phrases TO pennant_app`);
    await q.query(`
      CREATE TABLE task_receipts (
        task_id uuid NOT NULL REFERENCES tasks(id),
        user_id uuid NOT NULL REFERENCES users(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL,
        first_opened_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (task_id, user_id)
      )`);
    await q.query(`GRANT SELECT, INSERT ON task_receipts TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS task_receipts`);
    await q.query(`DROP TABLE IF EXISTS opinion_phrases`);
  }
}
