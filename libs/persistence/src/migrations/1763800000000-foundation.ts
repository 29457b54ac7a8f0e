import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('city_committee','org_department','city_managed_committee','grassroots_committee','branch','agency')),
        domain text CHECK (domain IN ('rural','urban_community','government_institution','state_enterprise','private_enterprise','social_organization','other')),
        agency_kind text,
        parent_id uuid REFERENCES organisations(id),
        path text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'branch') = (domain IS NOT NULL)),
        CHECK ((level = 'agency') = (agency_kind IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX organisations_path_prefix ON organisations (path text_pattern_ops)`);
    await q.query(`CREATE INDEX organisations_parent ON organisations (parent_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL CHECK (role IN ('submitter','reviewer','committee_member','agency_consultee','department_head','administrator')),
        UNIQUE (user_id, organisation_id, role)
      )`);
    await q.query(`CREATE INDEX role_assignments_org_role ON role_assignments (organisation_id, role)`);

    await q.query(`
      CREATE TABLE nominations (
        id uuid PRIMARY KEY,
        campaign_year int NOT NULL,
        branch_id uuid NOT NULL REFERENCES organisations(id),
        branch_name text NOT NULL,
        branch_path text NOT NULL,
        grassroots_committee_id uuid REFERENCES organisations(id),
        grassroots_committee_name text,
        city_managed_committee_id uuid REFERENCES organisations(id),
        city_managed_committee_name text,
        secretary_name text NOT NULL,
        secretary_phone text NOT NULL,
        basic_situation text NOT NULL,
        honours jsonb NOT NULL DEFAULT '[]',
        main_deeds text NOT NULL,
        status text NOT NULL CHECK (status IN ('under_review','returned','approved','rejected')),
        workflow_id text NOT NULL UNIQUE,
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live nomination per branch and campaign year; a rejected one may be followed by another.
    await q.query(`CREATE UNIQUE INDEX nominations_one_live_per_branch_year ON nominations (branch_id, campaign_year) WHERE status <> 'rejected'`);
    await q.query(`CREATE INDEX nominations_branch_path ON nominations (branch_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE nomination_steps (
        id uuid PRIMARY KEY,
        nomination_id uuid NOT NULL REFERENCES nominations(id),
        step text NOT NULL,
        action text NOT NULL,
        opinion text NOT NULL DEFAULT '',
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        organisation_name text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id),
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        task_id uuid,
        idempotency_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX nomination_steps_nomination ON nomination_steps (nomination_id, created_at)`);

    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        organisation_path text NOT NULL,
        role text NOT NULL,
        status text NOT NULL CHECK (status IN ('open','completed','cancelled')),
        outcome text,
        due_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        completed_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX tasks_inbox ON tasks (organisation_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX tasks_subtree ON tasks (organisation_path text_pattern_ops, status)`);
    await q.query(`CREATE INDEX tasks_subject ON tasks (subject_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['tasks', 'nomination_steps', 'nominations', 'role_assignments', 'users', 'organisations']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
