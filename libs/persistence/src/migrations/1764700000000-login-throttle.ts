import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed-login counters, one row per account (by the username tried, whether
 * or not it exists) and one per client address. Kept in PostgreSQL rather than
 * in a process, so every API replica sees the same counts and lockouts.
 */
export class LoginThrottle1764700000000 implements MigrationInterface {
  name = 'LoginThrottle1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        scope text NOT NULL CHECK (scope IN ('account', 'address')),
        key text NOT NULL,
        failures int NOT NULL DEFAULT 0,
        window_started_at timestamptz,
        locked_until timestamptz,
        lockouts int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    // Rows long untouched are pruned a few at a time by the failures that come later.
    await q.query(`CREATE INDEX login_throttle_updated ON login_throttle (updated_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
