import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['zibo_help_cases', 'zibo_hard_branches', 'zibo_project_steps', 'zibo_projects', 'zibo_proposals', 'zibo_branch_years'];

/**
 * Zibo's hard-branch building (PROCESSES.md §4, seed 000). A branch's year is
 * one row (its "three meetings and one lesson" plan and whether the bureau
 * acknowledged it, its refined standard, the self and the bureau's scores,
 * the benchmark gaps, the duty report and its two ratings, the flag for no
 * approved project). Projects keep every step (proposals, screenings,
 * approval, progress, acceptance) in zibo_project_steps; hard branches are a
 * ledger whose rows are never deleted: a withdrawal keeps the row with its
 * reason. Standing duties are the engine's counted obligations.
 */
export class Zibo1765712000000 implements MigrationInterface {
  name = 'Zibo1765712000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zibo_branch_years (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        year int NOT NULL,
        plan jsonb,
        plan_status text NOT NULL DEFAULT 'pending' CHECK (plan_status IN ('pending', 'filed', 'acknowledged', 'returned')),
        plan_opinion text,
        standard jsonb,
        self_scores jsonb,
        self_total numeric,
        bureau_scores jsonb,
        bureau_total numeric,
        gaps jsonb,
        duty_report text,
        bureau_rating text,
        members_rating text,
        members_participants int,
        flagged_no_project boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, branch_id)
      )`);
    await q.query(`
      CREATE TABLE zibo_proposals (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        proposer text NOT NULL,
        title text NOT NULL,
        content text NOT NULL,
        committee_chosen boolean NOT NULL DEFAULT false,
        members_chosen boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX zibo_proposals_branch ON zibo_proposals (campaign_id, branch_id)`);
    await q.query(`
      CREATE TABLE zibo_projects (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        proposal_id uuid REFERENCES zibo_proposals(id),
        title text NOT NULL,
        content text NOT NULL,
        proposer text NOT NULL,
        status text NOT NULL CHECK (status IN ('submitted', 'returned', 'rejected', 'approved', 'in_progress', 'accepted', 'failed')),
        version int NOT NULL DEFAULT 1,
        returns int NOT NULL DEFAULT 0,
        opinion text,
        approved_at timestamptz,
        decided_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX zibo_projects_branch ON zibo_projects (campaign_id, branch_id)`);
    await q.query(`
      CREATE TABLE zibo_project_steps (
        id text PRIMARY KEY,
        project_id uuid REFERENCES zibo_projects(id),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        step text NOT NULL,
        outcome text NOT NULL,
        opinion text,
        data jsonb,
        actor_id uuid REFERENCES users(id),
        actor_name text,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX zibo_project_steps_branch ON zibo_project_steps (campaign_id, branch_id, at)`);
    await q.query(`
      CREATE TABLE zibo_hard_branches (
        id uuid PRIMARY KEY,
        branch_id uuid NOT NULL REFERENCES organisations(id),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        year int NOT NULL,
        status text NOT NULL CHECK (status IN ('conferred', 'retained', 'withdrawn')),
        score numeric,
        conferred_at timestamptz NOT NULL,
        reviewed_at timestamptz,
        reviewed_in uuid REFERENCES campaigns(id),
        review_opinion text,
        UNIQUE (branch_id, year)
      )`);
    await q.query(`
      CREATE TABLE zibo_help_cases (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        member_name text NOT NULL,
        helper_name text NOT NULL,
        reason text NOT NULL,
        deadline date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'rectified', 'not_rectified')),
        outcome text,
        opened_by uuid REFERENCES users(id),
        opened_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX zibo_help_cases_branch ON zibo_help_cases (campaign_id, branch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
