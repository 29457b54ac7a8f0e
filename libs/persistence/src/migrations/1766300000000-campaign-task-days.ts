import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work given and done per day, per campaign and holding organisation, for the
 * dashboard's progress chart. The chart used to read every task of the
 * campaign in the subtree; at a million tasks a city head's dashboard took
 * seconds and, read a few times a second, saturated PostgreSQL (bench inbox
 * scenario, 2026-12-02). Kept like `campaign_task_counts`: a statement
 * trigger in the writer's transaction, one aggregate per statement.
 * Days are Beijing dates, as the chart shows them.
 *
 * A whole campaign's days (what a city head sees) are summed once more into
 * `campaign_days`: its per-organisation rows are a year times every holder,
 * tens of thousands of rows to add up on each read. Every task writer of the
 * campaign touches those rows, so they are written by a deferred trigger, at
 * commit: a transaction takes their locks last, after every other lock it
 * holds, and two writers can only ever wait for each other's commit, never
 * in a cycle.
 */
export class CampaignTaskDays1766300000000 implements MigrationInterface {
  name = 'CampaignTaskDays1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_task_days (
        campaign_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        day date NOT NULL,
        organisation_path text NOT NULL,
        created int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, organisation_id, day)
      )`);
    await q.query(`CREATE INDEX campaign_task_days_subtree ON campaign_task_days (campaign_id, organisation_path text_pattern_ops) INCLUDE (day, created, completed)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON campaign_task_days TO pennant_app`);

    // A task counts as given on the day it was created and as done on the day it was completed; the rows a
    // statement added count +1, those it replaced or removed −1 (an update that moves neither date nets to nothing).
    await q.query(`
      CREATE FUNCTION campaign_task_days_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        changed text := CASE TG_OP
          WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
          WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
          ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END;
      BEGIN
        EXECUTE format($sql$
          INSERT INTO campaign_task_days AS d (campaign_id, organisation_id, day, organisation_path, created, completed)
          SELECT campaign_id, organisation_id, day, max(organisation_path), sum(created), sum(completed)
            FROM (SELECT campaign_id, organisation_id, organisation_path, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sign AS created, 0 AS completed
                    FROM (%1$s) r WHERE campaign_id IS NOT NULL
                  UNION ALL
                  SELECT campaign_id, organisation_id, organisation_path, (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, sign
                    FROM (%1$s) r WHERE campaign_id IS NOT NULL AND status = 'completed' AND completed_at IS NOT NULL) e
           GROUP BY campaign_id, organisation_id, day
          HAVING sum(created) <> 0 OR sum(completed) <> 0
           -- The same order in every statement, so two writers never wait on each other's rows crosswise.
           ORDER BY campaign_id, organisation_id, day
          ON CONFLICT (campaign_id, organisation_id, day) DO UPDATE SET
            created = d.created + EXCLUDED.created, completed = d.completed + EXCLUDED.completed
        $sql$, changed);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`CREATE TRIGGER tasks_days_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_task_days_apply()`);
    await q.query(
      `CREATE TRIGGER tasks_days_updated AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_task_days_apply()`,
    );
    await q.query(`CREATE TRIGGER tasks_days_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_task_days_apply()`);

    // The days of the tasks already written (the trigger sees only what comes after it).
    await q.query(`
      INSERT INTO campaign_task_days (campaign_id, organisation_id, day, organisation_path, created, completed)
      SELECT campaign_id, organisation_id, day, max(organisation_path), sum(created), sum(completed)
        FROM (SELECT campaign_id, organisation_id, organisation_path, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, 1 AS created, 0 AS completed
                FROM tasks WHERE campaign_id IS NOT NULL
              UNION ALL
              SELECT campaign_id, organisation_id, organisation_path, (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1
                FROM tasks WHERE campaign_id IS NOT NULL AND status = 'completed' AND completed_at IS NOT NULL) e
       GROUP BY campaign_id, organisation_id, day`);

    // A whole campaign's days, summed from the rows above at commit (see the note on the class).
    await q.query(`
      CREATE TABLE campaign_days (
        campaign_id uuid NOT NULL,
        day date NOT NULL,
        created int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, day)
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON campaign_days TO pennant_app`);
    await q.query(`
      CREATE FUNCTION campaign_days_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO campaign_days AS d (campaign_id, day, created, completed)
        VALUES (NEW.campaign_id, NEW.day, NEW.created - coalesce(OLD.created, 0), NEW.completed - coalesce(OLD.completed, 0))
        ON CONFLICT (campaign_id, day) DO UPDATE SET created = d.created + EXCLUDED.created, completed = d.completed + EXCLUDED.completed;
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER campaign_task_days_summed AFTER INSERT OR UPDATE ON campaign_task_days DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION campaign_days_apply()`,
    );
    await q.query(`INSERT INTO campaign_days (campaign_id, day, created, completed) SELECT campaign_id, day, sum(created), sum(completed) FROM campaign_task_days GROUP BY campaign_id, day`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER campaign_task_days_summed ON campaign_task_days`);
    await q.query(`DROP FUNCTION campaign_days_apply()`);
    await q.query(`DROP TABLE campaign_days`);
    await q.query(`DROP TRIGGER tasks_days_deleted ON tasks`);
    await q.query(`DROP TRIGGER tasks_days_updated ON tasks`);
    await q.query(`DROP TRIGGER tasks_days_inserted ON tasks`);
    await q.query(`DROP FUNCTION campaign_task_days_apply()`);
    await q.query(`DROP TABLE campaign_task_days`);
  }
}
