import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CC (抄送): a task copied to an organisation's role, or to one user there,
 * read-only. A copy comes from the process definition when the task opens, or
 * ad hoc from someone who may act on it; one copy per task and target (the
 * unique index), so a retried write adds nothing. Notifications gain the kind
 * `cc`.
 */
export class TaskCopies1766100000000 implements MigrationInterface {
  name = 'TaskCopies1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_copies (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL,
        user_id uuid REFERENCES users(id),
        source text NOT NULL CHECK (source IN ('definition', 'ad_hoc')),
        copied_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX task_copies_target ON task_copies (task_id, organisation_id, role, coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`CREATE INDEX task_copies_recipient ON task_copies (organisation_id, role, created_at DESC)`);
    await q.query(`CREATE INDEX task_copies_user ON task_copies (user_id, created_at DESC) WHERE user_id IS NOT NULL`);
    await q.query(`GRANT SELECT, INSERT ON task_copies TO pennant_app`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reminder', 'overdue', 'escalation', 'urge', 'result', 'cc'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_deliveries WHERE notification_id IN (SELECT id FROM notifications WHERE kind = 'cc')`);
    await q.query(`DELETE FROM notification_reads WHERE notification_id IN (SELECT id FROM notifications WHERE kind = 'cc')`);
    await q.query(`DELETE FROM notifications WHERE kind = 'cc'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reminder', 'overdue', 'escalation', 'urge', 'result'))`);
    await q.query(`DROP TABLE IF EXISTS task_copies`);
  }
}
