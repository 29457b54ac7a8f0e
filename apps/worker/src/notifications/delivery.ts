import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger, NotificationDeliveryConfig } from '../../../../libs/config/src';
import { type DeliveryChannel, DELIVERY_CHANNEL_LABELS, afterQuietHours, changedRows } from '../../../../libs/persistence/src';
import { dingTalkChannel } from './channels/dingtalk';
import { emailChannel } from './channels/email';
import { webhookChannel } from './channels/webhook';
import { weComChannel } from './channels/wecom';
import { type Channel, type DeliveryRow, PermanentDeliveryError, composeMessage } from './message';

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

const DETAILS_SQL = `
  SELECT d.id, d.channel, n.kind, d.user_id, u.display_name, d.address, n.message, n.task_id,
         t.title AS task_title, t.kind AS task_kind, t.due_at, c.title AS campaign_title, o.name AS organisation_name,
         s.quiet_start, s.quiet_end
    FROM notification_deliveries d
    JOIN notifications n ON n.id = d.notification_id
    JOIN users u ON u.id = d.user_id
    LEFT JOIN notification_settings s ON s.user_id = d.user_id
    LEFT JOIN LATERAL (SELECT title, kind, due_at, campaign_id FROM tasks WHERE id = n.task_id ORDER BY created_at LIMIT 1) t ON true
    LEFT JOIN campaigns c ON c.id = t.campaign_id
    LEFT JOIN organisations o ON o.id = n.organisation_id
   WHERE d.id = ANY($1::uuid[])`;

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

  /** One round: claims up to a batch of due deliveries and sends them; answers how many it claimed. */
  async runOnce(): Promise<number> {
    const { dataSource: ds, settings } = this.o;
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
    const attempts = new Map(claimed.map((c) => [c.id, c.attempts]));
    await Promise.all(rows.map((row) => this.deliver(row, attempts.get(row.id) ?? 1, token)));
    return claimed.length;
  }

  private async deliver(row: DeliveryRow & { quiet_start: number | null; quiet_end: number | null }, attempts: number, token: string): Promise<void> {
    const { dataSource: ds, settings, logger } = this.o;
    try {
      const channel = this.o.channels[row.channel];
      if (!channel) throw new PermanentDeliveryError(`未配置${DELIVERY_CHANNEL_LABELS[row.channel]}`);
      await channel.send(composeMessage(row, settings.PUBLIC_BASE_URL));
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
