import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'hefei_grading_standards',
  'hefei_special_inspections',
  'hefei_progress_meetings',
  'hefei_gradings',
  'hefei_rectifications',
  'hefei_rectification_steps',
  'hefei_pairings',
  'hefei_pairing_notes',
  'hefei_cleanup_reviews',
  'hefei_committee_reports',
];

/** Steps and notes are history: added, never changed. */
const APPEND_ONLY = ['hefei_rectification_steps', 'hefei_pairing_notes'];

/**
 * Hefei's improvement cycle (PROCESSES.md §2, seed 003) and the level it needs.
 *
 * A bureau's political department (局政治部) acts for the bureau's committee as
 * the organisation department acts for the city committee; branches record how
 * many members they have (attachment 2 flags fewer than 3, and none).
 *
 * Every row belongs to a campaign of process 'hefei' (except a committee's
 * standard and a pairing, which outlive one). Activities write with ids derived
 * from their request, so a retried write finds its row; the history tables
 * (rectification steps) carry an idempotency key as nomination_steps do.
 *
 * Quarterly self-inspections and the secretaries' yearly training are
 * recurring duties, kept as the engine's obligations (obligation_occurrences,
 * one schedule per organisation and year), not in tables of Hefei's own.
 *
 * A branch's grade history is its graded rows in hefei_gradings, its current
 * grade the latest of them (view hefei_current_grades): Tai'an's ledger_entries
 * is not reused, since it keeps one grade per branch without history, on
 * Tai'an's four-grade scale, under a cap that holds at every level at all
 * times — where Hefei grades A–D by each committee's own standard, caps A only
 * on a committee's first grading, and must show every grading of a branch.
 */
export class Hefei1764900000000 implements MigrationInterface {
  name = 'Hefei1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_level_check`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_level_check
        CHECK (level IN ('city_committee','org_department','political_department','city_managed_committee','grassroots_committee','branch','agency'))`);
    await q.query(`ALTER TABLE organisations ADD COLUMN member_count int CHECK (member_count >= 0)`);
    // Results told to whom they concern (a grade to its branch, a standard's acceptance to its committee) join the notifications.
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reminder', 'overdue', 'escalation', 'urge', 'result'))`);

    // A committee's grading standard, one row per version: each filing is a version; a returned one keeps its opinion.
    await q.query(`
      CREATE TABLE hefei_grading_standards (
        id uuid PRIMARY KEY,
        committee_id uuid NOT NULL REFERENCES organisations(id),
        campaign_id uuid REFERENCES campaigns(id),
        version int NOT NULL CHECK (version >= 1),
        rubric jsonb NOT NULL CHECK (jsonb_typeof(rubric) = 'object'),
        status text NOT NULL CHECK (status IN ('draft', 'filed', 'returned', 'accepted', 'superseded')),
        drafted_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        filed_by uuid REFERENCES users(id),
        filed_at timestamptz,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        opinion text,
        UNIQUE (committee_id, version),
        CHECK ((status = 'draft') = (filed_at IS NULL)),
        CHECK ((status IN ('returned', 'accepted', 'superseded')) = (decided_at IS NOT NULL)),
        CHECK (status <> 'returned' OR length(btrim(coalesce(opinion, ''))) > 0)
      )`);
    // Grading uses the one accepted version; a committee works on one version at a time.
    await q.query(`CREATE UNIQUE INDEX hefei_standards_one_accepted ON hefei_grading_standards (committee_id) WHERE status = 'accepted'`);
    await q.query(`CREATE UNIQUE INDEX hefei_standards_one_open ON hefei_grading_standards (committee_id) WHERE status IN ('draft', 'filed')`);


    // The bureau committee's special inspection of one committee in one half-year, and the half-year's progress meeting.
    await q.query(`
      CREATE TABLE hefei_special_inspections (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        half smallint NOT NULL CHECK (half IN (1, 2)),
        inspector_id uuid NOT NULL REFERENCES organisations(id),
        status text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'completed')),
        inspected_on date,
        summary text,
        completed_by uuid REFERENCES users(id),
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, committee_id, half),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE hefei_progress_meetings (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        half smallint NOT NULL CHECK (half IN (1, 2)),
        held_on date NOT NULL,
        notes text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, half)
      )`);

    // One branch's way through a grading round; a branch below standard that applies again gets the next attempt.
    await q.query(`
      CREATE TABLE hefei_gradings (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        year int NOT NULL,
        branch_id uuid NOT NULL REFERENCES organisations(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        attempt smallint NOT NULL CHECK (attempt >= 1),
        first_grading boolean NOT NULL,
        standard_id uuid NOT NULL REFERENCES hefei_grading_standards(id),
        assessment_id uuid REFERENCES rubric_assessments(id),
        status text NOT NULL CHECK (status IN ('self_assessment', 'applied', 'returned', 'accepting', 'graded')),
        self_scores jsonb,
        self_total numeric(6, 1),
        self_assessed_by uuid REFERENCES users(id),
        self_assessed_at timestamptz,
        review_opinion text,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        assessor_scores jsonb,
        vetoes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(vetoes) = 'array'),
        assessor_total numeric(6, 1),
        accepted_by uuid REFERENCES users(id),
        accepted_at timestamptz,
        grade text CHECK (grade IN ('A', 'B', 'C', 'D')),
        grade_reasons jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(grade_reasons) = 'array'),
        graded_by uuid REFERENCES users(id),
        graded_at timestamptz,
        notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, branch_id, attempt),
        CHECK ((status = 'graded') = (grade IS NOT NULL)),
        CHECK ((grade IS NULL) = (graded_at IS NULL)),
        CHECK (status <> 'returned' OR length(btrim(coalesce(review_opinion, ''))) > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX hefei_gradings_one_live ON hefei_gradings (campaign_id, branch_id) WHERE status <> 'graded'`);
    await q.query(`CREATE INDEX hefei_gradings_committee ON hefei_gradings (campaign_id, committee_id, status)`);
    await q.query(`CREATE INDEX hefei_gradings_history ON hefei_gradings (branch_id, graded_at DESC) WHERE status = 'graded'`);
    await q.query(`
      CREATE VIEW hefei_current_grades AS
        SELECT DISTINCT ON (branch_id) branch_id, id AS grading_id, campaign_id, year, committee_id, grade, first_grading, attempt, graded_at
          FROM hefei_gradings WHERE status = 'graded'
         ORDER BY branch_id, graded_at DESC, attempt DESC`);

    // A problem found, and the branch's rectification of it, accepted or returned by whoever found it.
    await q.query(`
      CREATE TABLE hefei_rectifications (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        source text NOT NULL CHECK (source IN ('special_inspection', 'grading')),
        inspection_id uuid REFERENCES hefei_special_inspections(id),
        grading_id uuid REFERENCES hefei_gradings(id),
        dimension text CHECK (dimension IN ('team', 'base', 'rules', 'activities', 'support')),
        problem text NOT NULL CHECK (length(btrim(problem)) > 0),
        inspector_id uuid NOT NULL REFERENCES organisations(id),
        found_by uuid NOT NULL REFERENCES users(id),
        found_at timestamptz NOT NULL DEFAULT now(),
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'submitted', 'returned', 'accepted')),
        overdue boolean NOT NULL DEFAULT false,
        accepted_by uuid REFERENCES users(id),
        accepted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'special_inspection') = (inspection_id IS NOT NULL)),
        CHECK ((source = 'grading') = (grading_id IS NOT NULL)),
        CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX hefei_rectifications_branch ON hefei_rectifications (branch_id, status)`);
    await q.query(`CREATE INDEX hefei_rectifications_campaign ON hefei_rectifications (campaign_id, status)`);
    await q.query(`
      CREATE TABLE hefei_rectification_steps (
        id uuid PRIMARY KEY,
        rectification_id uuid NOT NULL REFERENCES hefei_rectifications(id),
        action text NOT NULL CHECK (action IN ('submitted', 'returned', 'accepted')),
        content text NOT NULL DEFAULT '',
        evidence jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(evidence) = 'array'),
        actor_id uuid NOT NULL REFERENCES users(id),
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        idempotency_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (action <> 'returned' OR length(btrim(content)) > 0)
      )`);
    await q.query(`CREATE INDEX hefei_rectification_steps_rectification ON hefei_rectification_steps (rectification_id, created_at)`);

    // Paired guidance (结对指导): a partner unit, inside the tree or named, helping one branch; its help recorded as notes.
    await q.query(`
      CREATE TABLE hefei_pairings (
        id uuid PRIMARY KEY,
        campaign_id uuid REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        partner_organisation_id uuid REFERENCES organisations(id),
        partner_name text NOT NULL CHECK (length(btrim(partner_name)) > 0),
        reason text NOT NULL DEFAULT '',
        assigned_by uuid NOT NULL REFERENCES users(id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CHECK (partner_organisation_id IS DISTINCT FROM branch_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX hefei_pairings_one_active ON hefei_pairings (branch_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE hefei_pairing_notes (
        id uuid PRIMARY KEY,
        pairing_id uuid NOT NULL REFERENCES hefei_pairings(id),
        note text NOT NULL CHECK (length(btrim(note)) > 0),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX hefei_pairing_notes_pairing ON hefei_pairing_notes (pairing_id, recorded_at)`);

    // Attachment 2: each private-enterprise or social-organisation secretary trained at least once a year.

    // Attachment 2: a branch without members reviewed for cleanup (清理“空壳党支部”).
    await q.query(`
      CREATE TABLE hefei_cleanup_reviews (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        branch_id uuid NOT NULL REFERENCES organisations(id),
        reviewer_id uuid NOT NULL REFERENCES organisations(id),
        members_at_review int NOT NULL CHECK (members_at_review >= 0),
        status text NOT NULL CHECK (status IN ('open', 'dissolved', 'retained')),
        opinion text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, branch_id),
        CHECK ((status = 'open') = (decided_at IS NULL))
      )`);

    // A committee's report of its grading to the political department (8月上旬); late counts as missed and is escalated.
    await q.query(`
      CREATE TABLE hefei_committee_reports (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        committee_id uuid NOT NULL REFERENCES organisations(id),
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'filed')),
        summary jsonb,
        notes text,
        filed_by uuid REFERENCES users(id),
        filed_at timestamptz,
        late boolean,
        escalated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, committee_id),
        CHECK ((status = 'filed') = (filed_at IS NOT NULL)),
        CHECK ((filed_at IS NULL) = (late IS NULL))
      )`);

    // Default privileges may not reach tables made by another owner: granted explicitly, as the earlier migrations do.
    const changeable = TABLES.filter((t) => !APPEND_ONLY.includes(t));
    await q.query(`GRANT SELECT, INSERT, UPDATE ON ${changeable.join(', ')} TO pennant_app`);
    await q.query(`GRANT SELECT, INSERT ON ${APPEND_ONLY.join(', ')} TO pennant_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.join(', ')} FROM pennant_app`);
    await q.query(`GRANT SELECT ON hefei_current_grades TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS hefei_current_grades`);
    for (const t of [...TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`ALTER TABLE organisations DROP COLUMN member_count`);
    // Refused while a political department exists: a level in use cannot be taken away.
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_level_check`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_level_check
        CHECK (level IN ('city_committee','org_department','city_managed_committee','grassroots_committee','branch','agency'))`);
  }
}
