import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'reminder', 'overdue', 'escalation', 'urge', 'result', 'cc'`;
const KINDS_AFTER = `${KINDS_BEFORE}, 'task_opened', 'returned', 'decision', 'objection', 'stage_opened'`;

/**
 * Notifications for every event, and the daily digest.
 *
 * - New kinds: a task opened, returned, a decision on one's own nomination, an
 *   objection lodged, a campaign stage opening. ('cc' is the kind added by
 *   1766100000000 on the CC branch; it is listed here so that this constraint,
 *   which runs after it, keeps it.)
 * - The outbox holds the deliveries of a user who takes the daily digest
 *   ('held', due at their digest time); the worker then writes ONE digest
 *   delivery per user, channel and day (notification_id null, digest_on set)
 *   and marks the held ones 'digested' with its id.
 * - Quiet hours and the digest's time, reckoned in SQL (Beijing time, no
 *   daylight saving), so notify() writes all deliveries in one statement.
 */
export class NotificationEvents1766200000000 implements MigrationInterface {
  name = 'NotificationEvents1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS_AFTER}))`);

    await q.query(`ALTER TABLE notification_settings ADD COLUMN digest_enabled boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE notification_settings ADD COLUMN digest_at smallint NOT NULL DEFAULT 480 CHECK (digest_at BETWEEN 0 AND 1439)`);

    await q.query(`ALTER TABLE notification_deliveries ALTER COLUMN notification_id DROP NOT NULL`);
    await q.query(`ALTER TABLE notification_deliveries ADD COLUMN digest_on date`);
    await q.query(`ALTER TABLE notification_deliveries ADD COLUMN digest_id uuid REFERENCES notification_deliveries(id)`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_digest_shape CHECK ((notification_id IS NULL) = (digest_on IS NOT NULL))`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT IF EXISTS notification_deliveries_status_check`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'held', 'digested'))`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_digested_has_digest CHECK ((status = 'digested') = (digest_id IS NOT NULL))`);
    await q.query(`CREATE INDEX notification_deliveries_held ON notification_deliveries (next_attempt_at) WHERE status = 'held'`);
    await q.query(`CREATE INDEX notification_deliveries_digest ON notification_deliveries (digest_id) WHERE digest_id IS NOT NULL`);

    // When a delivery due at "at" may go: at once outside quiet hours, else when they end (as afterQuietHours in notifications.ts).
    await q.query(`
      CREATE FUNCTION pennant_after_quiet_hours(at timestamptz, quiet_start int, quiet_end int) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN quiet_start IS NULL OR quiet_end IS NULL OR quiet_start = quiet_end THEN at
          WHEN NOT (CASE WHEN quiet_start < quiet_end THEN m >= quiet_start AND m < quiet_end ELSE m >= quiet_start OR m < quiet_end END) THEN at
          ELSE (date_trunc('day', l) + make_interval(mins => quiet_end) + CASE WHEN m < quiet_end THEN interval '0' ELSE interval '1 day' END - interval '8 hours') AT TIME ZONE 'UTC'
        END
        FROM (SELECT (at AT TIME ZONE 'UTC') + interval '8 hours' AS l) x,
             LATERAL (SELECT (extract(hour FROM x.l) * 60 + extract(minute FROM x.l))::int AS m) y
      $$`);
    // The first moment at or after "at" when the clock in Beijing reads digest_at (minutes after midnight).
    await q.query(`
      CREATE FUNCTION pennant_next_digest(at timestamptz, digest_at int) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE AS $$
        SELECT (CASE WHEN c >= l THEN c ELSE c + interval '1 day' END - interval '8 hours') AT TIME ZONE 'UTC'
        FROM (SELECT (at AT TIME ZONE 'UTC') + interval '8 hours' AS l) x,
             LATERAL (SELECT date_trunc('day', x.l) + make_interval(mins => digest_at) AS c) y
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS pennant_next_digest(timestamptz, int)`);
    await q.query(`DROP FUNCTION IF EXISTS pennant_after_quiet_hours(timestamptz, int, int)`);
    await q.query(`DROP INDEX IF EXISTS notification_deliveries_digest`);
    await q.query(`DROP INDEX IF EXISTS notification_deliveries_held`);
    await q.query(`DELETE FROM notification_deliveries WHERE notification_id IS NULL`);
    await q.query(`UPDATE notification_deliveries SET status = 'pending' WHERE status IN ('held', 'digested')`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT IF EXISTS notification_deliveries_digested_has_digest`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT IF EXISTS notification_deliveries_status_check`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed'))`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT IF EXISTS notification_deliveries_digest_shape`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN IF EXISTS digest_id`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN IF EXISTS digest_on`);
    await q.query(`ALTER TABLE notification_deliveries ALTER COLUMN notification_id SET NOT NULL`);
    await q.query(`ALTER TABLE notification_settings DROP COLUMN IF EXISTS digest_at`);
    await q.query(`ALTER TABLE notification_settings DROP COLUMN IF EXISTS digest_enabled`);
    await q.query(`DELETE FROM notifications WHERE kind NOT IN (${KINDS_BEFORE})`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}
