import nodemailer from 'nodemailer';
import type { Channel, OutboundMessage } from '../message';
import { PermanentDeliveryError } from '../message';

export interface EmailChannelOptions {
  /** smtp://user:password@host:port or smtps://… */
  url: string;
  from: string;
  timeoutMs: number;
}

/**
 * E-mail over SMTP (nodemailer). The Message-ID and the X-Pennant-Delivery
 * header carry the delivery id, so a mail sent again after a worker restart
 * is the same mail to the receiving side.
 */
export function emailChannel(o: EmailChannelOptions): Channel {
  const u = new URL(o.url);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(o.from)?.[1] ?? 'pennant.local';
  return {
    async send(m: OutboundMessage) {
      if (!m.recipient.address) throw new PermanentDeliveryError('未设置接收邮箱');
      await transport.sendMail({
        from: o.from,
        to: { name: m.recipient.displayName, address: m.recipient.address },
        subject: m.subject,
        text: m.text,
        messageId: `<${m.deliveryId}@${domain}>`,
        headers: { 'X-Pennant-Delivery': m.deliveryId },
      });
    },
  };
}
