import { createHmac } from 'node:crypto';
import type { Channel, OutboundMessage } from '../message';
import { checkRobotAnswer, postJson } from '../message';

export interface DingTalkChannelOptions {
  /** The robot's webhook, with its access_token. */
  webhookUrl: string;
  /** A signed robot's secret (SEC…); unset for a robot secured by keywords or addresses. */
  secret?: string;
  timeoutMs: number;
}

/** DingTalk's signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingTalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** The webhook URL of one request: with `timestamp` (ms) and the URL-encoded `sign` for a signed robot. */
export function dingTalkUrl(webhookUrl: string, secret: string | undefined, now: number): string {
  if (!secret) return webhookUrl;
  const u = new URL(webhookUrl);
  u.searchParams.set('timestamp', String(now));
  u.searchParams.set('sign', dingTalkSign(secret, now));
  return u.toString();
}

/** DingTalk group robot: a markdown message (title and text). */
export function dingTalkChannel(o: DingTalkChannelOptions): Channel {
  return {
    async send(m: OutboundMessage) {
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: m.subject, text: m.markdown } });
      checkRobotAnswer(await postJson(dingTalkUrl(o.webhookUrl, o.secret, Date.now()), body, {}, o.timeoutMs));
    },
  };
}
