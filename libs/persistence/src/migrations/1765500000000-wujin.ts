import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'wujin_branch_standing',
  'wujin_assessments',
  'wujin_rectifications',
  'wujin_implementation_plans',
  'wujin_member_case_lists',
  'wujin_shell_reviews',
  'wujin_model_branches',
  'wujin_brands',
];

/**
 * Wujin's three-year standardisation plan (PROCESSES.md §3, seed 004).
 *
 * Every row belongs to a campaign of process 'wujin'. A branch's standing in
 * the plan (pending → assessing → on notice → compliant, or failed →
 * rectifying → assessed again, or dissolved / merged) is one row per branch
 * and plan: what other processes ask when they need to know whether a branch
 * is compliant. Scores stay in the engine's rubric_assessments; a round's
 * declaration, on-site checks and verdict are Wujin's own. Standing
 * obligations are the engine's (obligation_occurrences, one schedule per
 * branch and year). A phase's outcome is the engine's plan_milestones row,
 * which now also keeps what was measured and who was behind or did well.
 */
export class Wujin1765500000000 implements MigrationInterface {
  name = 'Wujin1765500000000';

  async up(q: QueryRunner): Promise<void> {
    // When a branch committee's term ends (换届): the re-election obligation falls in that year.
    await q.query(`ALTER TABLE organisations ADD COLUMN term_ends_on date`);
    await q.query(`ALTER TABLE plan_milestones ADD COLUMN measured numeric, ADD COLUMN figures jsonb, ADD COLUMN behind jsonb, ADD COLUMN commended jsonb`);

    await q.query(`
      CREATE TABLE wujin_branch_standing (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        standing text NOT NULL CHECK (standing IN ('pending', 'assessing', 'on_notice', 'compliant', 'failed', 'rectifying', 'dissolved', 'merged')),
        round int NOT NULL DEFAULT 0,
        score numeric,
        vetoes jsonb NOT NULL DEFAULT '[]',
        reasons jsonb NOT NULL DEFAULT '[]',
        failed_once boolean NOT NULL DEFAULT false,
        objection_upheld boolean NOT NULL DEFAULT false,
        compliant_at timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, branch_id),
        CHECK ((standing = 'compliant') = (compliant_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX wujin_branch_standing_branch ON wujin_branch_standing (branch_id)`);
    await q.query(`CREATE INDEX wujin_branch_standing_committee ON wujin_branch_standing (campaign_id, committee_id)`);

    // One assessment round of a branch: its id is the rubric assessment's; the committee's declaration, then the district's verdict.
    await q.query(`
      CREATE TABLE wujin_assessments (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        round int NOT NULL CHECK (round >= 1),
        rubric_code text NOT NULL,
        rubric_version int NOT NULL,
        on_site_items jsonb,
        declaration_note text,
        declared_by uuid REFERENCES users(id),
        declared_at timestamptz,
        verdict text CHECK (verdict IN ('pass', 'fail')),
        verdict_opinion text,
        on_site_checks jsonb,
        verified_by uuid REFERENCES users(id),
        verified_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (campaign_id, branch_id, round),
        CHECK ((verdict IS NULL) = (verified_at IS NULL))
      )`);

    await q.query(`
      CREATE TABLE wujin_rectifications (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        reasons jsonb NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'submitted', 'returned', 'accepted', 'dissolved', 'merged')),
        submissions int NOT NULL DEFAULT 0,
        measures text,
        evidence text,
        submitted_at timestamptz,
        late boolean,
        opinion text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (campaign_id, branch_id)
      )`);

    await q.query(`
      CREATE TABLE wujin_implementation_plans (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        version int NOT NULL CHECK (version >= 1),
        summary text NOT NULL,
        duties jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('filed', 'accepted', 'returned')),
        opinion text,
        filed_by uuid REFERENCES users(id),
        filed_at timestamptz NOT NULL,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        UNIQUE (campaign_id, committee_id, version)
      )`);

    await q.query(`
      CREATE TABLE wujin_member_case_lists (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        cases jsonb NOT NULL,
        filed_by uuid REFERENCES users(id),
        filed_at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, committee_id)
      )`);

    await q.query(`
      CREATE TABLE wujin_shell_reviews (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        status text NOT NULL CHECK (status IN ('open', 'dissolved', 'retained')),
        opinion text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (campaign_id, branch_id)
      )`);

    await q.query(`
      CREATE TABLE wujin_model_branches (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        status text NOT NULL CHECK (status IN ('recommended', 'not_chosen', 'on_notice', 'commended', 'removed')),
        reason text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, branch_id)
      )`);

    await q.query(`
      CREATE TABLE wujin_brands (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        version int NOT NULL CHECK (version >= 1),
        name text NOT NULL,
        description text NOT NULL,
        evidence text NOT NULL,
        status text NOT NULL CHECK (status IN ('filed', 'accepted', 'returned')),
        opinion text,
        filed_by uuid REFERENCES users(id),
        filed_at timestamptz NOT NULL,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        UNIQUE (campaign_id, branch_id, version)
      )`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON ${TABLES.join(', ')} TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`ALTER TABLE plan_milestones DROP COLUMN measured, DROP COLUMN figures, DROP COLUMN behind, DROP COLUMN commended`);
    await q.query(`ALTER TABLE organisations DROP COLUMN term_ends_on`);
  }
}
