import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachments of a nomination: the bytes in PostgreSQL, or in a configured directory named by their hash. */
export class Attachments1764300000000 implements MigrationInterface {
  name = 'Attachments1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        nomination_id uuid NOT NULL REFERENCES nominations(id),
        filename text NOT NULL,
        kind text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        storage text NOT NULL CHECK (storage IN ('database', 'directory')),
        data bytea,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK ((storage = 'database') = (data IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX attachments_nomination ON attachments (nomination_id) WHERE deleted_at IS NULL`);
    // The API reads, adds and marks attachments deleted (an UPDATE of deleted_at; rows are never removed, the audit trail
    // points at them). Granted here as well, since default privileges may not reach a table made by another owner.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON attachments TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS attachments`);
  }
}
