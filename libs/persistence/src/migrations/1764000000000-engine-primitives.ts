import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models for the engine's primitives: tasks in full, notices, consultations, rubrics, obligations, notifications. */
export class EnginePrimitives1764000000000 implements MigrationInterface {
  name = 'EnginePrimitives1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN group_id uuid,
        ADD COLUMN assignee_user_id uuid REFERENCES users(id),
        ADD COLUMN delegated_to_user_id uuid REFERENCES users(id),
        ADD COLUMN overdue boolean NOT NULL DEFAULT false,
        ADD COLUMN opinion text,
        ADD COLUMN urged_count int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX tasks_user_inbox ON tasks (assignee_user_id, status) WHERE assignee_user_id IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_delegated_inbox ON tasks (delegated_to_user_id, status) WHERE delegated_to_user_id IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_group ON tasks (group_id)`);
    await q.query(`CREATE INDEX tasks_overdue ON tasks (organisation_path text_pattern_ops) WHERE overdue AND status = 'open'`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('reminder', 'overdue', 'escalation', 'urge')),
        organisation_id uuid REFERENCES organisations(id),
        role text,
        user_id uuid REFERENCES users(id),
        task_id uuid,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_org_role ON notifications (organisation_id, role, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE public_notices (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('open', 'closing', 'closed')),
        duration_amount int NOT NULL,
        duration_unit text NOT NULL CHECK (duration_unit IN ('calendar_days', 'working_days')),
        published_at timestamptz NOT NULL,
        last_day date NOT NULL,
        ends_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE public_notice_items (
        notice_id uuid NOT NULL REFERENCES public_notices(id),
        item_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL CHECK (status IN ('listed', 'removed')),
        removed_reason text,
        PRIMARY KEY (notice_id, item_id)
      )`);
    await q.query(`
      CREATE TABLE objections (
        id uuid PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES public_notices(id),
        item_id text NOT NULL,
        anonymous boolean NOT NULL,
        name text,
        contact text,
        content text NOT NULL,
        status text NOT NULL CHECK (status IN ('investigating', 'upheld', 'dismissed')),
        resolution text,
        investigation_task_id uuid,
        lodged_at timestamptz NOT NULL,
        resolved_at timestamptz,
        FOREIGN KEY (notice_id, item_id) REFERENCES public_notice_items(notice_id, item_id)
      )`);
    await q.query(`CREATE INDEX objections_notice ON objections (notice_id, status)`);

    await q.query(`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('open', 'completed')),
        due_at timestamptz NOT NULL,
        on_timeout text NOT NULL CHECK (on_timeout IN ('no_objection', 'block')),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE consultation_candidates (
        consultation_id uuid NOT NULL REFERENCES consultations(id),
        candidate_id text NOT NULL,
        name text NOT NULL,
        domain text,
        status text NOT NULL CHECK (status IN ('pending', 'cleared', 'objected', 'vetoed')),
        PRIMARY KEY (consultation_id, candidate_id)
      )`);
    await q.query(`
      CREATE TABLE consultation_answers (
        consultation_id uuid NOT NULL REFERENCES consultations(id),
        agency_id uuid NOT NULL REFERENCES organisations(id),
        candidate_id text NOT NULL,
        answer text NOT NULL CHECK (answer IN ('no_objection', 'objection', 'veto', 'no_answer')),
        reason text NOT NULL DEFAULT '',
        answered_by uuid REFERENCES users(id),
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consultation_id, agency_id, candidate_id)
      )`);

    await q.query(`
      CREATE TABLE rubrics (
        code text NOT NULL,
        version int NOT NULL,
        name text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE rubric_assessments (
        id uuid PRIMARY KEY,
        rubric_code text NOT NULL,
        rubric_version int NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('self_assessment', 'assessing', 'completed')),
        self_scores jsonb,
        assessor_scores jsonb,
        vetoes jsonb,
        result jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (rubric_code, rubric_version) REFERENCES rubrics(code, version)
      )`);

    await q.query(`
      CREATE TABLE obligation_occurrences (
        id uuid PRIMARY KEY,
        schedule_id text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        obligation_code text NOT NULL,
        title text NOT NULL,
        period_label text NOT NULL,
        period_start date NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'overdue')),
        completed_at timestamptz,
        completed_late boolean,
        evidence text,
        completed_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX obligation_occurrences_org ON obligation_occurrences (organisation_id, due_date)`);
    await q.query(`
      CREATE TABLE plan_milestones (
        plan_id text NOT NULL,
        phase_code text NOT NULL,
        name text NOT NULL,
        ends_on date NOT NULL,
        target text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'met', 'missed')),
        evaluated_at timestamptz,
        PRIMARY KEY (plan_id, phase_code)
      )`);

    // New tables follow the default privileges set for pennant_app in the previous migration.
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['plan_milestones', 'obligation_occurrences', 'rubric_assessments', 'rubrics', 'consultation_answers', 'consultation_candidates', 'consultations', 'objections', 'public_notice_items', 'public_notices', 'notifications']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`ALTER TABLE tasks DROP COLUMN group_id, DROP COLUMN assignee_user_id, DROP COLUMN delegated_to_user_id, DROP COLUMN overdue, DROP COLUMN opinion, DROP COLUMN urged_count`);
  }
}
