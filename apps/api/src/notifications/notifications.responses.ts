import { z } from 'zod';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, NOTIFICATION_KINDS } from '../../../../libs/persistence/src/notifications';
import { EXAMPLE, id, timestamp } from '../openapi/schemas';

const kind = z
  .enum(NOTIFICATION_KINDS)
  .describe('通知类别：reminder 办理提醒、overdue 逾期提醒、escalation 逾期上报、urge 催办、result 结果通知、cc 抄送、task_opened 新待办、returned 被退回、decision 审核结果、objection 异议、stage_opened 阶段开始');
const channel = z.enum(DELIVERY_CHANNELS).describe('渠道：email 电子邮件、dingtalk 钉钉群机器人、wecom 企业微信群机器人、webhook 通用 Webhook');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间须为 HH:MM（00:00–23:59）' });

/** A notification as its reader sees it, with their own read state. */
export const notificationSchema = z.strictObject({
  id,
  kind,
  kindLabel: z.string().describe('通知类别的中文名称（办理提醒、抄送、新待办……）'),
  taskId: id.nullable(),
  message: z.string(),
  createdAt: timestamp,
  readAt: timestamp.nullable().describe('调用者本人标记已读的时间；未读为 null'),
});

export const notificationExample: z.infer<typeof notificationSchema> = {
  id: '2a4c6e8a-0c2e-4a4c-8e0a-2c4e6a8c0e2a',
  kind: 'reminder',
  kindLabel: '办理提醒',
  taskId: EXAMPLE.taskId,
  message: '任务“审核推荐申报：财源街道东岳社区党支部”将于24小时后到期',
  createdAt: EXAMPLE.at,
  readAt: null,
};

export const unreadCountSchema = z.strictObject({ unread: z.int().min(0).describe('调用者未读的通知数') });
export const readSchema = z.strictObject({ id, readAt: timestamp.describe('首次标记已读的时间（重复标记不变）') });

const digestSchema = z
  .strictObject({
    enabled: z.boolean().describe('开启后，站外通知不逐条发送，每天在设定时间按渠道汇总为一条摘要'),
    time: clock.describe('每日摘要的发送时间（北京时间 HH:MM）'),
  })
  .describe('每日摘要；默认关闭、08:00');

export const notificationSettingsSchema = z.strictObject({
  email: z.string().nullable().describe('接收通知的电子邮箱；未设置为 null'),
  quietHours: z.strictObject({ start: clock, end: clock }).nullable().describe('免打扰时段（北京时间，可跨午夜）；其间到期的站外通知待时段结束后发送；未设置为 null'),
  kinds: z
    .array(z.strictObject({ kind, label: z.string(), channels: z.array(channel).describe('除站内通知外选用的渠道；空为只在站内') }))
    .describe('每类通知一项，依次为 reminder、overdue、escalation、urge、result、task_opened、returned、decision、objection、stage_opened'),
  availableChannels: z.array(z.strictObject({ channel, label: z.string() })).describe('可选用的站外渠道'),
  digest: digestSchema,
});

export const notificationSettingsExample: z.infer<typeof notificationSettingsSchema> = {
  email: 'shenhe@example.cn',
  quietHours: { start: '22:00', end: '07:00' },
  kinds: [
    { kind: 'reminder', label: '办理提醒', channels: ['dingtalk'] },
    { kind: 'overdue', label: '逾期提醒', channels: ['email', 'dingtalk'] },
    { kind: 'escalation', label: '逾期上报', channels: ['email'] },
    { kind: 'urge', label: '催办', channels: [] },
    { kind: 'result', label: '结果通知', channels: [] },
    { kind: 'task_opened', label: '新待办', channels: ['dingtalk'] },
    { kind: 'returned', label: '被退回', channels: ['email'] },
    { kind: 'decision', label: '审核结果', channels: ['email'] },
    { kind: 'objection', label: '异议', channels: [] },
    { kind: 'stage_opened', label: '阶段开始', channels: [] },
  ],
  availableChannels: [
    { channel: 'email', label: '电子邮件' },
    { channel: 'dingtalk', label: '钉钉群机器人' },
    { channel: 'wecom', label: '企业微信群机器人' },
    { channel: 'webhook', label: '通用 Webhook' },
  ],
  digest: { enabled: false, time: '08:00' },
};

export const replaceNotificationSettingsSchema = z.strictObject({
  email: z.string().max(254).nullable().describe('接收通知的电子邮箱；null 为不设置'),
  quietHours: z.strictObject({ start: clock, end: clock }).nullable().describe('免打扰时段（北京时间）；null 为不设置'),
  channels: z
    .strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.array(channel).optional()])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<z.ZodArray<typeof channel>>>)
    .describe('每类通知选用的站外渠道；省略的类别为只在站内'),
  digest: digestSchema.optional().describe('每日摘要；省略为关闭（08:00）'),
});

export const deliverySchema = z.strictObject({
  id: id.describe('投递编号：接收方据此去重，重试与重发时不变（每日摘要的编号由收件人、渠道与日期确定）'),
  notificationId: id.nullable().describe('所属通知；每日摘要为 null'),
  kind: z.union([kind, z.literal('digest').describe('digest 每日摘要')]),
  kindLabel: z.string(),
  message: z.string(),
  taskId: id.nullable(),
  recipient: z.strictObject({ userId: id, displayName: z.string() }),
  channel,
  channelLabel: z.string(),
  status: z
    .enum(DELIVERY_STATUSES)
    .describe('pending 待发送（含等待重试）、sent 已发送、failed 已失败、held 待汇总（等待每日摘要）、digested 已汇入每日摘要'),
  statusLabel: z.string(),
  attempts: z.int().min(0).describe('已尝试次数'),
  lastError: z.string().nullable().describe('最近一次失败的原因'),
  nextAttemptAt: timestamp.nullable().describe('待发送时的下次尝试时间；待汇总时为摘要时间'),
  digestId: id.nullable().describe('已汇入的每日摘要的投递编号'),
  digestOn: z.string().nullable().describe('每日摘要的日期（YYYY-MM-DD）；其他投递为 null'),
  itemCount: z.int().min(0).nullable().describe('每日摘要汇总的通知条数；其他投递为 null'),
  sentAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const deliveryExample: z.infer<typeof deliverySchema> = {
  id: '5d7f9a1c-3e5a-4d7f-9a1c-3e5a7c9e1b3d',
  notificationId: notificationExample.id,
  kind: 'overdue',
  kindLabel: '逾期提醒',
  message: '任务“审核推荐申报：财源街道东岳社区党支部”已逾期',
  taskId: EXAMPLE.taskId,
  recipient: { userId: EXAMPLE.userId, displayName: '泰山区财源街道党工委审核人' },
  channel: 'dingtalk',
  channelLabel: '钉钉群机器人',
  status: 'failed',
  statusLabel: '已失败',
  attempts: 6,
  lastError: '第6次发送失败，已停止重试：fetch failed（ECONNREFUSED）',
  nextAttemptAt: null,
  digestId: null,
  digestOn: null,
  itemCount: null,
  sentAt: null,
  createdAt: EXAMPLE.at,
};

export const deliveriesQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
