import type { DeliveryChannel, NotificationKind } from '../../../../libs/persistence/src';
import { NOTIFICATION_KIND_LABELS } from '../../../../libs/persistence/src';

/** One delivery as a channel sends it: the words in Chinese and the delivery id the receiver deduplicates on. */
export interface OutboundMessage {
  deliveryId: string;
  channel: DeliveryChannel;
  /** The notification's kind, or 'digest' for a daily digest. */
  kind: NotificationKind | 'digest';
  /** The recipient: their name, and for e-mail their address. */
  recipient: { userId: string; displayName: string; address: string | null };
  subject: string;
  /** Plain text: e-mail body, DingTalk text. */
  text: string;
  /** Markdown: DingTalk and WeCom markdown messages. */
  markdown: string;
  link: string;
  process: string;
  step: string;
  deadline: string | null;
}

/** A channel's adapter: resolves once the receiver has accepted the message, throws (with the reason) otherwise. */
export interface Channel {
  send(m: OutboundMessage): Promise<void>;
}

/** A failure that no retry can mend (a channel not configured, an address missing): the delivery fails at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

export interface DeliveryRow {
  id: string;
  channel: DeliveryChannel;
  kind: NotificationKind | 'digest';
  user_id: string;
  display_name: string;
  address: string | null;
  message: string;
  task_id: string | null;
  task_title: string | null;
  task_kind: string | null;
  due_at: Date | null;
  campaign_title: string | null;
  organisation_name: string | null;
  /** Set on a daily digest: its Beijing date (YYYY-MM-DD). */
  digest_on: string | null;
}

/** One notification listed in a digest. */
export interface DigestItem {
  kind: NotificationKind;
  message: string;
  task_id: string | null;
  task_title: string | null;
  due_at: Date | null;
  campaign_title: string | null;
  organisation_name: string | null;
}

/** A moment as read in China (UTC+8): `2026年12月1日 17:00`. */
export function chinaTime(d: Date): string {
  const l = new Date(d.getTime() + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日 ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}`;
}

/** The message of a delivery: what happened, the process, the step, the deadline and the link to the task in the web application. */
export function composeMessage(row: DeliveryRow, publicBaseUrl: string): OutboundMessage {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const link = row.task_id ? `${base}/app/tasks/${row.task_id}` : `${base}/app/tasks`;
  const kindLabel = row.kind === 'digest' ? '每日摘要' : NOTIFICATION_KIND_LABELS[row.kind];
  const process = row.campaign_title ?? row.organisation_name ?? '—';
  const step = row.task_title ?? '—';
  const deadline = row.due_at ? chinaTime(new Date(row.due_at)) : null;
  const subject = `【Pennant ${kindLabel}】${row.task_title ?? row.message}`.slice(0, 200);
  const lines = [
    `${row.display_name}，您好：`,
    row.message,
    `流程：${process}`,
    `环节：${step}`,
    `办理期限：${deadline ?? '无'}`,
    `办理链接：${link}`,
    `通知编号：${row.id}`,
  ];
  const markdown = [
    `### ${kindLabel}：${row.task_title ?? row.message}`,
    `${row.display_name}，您好：${row.message}`,
    `- 流程：${process}`,
    `- 环节：${step}`,
    `- 办理期限：${deadline ?? '无'}`,
    `- [打开任务](${link})`,
    `> 通知编号：${row.id}`,
  ].join('\n\n');
  return {
    deliveryId: row.id,
    channel: row.channel,
    kind: row.kind,
    recipient: { userId: row.user_id, displayName: row.display_name, address: row.address },
    subject,
    text: lines.join('\n'),
    markdown,
    link,
    process,
    step,
    deadline,
  };
}

/**
 * A daily digest: one message listing each notification held for it, with its
 * kind, words, process, step, deadline and link; the delivery id is the
 * digest's (one per user, channel and day).
 */
export function composeDigest(row: DeliveryRow, items: readonly DigestItem[], publicBaseUrl: string): OutboundMessage {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const day = row.digest_on ?? '';
  const title = `每日摘要（${day}）：共${items.length}条通知`;
  const each = items.map((i) => {
    const link = i.task_id ? `${base}/app/tasks/${i.task_id}` : `${base}/app/tasks`;
    return {
      head: `【${NOTIFICATION_KIND_LABELS[i.kind]}】${i.message}`,
      process: i.campaign_title ?? i.organisation_name ?? '—',
      step: i.task_title ?? '—',
      deadline: i.due_at ? chinaTime(new Date(i.due_at)) : '无',
      link,
    };
  });
  const text = [
    `${row.display_name}，您好：以下是${day}的通知摘要，共${items.length}条。`,
    ...each.map((e, n) => `${n + 1}. ${e.head}\n   流程：${e.process}；环节：${e.step}；办理期限：${e.deadline}\n   办理链接：${e.link}`),
    `待办列表：${base}/app/tasks`,
    `通知编号：${row.id}`,
  ].join('\n');
  const markdown = [
    `### ${title}`,
    `${row.display_name}，您好：`,
    ...each.map((e, n) => `${n + 1}. ${e.head}（流程：${e.process}；环节：${e.step}；办理期限：${e.deadline}）[打开任务](${e.link})`),
    `> 通知编号：${row.id}`,
  ].join('\n\n');
  return {
    deliveryId: row.id,
    channel: row.channel,
    kind: 'digest',
    recipient: { userId: row.user_id, displayName: row.display_name, address: row.address },
    subject: `【Pennant 每日摘要】${day}：共${items.length}条通知`,
    text,
    markdown,
    link: `${base}/app/tasks`,
    process: '每日摘要',
    step: `共${items.length}条通知`,
    deadline: null,
  };
}

/** Posts JSON and reads the answer; a non-2xx answer is an error naming the status. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new Error(`接收方答复 HTTP ${res.status}：${text.slice(0, 200)}`);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** DingTalk and WeCom answer 200 with `{ errcode, errmsg }`; anything but errcode 0 is a refusal. */
export function checkRobotAnswer(answer: unknown): void {
  const a = answer as { errcode?: unknown; errmsg?: unknown } | null;
  if (!a || typeof a !== 'object' || a.errcode !== 0) throw new Error(`机器人拒收：${JSON.stringify(answer).slice(0, 200)}`);
}
