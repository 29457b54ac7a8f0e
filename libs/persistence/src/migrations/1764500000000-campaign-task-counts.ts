import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task counts per campaign, stage and holding organisation, so the campaign
 * dashboard sums a few thousand rows instead of counting every task of the
 * campaign (a million, in the benchmark, saturated PostgreSQL).
 *
 * A statement trigger keeps them: every writer of `tasks` (human tasks,
 * consultations, obligations, bulk loads) is counted in the same transaction,
 * and a bulk statement costs one aggregate rather than one update per row.
 * Late and nearly late work is listed through partial indexes on the open
 * tasks, by organisation and deadline.
 */
export class CampaignTaskCounts1764500000000 implements MigrationInterface {
  name = 'CampaignTaskCounts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_task_counts (
        campaign_id uuid NOT NULL,
        stage text NOT NULL,
        organisation_id uuid NOT NULL,
        organisation_path text NOT NULL,
        open int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        overdue int NOT NULL DEFAULT 0,
        missed int NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, stage, organisation_id)
      )`);
    await q.query(`CREATE INDEX campaign_task_counts_subtree ON campaign_task_counts (campaign_id, organisation_path text_pattern_ops)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON campaign_task_counts TO pennant_app`);

    // One function for the three events: the rows a statement added count +1, the rows it replaced or removed −1.
    await q.query(`
      CREATE FUNCTION campaign_task_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        changed text := CASE TG_OP
          WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
          WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
          ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END;
      BEGIN
        EXECUTE format($sql$
          INSERT INTO campaign_task_counts AS c (campaign_id, stage, organisation_id, organisation_path, open, completed, overdue, missed)
          SELECT campaign_id, stage, organisation_id, max(organisation_path),
                 coalesce(sum(sign) FILTER (WHERE status = 'open'), 0),
                 coalesce(sum(sign) FILTER (WHERE status = 'completed'), 0),
                 coalesce(sum(sign) FILTER (WHERE status = 'open' AND overdue), 0),
                 coalesce(sum(sign) FILTER (WHERE missed > 0), 0)
            FROM (%s) r
           WHERE campaign_id IS NOT NULL AND stage IS NOT NULL
           GROUP BY campaign_id, stage, organisation_id
          HAVING sum(sign) FILTER (WHERE status = 'open') <> 0 OR sum(sign) FILTER (WHERE status = 'completed') <> 0
              OR sum(sign) FILTER (WHERE status = 'open' AND overdue) <> 0 OR sum(sign) FILTER (WHERE missed > 0) <> 0
           -- The same order in every statement, so two writers never wait on each other's rows crosswise.
           ORDER BY campaign_id, stage, organisation_id
          ON CONFLICT (campaign_id, stage, organisation_id) DO UPDATE SET
            open = c.open + EXCLUDED.open, completed = c.completed + EXCLUDED.completed,
            overdue = c.overdue + EXCLUDED.overdue, missed = c.missed + EXCLUDED.missed
        $sql$, changed);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`CREATE TRIGGER tasks_count_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_task_counts_apply()`);
    await q.query(
      `CREATE TRIGGER tasks_count_updated AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_task_counts_apply()`,
    );
    await q.query(`CREATE TRIGGER tasks_count_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_task_counts_apply()`);

    // Counts for the tasks already written (the trigger sees only what comes after it).
    await q.query(`
      INSERT INTO campaign_task_counts (campaign_id, stage, organisation_id, organisation_path, open, completed, overdue, missed)
      SELECT campaign_id, stage, organisation_id, max(organisation_path),
             count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'completed'),
             count(*) FILTER (WHERE status = 'open' AND overdue), count(*) FILTER (WHERE missed > 0)
        FROM tasks WHERE campaign_id IS NOT NULL AND stage IS NOT NULL
       GROUP BY campaign_id, stage, organisation_id`);

    // The dashboard's late and nearly late lists: the few open tasks of a campaign, by holder and deadline.
    await q.query(`CREATE INDEX tasks_campaign_overdue ON tasks (campaign_id, organisation_id, due_at) WHERE status = 'open' AND overdue`);
    await q.query(`CREATE INDEX tasks_campaign_due ON tasks (campaign_id, due_at) WHERE status = 'open' AND NOT overdue AND due_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_campaign_due`);
    await q.query(`DROP INDEX tasks_campaign_overdue`);
    await q.query(`DROP TRIGGER tasks_count_deleted ON tasks`);
    await q.query(`DROP TRIGGER tasks_count_updated ON tasks`);
    await q.query(`DROP TRIGGER tasks_count_inserted ON tasks`);
    await q.query(`DROP FUNCTION campaign_task_counts_apply()`);
    await q.query(`DROP TABLE campaign_task_counts`);
  }
}
