import { createHmac } from 'node:crypto';
import type { Channel, OutboundMessage } from '../message';
import { postJson } from '../message';

export interface WebhookChannelOptions {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** The hex HMAC-SHA256 of the body with the shared secret, as sent in X-Pennant-Signature. */
export const webhookSignature = (secret: string, body: string): string => createHmac('sha256', secret).update(body).digest('hex');

/** A generic signed webhook: the message as JSON, the delivery id in X-Pennant-Delivery, the body's signature in X-Pennant-Signature. */
export function webhookChannel(o: WebhookChannelOptions): Channel {
  return {
    async send(m: OutboundMessage) {
      const body = JSON.stringify({
        deliveryId: m.deliveryId,
        kind: m.kind,
        recipient: { userId: m.recipient.userId, displayName: m.recipient.displayName },
        subject: m.subject,
        text: m.text,
        process: m.process,
        step: m.step,
        deadline: m.deadline,
        link: m.link,
      });
      await postJson(o.url, body, { 'X-Pennant-Delivery': m.deliveryId, 'X-Pennant-Signature': webhookSignature(o.secret, body) }, o.timeoutMs);
    },
  };
}
