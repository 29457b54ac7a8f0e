import type { EntityManager } from 'typeorm';
import { deterministicUuid } from './ids';

/** What a notification is about; each user chooses per kind which channels beyond the application reach them. */
export const NOTIFICATION_KINDS = ['reminder', 'overdue', 'escalation', 'urge', 'result', 'cc'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  reminder: '办理提醒',
  overdue: '逾期提醒',
  escalation: '逾期上报',
  urge: '催办',
  result: '结果通知',
  cc: '抄送',
};

/** The channels outside the application (in-app is always on). */
export const DELIVERY_CHANNELS = ['email', 'dingtalk', 'wecom', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_CHANNEL_LABELS: Readonly<Record<DeliveryChannel, string>> = {
  email: '电子邮件',
  dingtalk: '钉钉群机器人',
  wecom: '企业微信群机器人',
  webhook: '通用 Webhook',
};

/** Whom a notification addresses: every holder of a role at an organisation, or one user there. */
export interface NotifyTarget {
  organisationId: string;
  /** Null: every holder of any role there. */
  role: string | null;
  userId?: string | null;
}

export interface NotifyArgs {
  kind: NotificationKind;
  targets: readonly NotifyTarget[];
  taskId?: string | null;
  message: string;
  /** Derives the ids: the notification of target i is `${key}:${i}`, so a retried write finds its rows. */
  key: string;
  at: string | Date;
}

/** The moment of the day in China (UTC+8, no daylight saving), in minutes. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * When a delivery due at `at` may go: at once outside the user's quiet hours,
 * else when they end. Quiet hours may run over midnight (22:00–07:00).
 */
export function afterQuietHours(at: Date, quietStart: number | null, quietEnd: number | null): Date {
  if (quietStart === null || quietEnd === null || quietStart === quietEnd) return at;
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inside = quietStart < quietEnd ? minute >= quietStart && minute < quietEnd : minute >= quietStart || minute < quietEnd;
  if (!inside) return at;
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - CHINA_OFFSET_MS;
  const endToday = dayStart + quietEnd * 60_000;
  return new Date(minute < quietEnd ? endToday : endToday + 24 * 3600 * 1000);
}

/** The delivery id a receiver deduplicates on: the same for the same notification, user and channel, however often it is written. */
export const deliveryId = (notificationId: string, userId: string, channel: DeliveryChannel): string => deterministicUuid(`delivery:${notificationId}:${userId}:${channel}`);

interface Recipient {
  user_id: string;
  email: string | null;
  channels: Partial<Record<NotificationKind, DeliveryChannel[]>> | null;
  quiet_start: number | null;
  quiet_end: number | null;
}

/**
 * The one way a notification is written: its row per target and, in the same
 * transaction (the caller's), an outbox row per recipient and chosen channel,
 * due when the recipient's quiet hours allow. The recipients of an
 * organisation+role target are the active users holding that grant. Every id
 * is derived from `key`, so a retried activity writes nothing twice.
 */
export async function notify(em: EntityManager, { kind, targets, taskId, message, key, at }: NotifyArgs): Promise<void> {
  const when = at instanceof Date ? at : new Date(at);
  for (const [i, t] of targets.entries()) {
    const id = deterministicUuid(`${key}:${i}`);
    await em.query(
      `INSERT INTO notifications (id, kind, organisation_id, role, user_id, task_id, message, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [id, kind, t.organisationId, t.role, t.userId ?? null, taskId ?? null, message, when],
    );
    const recipients: Recipient[] = await em.query(
      `SELECT u.id AS user_id, s.email, s.channels, s.quiet_start, s.quiet_end
         FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
        WHERE u.active AND ${t.userId ? 'u.id = $1' : 'EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND r.organisation_id = $1 AND ($2::text IS NULL OR r.role = $2))'}`,
      t.userId ? [t.userId] : [t.organisationId, t.role],
    );
    for (const r of recipients) {
      const chosen = new Set((r.channels?.[kind] ?? []).filter((c) => (DELIVERY_CHANNELS as readonly string[]).includes(c)));
      const due = afterQuietHours(when, r.quiet_start, r.quiet_end);
      for (const channel of DELIVERY_CHANNELS) {
        if (!chosen.has(channel)) continue;
        await em.query(
          `INSERT INTO notification_deliveries (id, notification_id, user_id, channel, address, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
          [deliveryId(id, r.user_id, channel), id, r.user_id, channel, channel === 'email' ? r.email : null, due, when],
        );
      }
    }
  }
}
