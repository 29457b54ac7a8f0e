import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications that leave the application: an outbox row per recipient and
 * channel (its id is the delivery id the receiver deduplicates on), written in
 * the notification's own transaction and delivered by the worker; each user's
 * channel choice per event kind and quiet hours; and in-app read state per
 * user (a notification to an organisation's role is read by each holder).
 */
export class NotificationOutbox1766000000000 implements MigrationInterface {
  name = 'NotificationOutbox1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications(id),
        user_id uuid NOT NULL REFERENCES users(id),
        channel text NOT NULL CHECK (channel IN ('email', 'dingtalk', 'wecom', 'webhook')),
        address text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_token uuid,
        lease_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX notification_deliveries_user ON notification_deliveries (user_id, created_at DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON notification_deliveries TO pennant_app`);
    await q.query(`
      CREATE TABLE notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        email text,
        channels jsonb NOT NULL DEFAULT '{}'::jsonb,
        quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
        quiet_end smallint CHECK (quiet_end BETWEEN 0 AND 1439),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON notification_settings TO pennant_app`);
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications(id),
        user_id uuid NOT NULL REFERENCES users(id),
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, user_id)
      )`);
    await q.query(`GRANT SELECT, INSERT ON notification_reads TO pennant_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_reads`);
    await q.query(`DROP TABLE IF EXISTS notification_settings`);
    await q.query(`DROP TABLE IF EXISTS notification_deliveries`);
  }
}
