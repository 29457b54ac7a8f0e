import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that answer the inbox's first page and the dashboard's nearly-late
 * work without visiting every open task (bench inbox scenario, 2026-12-02: a
 * committee with 7,000 open tasks took 60–100 ms for its first 20).
 *
 * - The inbox walks one (organisation, status, role) in the order it shows —
 *   soonest due first, undated last, then newest — and stops after its page;
 *   its count reads the assignee and delegate from the index alone.
 * - The due-soon lists and unit counts read the holder and its path from the
 *   index, and fetch only the few tasks they show.
 */
export class InboxInOrder1766310000000 implements MigrationInterface {
  name = 'InboxInOrder1766310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_inbox`);
    await q.query(
      `CREATE INDEX tasks_inbox ON tasks (organisation_id, status, role, due_at ASC NULLS LAST, created_at DESC, id) INCLUDE (assignee_user_id, delegated_to_user_id)`,
    );
    await q.query(`DROP INDEX tasks_campaign_due`);
    await q.query(
      `CREATE INDEX tasks_campaign_due ON tasks (campaign_id, due_at) INCLUDE (organisation_id, organisation_path, id) WHERE status = 'open' AND NOT overdue AND due_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_campaign_due`);
    await q.query(`CREATE INDEX tasks_campaign_due ON tasks (campaign_id, due_at) WHERE status = 'open' AND NOT overdue AND due_at IS NOT NULL`);
    await q.query(`DROP INDEX tasks_inbox`);
    await q.query(`CREATE INDEX tasks_inbox ON tasks (organisation_id, status, created_at DESC)`);
  }
}
