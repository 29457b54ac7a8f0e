import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger, NotificationDeliveryConfig } from '../../../../libs/config/src';
import { type DeliveryChannel, DELIVERY_CHANNEL_LABELS, afterQuietHours, changedRows, deterministicUuid } from '../../../../libs/persistence/src';
import { dingTalkChannel } from './channels/dingtalk';
import { emailChannel } from './channels/email';
import { webhookChannel } from './channels/webhook';
import { weComChannel } from './channels/wecom';
import { type Channel, type DeliveryRow, type DigestItem, PermanentDeliveryError, composeDigest, composeMessage } from './message';

export type DeliverySettings = Pick<NotificationDeliveryConfig, 'NOTIFY_MAX_ATTEMPTS' | 'NOTIFY_BACKOFF_SECONDS' | 'NOTIFY_LEASE_SECONDS' | 'NOTIFY_BATCH' | 'PUBLIC_BASE_URL'>;

export interface NotificationDeliveryOptions {
  dataSource: DataSource;
  settings: DeliverySettings;
  /** The configured channels; a delivery on another one fails with the reason. */
  channels: Partial<Record<DeliveryChannel, Channel>>;
  logger: Logger;
  /** The clock the leases and retries are reckoned by (tests move it on). */
  now?: () => Date;
}

/** The channels the configuration sets up. */
export function configuredChannels(c: NotificationDeliveryConfig): Partial<Record<DeliveryChannel, Channel>> {
  const timeoutMs = c.NOTIFY_SEND_TIMEOUT_MS;
  return {
    ...(c.SMTP_URL ? { email: emailChannel({ url: c.SMTP_URL, from: c.SMTP_FROM, timeoutMs }) } : {}),
    ...(c.DINGTALK_WEBHOOK_URL ? { dingtalk: dingTalkChannel({ webhookUrl: c.DINGTALK_WEBHOOK_URL, secret: c.DINGTALK_SECRET, timeoutMs }) } : {}),
    ...(c.WECOM_WEBHOOK_URL ? { wecom: weComChannel({ webhookUrl: c.WECOM_WEBHOOK_URL, timeoutMs }) } : {}),
    ...(c.WEBHOOK_URL && c.WEBHOOK_SECRET ? { webhook: webhookChannel({ url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET, timeoutMs }) } : {}),
  };
}

/** A notification's task (by its id, or the group a task's slots share), process and organisation. */
const CONTEXT_SQL = `
    LEFT JOIN LATERAL (SELECT title, kind, due_at, campaign_id FROM tasks WHERE id = n.task_id OR group_id = n.task_id ORDER BY created_at LIMIT 1) t ON true
    LEFT JOIN campaigns c ON c.id = t.campaign_id
    LEFT JOIN organisations o ON o.id = n.organisation_id`;

const DETAILS_SQL = `
  SELECT d.id, d.channel, coalesce(n.kind, 'digest') AS kind, d.user_id, u.display_name, d.address, coalesce(n.message, '') AS message, n.task_id,
         t.title AS task_title, t.kind AS task_kind, t.due_at, c.title AS campaign_title, o.name AS organisation_name,
         to_char(d.digest_on, 'YYYY-MM-DD') AS digest_on, s.quiet_start, s.quiet_end
    FROM notification_deliveries d
    LEFT JOIN notifications n ON n.id = d.notification_id
    JOIN users u ON u.id = d.user_id
    LEFT JOIN notification_settings s ON s.user_id = d.user_id
    ${CONTEXT_SQL}
   WHERE d.id = ANY($1::uuid[])`;

/** What a digest lists: the deliveries gathered into it, oldest first. */
const DIGEST_ITEMS_SQL = `
  SELECT d.digest_id, n.kind, n.message, n.task_id, t.title AS task_title, t.due_at, c.title AS campaign_title, o.name AS organisation_name, n.created_at
    FROM notification_deliveries d
    JOIN notifications n ON n.id = d.notification_id
    ${CONTEXT_SQL}
   WHERE d.digest_id = ANY($1::uuid[])
   ORDER BY n.created_at, d.id`;

/** The digest's delivery id: one per user, channel and day (Beijing date), so a restart sends it once. */
export const digestDeliveryId = (userId: string, channel: DeliveryChannel, day: string): string => deterministicUuid(`digest:${userId}:${channel}:${day}`);

/**
 * Delivers the outbox. Each round claims due rows with FOR UPDATE SKIP LOCKED
 * under a lease (so two workers never send the same row at once), counts the
 * attempt, sends outside any transaction, and then marks the row sent or
 * schedules the next attempt with exponential backoff, until the attempts run
 * out and it fails with the reason. A worker killed mid-send leaves its rows
 * leased: once the lease expires another round claims them and sends them
 * again under the same delivery id, which the receiver deduplicates on.
 */
export class NotificationDelivery {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly o: NotificationDeliveryOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Rounds every `intervalMs`, one at a time. */
  start(intervalMs: number): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .catch((err: unknown) => this.o.logger.error({ err }, 'notification delivery round failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Gathers the held deliveries whose digest time has come: per user, channel
   * and day ONE digest delivery (its id derived from them, so written once
   * however often this runs), due at once or when quiet hours end; the held
   * rows are marked 'digested' with its id. Rows held for a digest that has
   * already gone out (written late) go out on their own instead: nothing is
   * lost. Answers how many digests it wrote or added to.
   */
  async assembleDigests(): Promise<number> {
    const now = this.now();
    return this.o.dataSource.transaction(async (em) => {
      const groups: Array<{ user_id: string; channel: DeliveryChannel; day: string; address: string | null; ids: string[] }> = await em.query(
        `WITH held AS (
           SELECT id, user_id, channel, address, next_attempt_at FROM notification_deliveries
            WHERE status = 'held' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 5000 FOR UPDATE SKIP LOCKED)
         SELECT user_id, channel, to_char((next_attempt_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS day, max(address) AS address, array_agg(id) AS ids
           FROM held GROUP BY 1, 2, 3`,
        [now],
      );
      for (const g of groups) {
        const id = digestDeliveryId(g.user_id, g.channel, g.day);
        await em.query(
          `INSERT INTO notification_deliveries (id, notification_id, user_id, channel, address, status, next_attempt_at, digest_on, created_at)
           SELECT $1, NULL, $2, $3, $4, 'pending', pennant_after_quiet_hours($6, s.quiet_start, s.quiet_end), $5::date, $6
             FROM (SELECT 1) one LEFT JOIN notification_settings s ON s.user_id = $2
           ON CONFLICT (id) DO NOTHING`,
          [id, g.user_id, g.channel, g.address, g.day, now],
        );
        // Locked so that a claim of the digest waits for (or is skipped by) this: it is either still unsent and gets these rows, or it has gone.
        const [digest]: Array<{ open: boolean }> = await em.query(`SELECT status = 'pending' AND attempts = 0 AS open FROM notification_deliveries WHERE id = $1 FOR UPDATE`, [id]);
        await em.query(
          digest?.open
            ? `UPDATE notification_deliveries SET status = 'digested', digest_id = $2 WHERE id = ANY($1::uuid[])`
            : `UPDATE notification_deliveries SET status = 'pending', next_attempt_at = $2 WHERE id = ANY($1::uuid[])`,
          [g.ids, digest?.open ? id : now],
        );
      }
      return groups.length;
    });
  }

  /** One round: gathers the digests that are due, then claims up to a batch of due deliveries and sends them; answers how many it claimed. */
  async runOnce(): Promise<number> {
    const { dataSource: ds, settings } = this.o;
    await this.assembleDigests();
    const token = randomUUID();
    const now = this.now();
    const claimed = await changedRows<{ id: string; attempts: number }>(
      ds,
      `UPDATE notification_deliveries d
          SET lease_token = $1, lease_until = $2::timestamptz + make_interval(secs => $3), attempts = d.attempts + 1
        WHERE d.id IN (SELECT id FROM notification_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
                        ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.attempts`,
      [token, now, settings.NOTIFY_LEASE_SECONDS, settings.NOTIFY_BATCH],
    );
    if (!claimed.length) return 0;
    const rows: Array<DeliveryRow & { quiet_start: number | null; quiet_end: number | null }> = await ds.query(DETAILS_SQL, [claimed.map((c) => c.id)]);
    const digests = rows.filter((r) => r.digest_on !== null).map((r) => r.id);
    const items = new Map<string, DigestItem[]>();
    if (digests.length) {
      for (const item of (await ds.query(DIGEST_ITEMS_SQL, [digests])) as Array<DigestItem & { digest_id: string }>) {
        items.set(item.digest_id, [...(items.get(item.digest_id) ?? []), item]);
      }
    }
    const attempts = new Map(claimed.map((c) => [c.id, c.attempts]));
    await Promise.all(rows.map((row) => this.deliver(row, items.get(row.id) ?? [], attempts.get(row.id) ?? 1, token)));
    return claimed.length;
  }

  private async deliver(row: DeliveryRow & { quiet_start: number | null; quiet_end: number | null }, items: DigestItem[], attempts: number, token: string): Promise<void> {
    const { dataSource: ds, settings, logger } = this.o;
    try {
      const channel = this.o.channels[row.channel];
      if (!channel) throw new PermanentDeliveryError(`未配置${DELIVERY_CHANNEL_LABELS[row.channel]}`);
      await channel.send(row.digest_on !== null ? composeDigest(row, items, settings.PUBLIC_BASE_URL) : composeMessage(row, settings.PUBLIC_BASE_URL));
      await ds.query(
        `UPDATE notification_deliveries SET status = 'sent', sent_at = $3, last_error = NULL, lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2`,
        [row.id, token, this.now()],
      );
      logger.info({ deliveryId: row.id, channel: row.channel, attempts }, 'notification delivered');
    } catch (err) {
      const reason = err instanceof Error ? err.message || err.name : String(err);
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = `${reason}${cause?.code || cause?.message ? `（${cause.code ?? cause.message}）` : ''}`.slice(0, 1000);
      const final = err instanceof PermanentDeliveryError || attempts >= settings.NOTIFY_MAX_ATTEMPTS;
      const backoffMs = settings.NOTIFY_BACKOFF_SECONDS * 1000 * 2 ** (attempts - 1);
      const next = afterQuietHours(new Date(this.now().getTime() + backoffMs), row.quiet_start, row.quiet_end);
      await ds.query(
        `UPDATE notification_deliveries
            SET status = $3, last_error = $4, next_attempt_at = $5, lease_token = NULL, lease_until = NULL
          WHERE id = $1 AND lease_token = $2`,
        [row.id, token, final ? 'failed' : 'pending', final ? `第${attempts}次发送失败，已停止重试：${why}` : `第${attempts}次发送失败，将重试：${why}`, next],
      );
      logger.warn({ deliveryId: row.id, channel: row.channel, attempts, final, err: reason }, 'notification delivery failed');
    }
  }
}
