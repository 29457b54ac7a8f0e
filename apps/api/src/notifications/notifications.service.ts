import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DELIVERY_CHANNELS,
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  type DeliveryChannel,
  type DeliveryStatus,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  type NotificationKind,
} from '../../../../libs/persistence/src/notifications';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';

/** The digest's default time of day: 08:00 Beijing time. */
const DIGEST_DEFAULT_AT = 8 * 60;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const toClock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const toMinutes = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5));

export interface NotificationSettingsInput {
  email: string | null;
  quietHours: { start: string; end: string } | null;
  channels: Partial<Record<NotificationKind, DeliveryChannel[]>>;
  digest?: { enabled: boolean; time: string } | undefined;
}

const DELIVERY_SQL = `
  SELECT d.id, d.notification_id AS "notificationId", coalesce(n.kind, 'digest') AS kind,
         coalesce(n.message, '每日摘要（' || to_char(d.digest_on, 'YYYY-MM-DD') || '）：共' || k.items || '条通知') AS message, n.task_id AS "taskId",
         json_build_object('userId', u.id, 'displayName', u.display_name) AS recipient,
         d.channel, d.status, d.attempts, d.last_error AS "lastError",
         CASE WHEN d.status IN ('pending', 'held') THEN d.next_attempt_at END AS "nextAttemptAt",
         d.digest_id AS "digestId", to_char(d.digest_on, 'YYYY-MM-DD') AS "digestOn", k.items AS "itemCount",
         d.sent_at AS "sentAt", d.created_at AS "createdAt"
    FROM notification_deliveries d
    LEFT JOIN notifications n ON n.id = d.notification_id
    LEFT JOIN LATERAL (SELECT count(*)::int AS items FROM notification_deliveries x WHERE d.digest_on IS NOT NULL AND x.digest_id = d.id) k ON d.digest_on IS NOT NULL
    JOIN users u ON u.id = d.user_id`;

/**
 * The in-app side of notifications (each reader's own read state) and the
 * settings and delivery status of those that leave the application.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly ds: DataSource) {}

  /** The notifications addressed to the caller: to them by name, or to an organisation and role they hold. */
  private visible(p: Principal, params: unknown[]): string {
    params.push(p.userId);
    const me = `$${params.length}`;
    const match = p.grants.map((g) => {
      params.push(g.organisationId, g.role);
      return `(n.organisation_id = $${params.length - 1} AND n.role = $${params.length} AND n.user_id IS NULL)`;
    });
    match.push(`n.user_id = ${me}`);
    return `(${match.join(' OR ')})`;
  }

  async list(p: Principal, limit: number) {
    const params: unknown[] = [];
    const where = this.visible(p, params);
    params.push(limit);
    const rows: Array<{ id: string; kind: NotificationKind; taskId: string | null; message: string; createdAt: Date; readAt: Date | null }> = await this.ds.query(
      `SELECT n.id, n.kind, n.task_id AS "taskId", n.message, n.created_at AS "createdAt", r.read_at AS "readAt"
         FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
        WHERE ${where} ORDER BY n.created_at DESC, n.id LIMIT $${params.length}`,
      params,
    );
    // The kind as its reader calls it, from the one list of labels (the web shows it as given).
    return rows.map(({ id, kind, taskId, message, createdAt, readAt }) => ({ id, kind, kindLabel: NOTIFICATION_KIND_LABELS[kind], taskId, message, createdAt, readAt }));
  }

  async unreadCount(p: Principal): Promise<{ unread: number }> {
    const params: unknown[] = [];
    const where = this.visible(p, params);
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS unread FROM notifications n
        WHERE ${where} AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`,
      params,
    );
    return { unread: row.unread };
  }

  /** Marks one notification read for the caller; the first time counts. Another's notification is not found. */
  async markRead(p: Principal, id: string): Promise<{ id: string; readAt: Date }> {
    const params: unknown[] = [];
    const where = this.visible(p, params);
    params.push(id);
    const [n] = await this.ds.query(`SELECT n.id FROM notifications n WHERE ${where} AND n.id = $${params.length}`, params);
    if (!n) throw new ApiError('NOT_FOUND', '通知不存在');
    await this.ds.query(`INSERT INTO notification_reads (notification_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, p.userId]);
    const [r] = await this.ds.query(`SELECT read_at FROM notification_reads WHERE notification_id = $1 AND user_id = $2`, [id, p.userId]);
    return { id, readAt: r.read_at };
  }

  async settings(p: Principal) {
    const [s]: Array<{
      email: string | null;
      channels: Partial<Record<NotificationKind, DeliveryChannel[]>>;
      quiet_start: number | null;
      quiet_end: number | null;
      digest_enabled: boolean;
      digest_at: number;
    }> = await this.ds.query(
      `SELECT email, channels, quiet_start, quiet_end, digest_enabled, digest_at FROM notification_settings WHERE user_id = $1`,
      [p.userId],
    );
    return {
      email: s?.email ?? null,
      quietHours: s && s.quiet_start !== null && s.quiet_end !== null ? { start: toClock(s.quiet_start), end: toClock(s.quiet_end) } : null,
      kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KIND_LABELS[kind], channels: DELIVERY_CHANNELS.filter((c) => s?.channels?.[kind]?.includes(c)) })),
      availableChannels: DELIVERY_CHANNELS.map((channel) => ({ channel, label: DELIVERY_CHANNEL_LABELS[channel] })),
      digest: { enabled: s?.digest_enabled ?? false, time: toClock(s?.digest_at ?? DIGEST_DEFAULT_AT) },
    };
  }

  /** Replaces the caller's settings whole; refused whole (nothing changed) when any part breaks a rule. */
  async replaceSettings(p: Principal, input: NotificationSettingsInput) {
    const problems: string[] = [];
    const email = input.email?.trim() || null;
    if (email !== null && !EMAIL.test(email)) problems.push(`电子邮箱格式不正确：${email}`);
    for (const [kind, channels] of Object.entries(input.channels)) {
      if (new Set(channels).size !== channels.length) problems.push(`“${NOTIFICATION_KIND_LABELS[kind as NotificationKind]}”的渠道重复`);
      if (channels.includes('email') && email === null) problems.push(`“${NOTIFICATION_KIND_LABELS[kind as NotificationKind]}”选用了电子邮件，须先填写电子邮箱`);
    }
    if (input.quietHours && input.quietHours.start === input.quietHours.end) problems.push('免打扰时段的开始与结束时间不能相同');
    if (problems.length) throw new ApiError('INVALID_NOTIFICATION_SETTINGS', `通知设置不符合要求：${problems[0]}`, problems);
    const channels = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, DELIVERY_CHANNELS.filter((c) => input.channels[k]?.includes(c))]).filter(([, c]) => c.length));
    await this.ds.query(
      `INSERT INTO notification_settings (user_id, email, channels, quiet_start, quiet_end, digest_enabled, digest_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, channels = EXCLUDED.channels, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
         digest_enabled = EXCLUDED.digest_enabled, digest_at = EXCLUDED.digest_at, updated_at = now()`,
      [
        p.userId,
        email,
        JSON.stringify(channels),
        input.quietHours ? toMinutes(input.quietHours.start) : null,
        input.quietHours ? toMinutes(input.quietHours.end) : null,
        input.digest?.enabled ?? false,
        input.digest ? toMinutes(input.digest.time) : DIGEST_DEFAULT_AT,
      ],
    );
    return this.settings(p);
  }

  private async deliveries(where: string, params: unknown[], status: string | undefined, limit: number) {
    const conds = [where];
    if (status) {
      params.push(status);
      conds.push(`d.status = $${params.length}`);
    }
    params.push(limit);
    const rows: Array<{ channel: DeliveryChannel; status: DeliveryStatus; kind: NotificationKind | 'digest' }> = await this.ds.query(
      `${DELIVERY_SQL} WHERE ${conds.join(' AND ')} ORDER BY d.created_at DESC, d.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      kindLabel: r.kind === 'digest' ? '每日摘要' : NOTIFICATION_KIND_LABELS[r.kind],
      channelLabel: DELIVERY_CHANNEL_LABELS[r.channel],
      statusLabel: DELIVERY_STATUS_LABELS[r.status],
    }));
  }

  /** The caller's own deliveries. */
  mine(p: Principal, status: string | undefined, limit: number) {
    return this.deliveries('d.user_id = $1', [p.userId], status, limit);
  }

  /** An administrator's view: the deliveries to anyone holding a grant within their subtree. */
  subtree(p: Principal, status: string | undefined, limit: number) {
    const scopes = p.grants.filter((g) => g.role === 'administrator').map((g) => g.scopePath);
    if (!scopes.length) throw new ApiError('FORBIDDEN', '只有管理员可以查看本辖区的通知投递情况');
    return this.deliveries(
      `EXISTS (SELECT 1 FROM role_assignments ra JOIN organisations o ON o.id = ra.organisation_id
                WHERE ra.user_id = d.user_id AND EXISTS (SELECT 1 FROM unnest($1::text[]) s WHERE left(o.path, length(s)) = s))`,
      [scopes],
      status,
      limit,
    );
  }
}
