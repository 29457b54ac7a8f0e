import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments belong to a nomination or to a task (a self-assessment's or a
 * brand filing's pictures and scans, named by the form that completes the
 * task): exactly one of the two owners, never both, never neither.
 */
export class TaskAttachments1765640000000 implements MigrationInterface {
  name = 'TaskAttachments1765640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments ALTER COLUMN nomination_id DROP NOT NULL, ADD COLUMN task_id uuid REFERENCES tasks(id)`);
    await q.query(`ALTER TABLE attachments ADD CONSTRAINT attachments_one_owner CHECK (num_nonnulls(nomination_id, task_id) = 1)`);
    await q.query(`CREATE INDEX attachments_task ON attachments (task_id) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM attachments WHERE task_id IS NOT NULL`);
    await q.query(`DROP INDEX IF EXISTS attachments_task`);
    await q.query(`ALTER TABLE attachments DROP CONSTRAINT attachments_one_owner, DROP COLUMN task_id, ALTER COLUMN nomination_id SET NOT NULL`);
  }
}
