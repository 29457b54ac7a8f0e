import type { Channel, OutboundMessage } from '../message';
import { checkRobotAnswer, postJson } from '../message';

export interface WeComChannelOptions {
  /** The robot's webhook, with its key. */
  webhookUrl: string;
  timeoutMs: number;
}

/** WeCom group robot: `{ msgtype: 'markdown', markdown: { content } }`. */
export function weComChannel(o: WeComChannelOptions): Channel {
  return {
    async send(m: OutboundMessage) {
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: m.markdown } });
      checkRobotAnswer(await postJson(o.webhookUrl, body, {}, o.timeoutMs));
    },
  };
}
