import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns: a process run for a year with its parameters, created as a draft, then started. */
export class Campaigns1764100000000 implements MigrationInterface {
  name = 'Campaigns1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY,
        process text NOT NULL CHECK (process IN ('red_flag')),
        year int NOT NULL,
        title text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        params jsonb NOT NULL,
        plan jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'running', 'paused', 'completed', 'cancelled')),
        workflow_id text UNIQUE,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live campaign of a process per organisation and year.
    await q.query(`CREATE UNIQUE INDEX campaigns_one_per_year ON campaigns (process, organisation_id, year) WHERE status <> 'cancelled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS campaigns`);
  }
}
