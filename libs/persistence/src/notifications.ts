import type { EntityManager } from 'typeorm';
import { deterministicUuid } from './ids';

/** What a notification is about; each user chooses per kind which channels beyond the application reach them. */
export const NOTIFICATION_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'urge',
  'result',
  'cc',
  'task_opened',
  'returned',
  'decision',
  'objection',
  'stage_opened',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  reminder: '办理提醒',
  overdue: '逾期提醒',
  escalation: '逾期上报',
  urge: '催办',
  result: '结果通知',
  cc: '抄送',
  task_opened: '新待办',
  returned: '被退回',
  decision: '审核结果',
  objection: '异议',
  stage_opened: '阶段开始',
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

/** An outbox row's status: held rows wait for their user's daily digest, digested ones went out in it. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'held', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  pending: '待发送',
  sent: '已发送',
  failed: '已失败',
  held: '待汇总',
  digested: '已汇入每日摘要',
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

/** A moment as read in China (UTC+8): `2026年12月1日 17:00`. */
export function chinaTime(d: Date | string): string {
  const l = new Date(new Date(d).getTime() + CHINA_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日 ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}`;
}

/** ", to be done by …" in a notification's words, or nothing when there is no deadline. */
export const deadlineClause = (dueAt: Date | string | null | undefined): string => (dueAt ? `，办理期限：${chinaTime(dueAt)}` : '');

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

/** deterministicUuid() in SQL: the same v8 layout over sha256 of the key, so ids computed here and in TypeScript agree. */
const sqlUuid = (key: string) =>
  `encode(substring(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 128), 8, (get_byte(h, 8) & 63) | 128) FROM 1 FOR 16), 'hex')::uuid
     FROM (SELECT sha256(convert_to(${key}, 'UTF8')) AS h) AS hashed`;

/**
 * One statement: the notification rows of all targets, their recipients
 * (active users named, or holding the role at the organisation), each
 * recipient's chosen channels for the kind, and an outbox row per recipient
 * and channel: due when their quiet hours allow, or held for their daily
 * digest (status 'held', due at their digest time).
 */
const NOTIFY_SQL = `
  WITH t AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[]) AS t(id, organisation_id, role, user_id)
  ), inserted AS (
    INSERT INTO notifications (id, kind, organisation_id, role, user_id, task_id, message, created_at)
    SELECT t.id, $5, t.organisation_id, t.role, t.user_id, $6, $7, $8 FROM t
    ON CONFLICT (id) DO NOTHING
  ), r AS (
    SELECT t.id AS notification_id, u.id AS user_id FROM t JOIN users u ON u.id = t.user_id AND u.active WHERE t.user_id IS NOT NULL
    UNION
    SELECT t.id, u.id FROM t
      JOIN role_assignments ra ON ra.organisation_id = t.organisation_id AND (t.role IS NULL OR ra.role = t.role)
      JOIN users u ON u.id = ra.user_id AND u.active
     WHERE t.user_id IS NULL
  ), c AS (
    SELECT DISTINCT r.notification_id, r.user_id, ch.channel, s.email, s.quiet_start, s.quiet_end, s.digest_enabled, s.digest_at
      FROM r JOIN notification_settings s ON s.user_id = r.user_id
     CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.channels -> $5) = 'array' THEN s.channels -> $5 ELSE '[]'::jsonb END) AS ch(channel)
     WHERE ch.channel = ANY($9::text[])
  )
  INSERT INTO notification_deliveries (id, notification_id, user_id, channel, address, status, next_attempt_at, created_at)
  SELECT (SELECT ${sqlUuid(`'delivery:' || c.notification_id::text || ':' || c.user_id::text || ':' || c.channel`)}),
         c.notification_id, c.user_id, c.channel, CASE WHEN c.channel = 'email' THEN c.email END,
         CASE WHEN c.digest_enabled THEN 'held' ELSE 'pending' END,
         CASE WHEN c.digest_enabled THEN pennant_next_digest($8, c.digest_at) ELSE pennant_after_quiet_hours($8, c.quiet_start, c.quiet_end) END,
         $8
    FROM c
  ON CONFLICT (id) DO NOTHING`;

/**
 * The one way a notification is written: its row per target and, in the same
 * transaction (the caller's), an outbox row per recipient and chosen channel,
 * due when the recipient's quiet hours allow (or held for their daily
 * digest). The recipients of an organisation+role target are the active users
 * holding that grant. Every id is derived from `key`, so a retried activity
 * writes nothing twice. One SQL statement whatever the number of targets and
 * recipients (task opening is on the hot path of the large simulations).
 */
export async function notify(em: EntityManager, { kind, targets, taskId, message, key, at }: NotifyArgs): Promise<void> {
  if (!targets.length) return;
  const when = at instanceof Date ? at : new Date(at);
  await em.query(NOTIFY_SQL, [
    targets.map((_, i) => deterministicUuid(`${key}:${i}`)),
    targets.map((t) => t.organisationId),
    targets.map((t) => t.role),
    targets.map((t) => t.userId ?? null),
    kind,
    taskId ?? null,
    message,
    when,
    DELIVERY_CHANNELS,
  ]);
}
