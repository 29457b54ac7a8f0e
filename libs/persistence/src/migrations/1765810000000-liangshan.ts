import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Liangshan's “five-good branch” responsibility list (PROCESSES.md §5, seed 002).
 *
 * `liangshan_lists`: the list as an administrator keeps it for a year (the
 * seed's 25 items when none is kept). A campaign of process 'liangshan' takes
 * the year's list when it starts (`liangshan_years`) and gives every branch of
 * its tree a schedule of the engine's obligations (`liangshan_branch_years`),
 * one per branch and year: each item's occurrences are rows of
 * obligation_occurrences, their records what the thresholds are computed from.
 */
export class Liangshan1765810000000 implements MigrationInterface {
  name = 'Liangshan1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE liangshan_lists (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
        version int NOT NULL CHECK (version >= 1),
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE liangshan_years (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns(id),
        year int NOT NULL,
        items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
        thresholds jsonb NOT NULL CHECK (jsonb_typeof(thresholds) = 'object'),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE liangshan_branch_years (
        campaign_id uuid NOT NULL REFERENCES liangshan_years(campaign_id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        schedule_id text NOT NULL UNIQUE,
        PRIMARY KEY (campaign_id, branch_id)
      )`);
    await q.query(`CREATE INDEX liangshan_branch_years_branch ON liangshan_branch_years (branch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['liangshan_branch_years', 'liangshan_years', 'liangshan_lists']) await q.query(`DROP TABLE ${t}`);
  }
}
