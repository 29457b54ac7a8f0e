import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail, chained by hashes, and the working-day calendar.
 *
 * Audit rows are numbered and hashed by a trigger under a transaction-scoped
 * lock, so the chain order is the commit order even with concurrent writers.
 * Each row's hash covers a length-prefixed rendering of every column and the
 * previous row's hash; `verifyAuditChain` recomputes it independently.
 */
export class AuditAndCalendar1763900000000 implements MigrationInterface {
  name = 'AuditAndCalendar1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE audit_log_seq`);
    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name text NOT NULL DEFAULT '',
        actor_role text NOT NULL DEFAULT '',
        organisation_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        opinion text NOT NULL DEFAULT '',
        before jsonb,
        after jsonb,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, seq)`);
    await q.query(`CREATE UNIQUE INDEX audit_log_request ON audit_log (request_id) WHERE request_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN v IS NULL THEN '-' ELSE length(v)::text || ':' || v END
      $$`);
    await q.query(`
      CREATE FUNCTION audit_canonical(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT audit_field(r.seq::text) || audit_field(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
            || audit_field(r.actor_id::text) || audit_field(r.actor_name) || audit_field(r.actor_role)
            || audit_field(r.organisation_id::text) || audit_field(r.action) || audit_field(r.subject_type)
            || audit_field(r.subject_id) || audit_field(r.opinion) || audit_field(r.before::text)
            || audit_field(r.after::text) || audit_field(r.request_id) || audit_field(r.prev_hash)
      $$`);
    await q.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One writer at a time until commit: numbering and chaining follow commit order.
        PERFORM pg_advisory_xact_lock(hashtext('audit_log_chain'));
        NEW.seq := nextval('audit_log_seq');
        NEW.prev_hash := coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '');
        NEW.hash := encode(sha256(convert_to(audit_canonical(NEW), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    await q.query(`
      CREATE TABLE calendar_years (
        year int PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200),
        source text NOT NULL,
        note text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    await q.query(`
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        year int NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('holiday', 'adjusted_workday')),
        name text NOT NULL DEFAULT '',
        CHECK (extract(year FROM date) = year)
      )`);

    // The application's role: everything it needs, but the audit trail only to read and append.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pennant_app') THEN CREATE ROLE pennant_app NOLOGIN; END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO pennant_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pennant_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO pennant_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM pennant_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pennant_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS calendar_days`);
    await q.query(`DROP TABLE IF EXISTS calendar_years`);
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_chain(), audit_log_append_only(), audit_canonical(audit_log), audit_field(text)`);
    await q.query(`DROP SEQUENCE IF EXISTS audit_log_seq`);
  }
}
