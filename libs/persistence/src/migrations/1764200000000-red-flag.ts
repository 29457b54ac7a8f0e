import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Running a red-flag campaign: stages and their deadlines, extensions, candidates' progress, tasks by campaign, filed plans. */
export class RedFlag1764200000000 implements MigrationInterface {
  name = 'RedFlag1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN workflow_status text, ADD COLUMN started_at timestamptz, ADD COLUMN finished_at timestamptz, ADD COLUMN summary jsonb`);
    await q.query(`
      CREATE TABLE campaign_stages (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        stage text NOT NULL,
        seq int NOT NULL,
        label text NOT NULL,
        opens_on date NOT NULL,
        due_on date NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'open', 'completed', 'overdue', 'cancelled')),
        opened_at timestamptz,
        completed_at timestamptz,
        completed_late boolean,
        PRIMARY KEY (campaign_id, stage)
      )`);
    // An administrator's extension of a stage, for everyone or for one organisation's subtree.
    await q.query(`
      CREATE TABLE campaign_extensions (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        stage text NOT NULL,
        organisation_id uuid REFERENCES organisations(id),
        organisation_path text,
        due_at timestamptz NOT NULL,
        reason text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaign_extensions_stage ON campaign_extensions (campaign_id, stage)`);
    await q.query(`
      ALTER TABLE nominations
        ADD COLUMN campaign_id uuid REFERENCES campaigns(id),
        ADD COLUMN campaign_status text,
        ADD COLUMN campaign_reason text,
        ADD COLUMN priority boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX nominations_campaign ON nominations (campaign_id, campaign_status)`);
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN campaign_id uuid REFERENCES campaigns(id),
        ADD COLUMN stage text,
        ADD COLUMN form jsonb,
        ADD COLUMN data jsonb,
        ADD COLUMN missed int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX tasks_campaign ON tasks (campaign_id, stage, status) WHERE campaign_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE campaign_plans (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        kind text NOT NULL CHECK (kind IN ('cultivation', 'mentoring')),
        rows jsonb NOT NULL,
        submitted_by uuid REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, organisation_id, kind)
      )`);
    await q.query(`ALTER TABLE consultations ADD COLUMN campaign_id uuid REFERENCES campaigns(id)`);
    await q.query(`ALTER TABLE public_notices ADD COLUMN campaign_id uuid REFERENCES campaigns(id), ADD COLUMN scope text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public_notices DROP COLUMN campaign_id, DROP COLUMN scope`);
    await q.query(`ALTER TABLE consultations DROP COLUMN campaign_id`);
    await q.query(`DROP TABLE IF EXISTS campaign_plans`);
    await q.query(`ALTER TABLE tasks DROP COLUMN campaign_id, DROP COLUMN stage, DROP COLUMN form, DROP COLUMN data, DROP COLUMN missed`);
    await q.query(`ALTER TABLE nominations DROP COLUMN campaign_id, DROP COLUMN campaign_status, DROP COLUMN campaign_reason, DROP COLUMN priority`);
    await q.query(`DROP TABLE IF EXISTS campaign_extensions`);
    await q.query(`DROP TABLE IF EXISTS campaign_stages`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN workflow_status, DROP COLUMN started_at, DROP COLUMN finished_at, DROP COLUMN summary`);
  }
}
