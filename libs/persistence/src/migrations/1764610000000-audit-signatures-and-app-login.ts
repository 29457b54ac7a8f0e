import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail proves more than its own links.
 *
 * The application's role becomes a login of its own (never superuser, never
 * able to create roles), so the API and the worker no longer connect as the
 * owner and merely SET ROLE: they cannot become the owner, and so cannot
 * disable the append-only triggers. Its password is not set here: whoever
 * provisions the database sets it (`npm start` and the tests do it themselves).
 *
 * Every row the application appends from now on carries an Ed25519 signature
 * over its sequence number and chain hash, made with a key the database never
 * sees (`audit_log_signatures`, append-only like the trail). A row inserted by
 * anyone without the key, or a chain recomputed after a change, fails
 * verification. The trail itself records from which row on signatures are
 * required: the marker row appended here (rows before it were written before
 * signing existed).
 */
export class AuditSignaturesAndAppLogin1764610000000 implements MigrationInterface {
  name = 'AuditSignaturesAndAppLogin1764610000000';

  async up(q: QueryRunner): Promise<void> {
    // Only the attributes that differ are altered: an operator who provisioned the role already needs no CREATEROLE here.
    await q.query(`DO $$
      DECLARE
        r record;
        changes text := '';
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pennant_app') THEN CREATE ROLE pennant_app NOLOGIN; END IF;
        SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls INTO r FROM pg_roles WHERE rolname = 'pennant_app';
        IF NOT r.rolcanlogin THEN changes := changes || ' LOGIN'; END IF;
        IF r.rolsuper THEN changes := changes || ' NOSUPERUSER'; END IF;
        IF r.rolcreaterole THEN changes := changes || ' NOCREATEROLE'; END IF;
        IF r.rolcreatedb THEN changes := changes || ' NOCREATEDB'; END IF;
        IF r.rolreplication THEN changes := changes || ' NOREPLICATION'; END IF;
        IF r.rolbypassrls THEN changes := changes || ' NOBYPASSRLS'; END IF;
        IF changes <> '' THEN EXECUTE 'ALTER ROLE pennant_app' || changes; END IF;
      END $$`);

    await q.query(`
      CREATE TABLE audit_log_signatures (
        seq bigint PRIMARY KEY REFERENCES audit_log (seq),
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_signatures_no_update BEFORE UPDATE OR DELETE ON audit_log_signatures FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_signatures_no_truncate BEFORE TRUNCATE ON audit_log_signatures FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    // The default privileges grant UPDATE and DELETE on every new table; the trail's tables get neither.
    await q.query(`GRANT SELECT, INSERT ON audit_log_signatures TO pennant_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log_signatures, audit_log FROM pennant_app`);

    // GET /audit reads by subject and by organisation.
    await q.query(`CREATE INDEX audit_log_subject_id ON audit_log (subject_id, seq)`);
    await q.query(`CREATE INDEX audit_log_organisation ON audit_log (organisation_id, seq)`);

    await q.query(
      `INSERT INTO audit_log (actor_name, actor_role, action, subject_type, subject_id, opinion)
       VALUES ('system', 'system', 'audit.signatures_required', 'audit_log', 'audit_log', $1)`,
      ['自此条之后，每条审计记录都须带有应用私钥的签名'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The marker row stays: the trail is append-only, and it records that signing was once required.
    await q.query(`DROP INDEX IF EXISTS audit_log_organisation`);
    await q.query(`DROP INDEX IF EXISTS audit_log_subject_id`);
    await q.query(`DROP TABLE IF EXISTS audit_log_signatures`);
    await q.query(`DROP FUNCTION IF EXISTS audit_append_only()`);
    await q.query(`ALTER ROLE pennant_app NOLOGIN`);
  }
}
