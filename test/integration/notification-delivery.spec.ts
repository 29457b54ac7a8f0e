import { createHmac, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { NotificationDelivery, configuredChannels } from '../../apps/worker/src/notifications/delivery';
import { createLogger } from '../../libs/config/src';
import { afterQuietHours, auditSigningKey, createDataSource, deliveryId, deterministicUuid, notify } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';

const DINGTALK_TOKEN = 'dt-token-1';
const DINGTALK_SECRET = 'SECtest0123456789abcdef';
const WECOM_KEY = 'wecom-key-1';
const WEBHOOK_SECRET = 'webhook-secret-0123456789';
const logger = createLogger('test', 'silent');

interface Received {
  channel: 'dingtalk' | 'wecom' | 'webhook';
  deliveryId: string;
  body: Record<string, unknown>;
}

/**
 * A local receiver speaking the robots' and the webhook's protocol: it checks
 * each request's shape and signature (refusing a wrong one as the real
 * services do) and records what it accepted, deduplicated by delivery id.
 */
class RobotReceiver {
  readonly requests: Received[] = [];
  readonly refused: string[] = [];
  /** While set, webhook requests are held unanswered until `release` (a worker's send in flight). */
  hold?: { arrived: () => void; released: Promise<void> };
  private server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  /** Messages as the receiver counts them: one per delivery id. */
  uniqueIds(channel: Received['channel']): string[] {
    return [...new Set(this.requests.filter((r) => r.channel === channel).map((r) => r.deliveryId))];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const refuse = (why: string) => {
      this.refused.push(why);
      answer(200, { errcode: 310000, errmsg: why });
    };
    if (req.method !== 'POST' || !/^application\/json/.test(req.headers['content-type'] ?? '')) return refuse('not a JSON POST');
    const body = JSON.parse(raw) as Record<string, unknown>;
    const idIn = (text: string) => /通知编号：([0-9a-f-]{36})/.exec(text)?.[1] ?? '';
    if (url.pathname === '/robot/send') {
      // DingTalk: access_token, timestamp within an hour, sign = base64(HMAC-SHA256(secret, timestamp\nsecret)).
      const ts = Number(url.searchParams.get('timestamp'));
      const expected = createHmac('sha256', DINGTALK_SECRET).update(`${ts}\n${DINGTALK_SECRET}`).digest('base64');
      if (url.searchParams.get('access_token') !== DINGTALK_TOKEN) return refuse('bad token');
      if (!ts || Math.abs(Date.now() - ts) > 3600_000 || url.searchParams.get('sign') !== expected) return refuse('sign not match');
      if (!/[?&]sign=[^&]*%/.test(req.url ?? '') && /[+/=]/.test(expected)) return refuse('sign not URL-encoded');
      const md = body.markdown as { title?: unknown; text?: unknown } | undefined;
      if (body.msgtype !== 'markdown' || typeof md?.title !== 'string' || typeof md.text !== 'string') return refuse('bad markdown message');
      this.requests.push({ channel: 'dingtalk', deliveryId: idIn(md.text), body });
      return answer(200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/cgi-bin/webhook/send') {
      if (url.searchParams.get('key') !== WECOM_KEY) return answer(200, { errcode: 93000, errmsg: 'invalid webhook url' });
      const md = body.markdown as { content?: unknown } | undefined;
      if (body.msgtype !== 'markdown' || typeof md?.content !== 'string' || Object.keys(body).length !== 2) return answer(200, { errcode: 40008, errmsg: 'invalid message type' });
      this.requests.push({ channel: 'wecom', deliveryId: idIn(md.content), body });
      return answer(200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/hooks/pennant') {
      const sig = createHmac('sha256', WEBHOOK_SECRET).update(raw).digest('hex');
      const id = String(req.headers['x-pennant-delivery'] ?? '');
      if (req.headers['x-pennant-signature'] !== sig) return answer(401, { error: 'bad signature' });
      if (id !== body.deliveryId) return answer(400, { error: 'delivery id mismatch' });
      this.requests.push({ channel: 'webhook', deliveryId: id, body });
      const hold = this.hold;
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      return answer(204, null);
    }
    answer(404, { error: 'no such path' });
  }
}

/** A closed port: a receiver that is down. */
async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}/hooks/pennant`;
}

describe('notifications leaving the application: outbox and channels against real local receivers', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let robots: RobotReceiver;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: ParsedMail[] = [];
  let user: { id: string; organisation_id: string; role: string; display_name: string };
  let taskId: string;
  const dueAt = new Date('2030-03-05T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource({ url: db.appUrl, poolSize: 4, applicationName: 'pennant-test-delivery', auditSigningKey: auditSigningKey(db.auditKeys.rowKey) });
    await ds.initialize();
    robots = new RobotReceiver();
    await robots.start();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((m) => {
            mails.push(m);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    [user] = await db.dataSource.query(
      `SELECT u.id, u.display_name, r.organisation_id, r.role FROM users u JOIN role_assignments r ON r.user_id = u.id
        WHERE r.role = 'reviewer' AND (SELECT count(*) FROM role_assignments x WHERE x.organisation_id = r.organisation_id AND x.role = r.role) = 1
        ORDER BY u.username LIMIT 1`,
    );
    taskId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at)
       SELECT $1, 'probe', 'approval', '审核推荐材料', 'nomination', $1, o.id, o.path, 'reviewer', 'open', $3 FROM organisations o WHERE o.id = $2`,
      [taskId, user.organisation_id, dueAt],
    );
  });
  afterAll(async () => {
    await robots?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  const setChannels = (channels: Record<string, string[]>, quiet: [number, number] | null = null) =>
    db.dataSource.query(
      `INSERT INTO notification_settings (user_id, email, channels, quiet_start, quiet_end) VALUES ($1, 'shenhe@example.cn', $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET channels = EXCLUDED.channels, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end`,
      [user.id, JSON.stringify(channels), quiet?.[0] ?? null, quiet?.[1] ?? null],
    );
  const write = (key: string, at: Date, kind: 'reminder' | 'overdue' = 'reminder') =>
    ds.transaction((em) => notify(em, { kind, targets: [{ organisationId: user.organisation_id, role: user.role }], taskId, message: '您有一项待办任务即将到期，请及时办理', key, at }));
  const deliveries = (key: string) =>
    db.dataSource.query(
      `SELECT d.id, d.channel, d.status, d.attempts, d.last_error, d.next_attempt_at FROM notification_deliveries d
        JOIN notifications n ON n.id = d.notification_id WHERE n.id = $1 ORDER BY d.channel`,
      [deliveryNotificationId(key)],
    );
  const deliveryNotificationId = (key: string) => deliveryKeyIds.get(key)!;
  const deliveryKeyIds = new Map<string, string>();
  const settings = { NOTIFY_MAX_ATTEMPTS: 3, NOTIFY_BACKOFF_SECONDS: 60, NOTIFY_LEASE_SECONDS: 120, NOTIFY_BATCH: 20, PUBLIC_BASE_URL: 'https://pennant.example.cn' };
  const channelConfig = (over: Partial<Record<'WEBHOOK_URL', string>> = {}) =>
    configuredChannels({
      NOTIFY_POLL_MS: 0,
      ...settings,
      NOTIFY_SEND_TIMEOUT_MS: 10_000,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_FROM: 'Pennant <pennant@example.cn>',
      DINGTALK_WEBHOOK_URL: `${robots.base}/robot/send?access_token=${DINGTALK_TOKEN}`,
      DINGTALK_SECRET,
      WECOM_WEBHOOK_URL: `${robots.base}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      WEBHOOK_URL: over.WEBHOOK_URL ?? `${robots.base}/hooks/pennant`,
      WEBHOOK_SECRET,
    });
  async function notified(key: string, at: Date, kind: 'reminder' | 'overdue' = 'reminder'): Promise<void> {
    await write(key, at, kind);
    deliveryKeyIds.set(key, deterministicUuid(`${key}:0`));
  }

  it('writes the outbox with the notification, once, and delivers each channel in Chinese with the link and the delivery id', async () => {
    await setChannels({ reminder: ['email', 'dingtalk', 'wecom', 'webhook'] });
    const at = new Date();
    await notified('probe:all-channels', at);
    await write('probe:all-channels', at); // a retried activity writes nothing twice
    const outbox = await deliveries('probe:all-channels');
    expect(outbox.map((d: { channel: string; status: string }) => [d.channel, d.status])).toEqual([
      ['dingtalk', 'pending'],
      ['email', 'pending'],
      ['webhook', 'pending'],
      ['wecom', 'pending'],
    ]);
    const notificationId = deliveryNotificationId('probe:all-channels');
    for (const d of outbox) expect(d.id).toBe(deliveryId(notificationId, user.id, d.channel));

    const delivery = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig(), logger });
    expect(await delivery.runOnce()).toBe(4);
    expect(await delivery.runOnce()).toBe(0);
    const after = await deliveries('probe:all-channels');
    expect(after.map((d: { status: string; attempts: number; last_error: string | null }) => [d.status, d.attempts, d.last_error])).toEqual(Array(4).fill(['sent', 1, null]));
    const id = (channel: string) => outbox.find((d: { channel: string }) => d.channel === channel).id as string;
    const link = `https://pennant.example.cn/app/tasks/${taskId}`;

    expect(robots.refused).toEqual([]);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('【Pennant 办理提醒】审核推荐材料');
    expect(mail.messageId).toBe(`<${id('email')}@example.cn>`);
    expect(mail.headers.get('x-pennant-delivery')).toBe(id('email'));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('shenhe@example.cn');
    expect(mail.text).toContain(`${user.display_name}，您好：`);
    expect(mail.text).toContain('您有一项待办任务即将到期，请及时办理');
    expect(mail.text).toContain('环节：审核推荐材料');
    expect(mail.text).toContain('办理期限：2030年3月5日 17:00');
    expect(mail.text).toContain(`办理链接：${link}`);
    expect(mail.text).toMatch(/流程：\S+/);

    const [ding] = robots.requests.filter((r) => r.channel === 'dingtalk');
    expect(ding!.deliveryId).toBe(id('dingtalk'));
    expect((ding!.body.markdown as { text: string }).text).toContain(`[打开任务](${link})`);
    expect((ding!.body.markdown as { text: string }).text).toContain('办理期限：2030年3月5日 17:00');
    const [wecom] = robots.requests.filter((r) => r.channel === 'wecom');
    expect(wecom!.deliveryId).toBe(id('wecom'));
    expect((wecom!.body.markdown as { content: string }).content).toContain('环节：审核推荐材料');
    const [hook] = robots.requests.filter((r) => r.channel === 'webhook');
    expect(hook!.deliveryId).toBe(id('webhook'));
    expect(hook!.body).toMatchObject({ kind: 'reminder', step: '审核推荐材料', link, subject: '【Pennant 办理提醒】审核推荐材料' });
  });

  it('a receiver that is down: retried with backoff, then failed with the reason; a channel not configured fails at once', async () => {
    await setChannels({ overdue: ['webhook'], reminder: ['wecom'] });
    let clock = Date.now();
    const now = () => new Date(clock);
    await notified('probe:down', new Date(clock), 'overdue');
    const delivery = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig({ WEBHOOK_URL: await deadUrl() }), logger, now });
    expect(await delivery.runOnce()).toBe(1);
    let [d] = await deliveries('probe:down');
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.last_error).toMatch(/^第1次发送失败，将重试：.*ECONNREFUSED/);
    expect(new Date(d.next_attempt_at).getTime()).toBe(clock + 60_000);
    expect(await delivery.runOnce()).toBe(0); // not due before the backoff
    clock += 60_000;
    expect(await delivery.runOnce()).toBe(1);
    [d] = await deliveries('probe:down');
    expect(new Date(d.next_attempt_at).getTime()).toBe(clock + 120_000); // doubled
    clock += 120_000;
    expect(await delivery.runOnce()).toBe(1);
    [d] = await deliveries('probe:down');
    expect(d).toMatchObject({ status: 'failed', attempts: 3 });
    expect(d.last_error).toMatch(/^第3次发送失败，已停止重试：.*ECONNREFUSED/);
    clock += 3600_000;
    expect(await delivery.runOnce()).toBe(0);

    await notified('probe:unconfigured', new Date(clock));
    const without = new NotificationDelivery({ dataSource: ds, settings, channels: {}, logger, now });
    expect(await without.runOnce()).toBe(1);
    expect(await deliveries('probe:unconfigured')).toMatchObject([{ channel: 'wecom', status: 'failed', attempts: 1, last_error: '第1次发送失败，已停止重试：未配置企业微信群机器人' }]);
  });

  it('a worker killed mid-send: the row is claimed again after its lease and sent again under the same delivery id, so the receiver counts one message', async () => {
    await setChannels({ reminder: ['webhook'] });
    const start = Date.now();
    await notified('probe:killed', new Date(start));
    const [row] = await deliveries('probe:killed');
    let arrived!: () => void;
    let release!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    robots.hold = { arrived: () => arrived(), released: new Promise<void>((r) => (release = r)) };
    const before = robots.requests.length;

    // The first worker sends, and "dies" before it can record the answer: its round never completes while we look.
    const first = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig(), logger, now: () => new Date(start) });
    const firstRound = first.runOnce();
    await inFlight;
    robots.hold = undefined;
    expect(await deliveries('probe:killed')).toMatchObject([{ status: 'pending', attempts: 1 }]);

    // Another worker does not take a leased row...
    const second = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig(), logger, now: () => new Date(start + 60_000) });
    expect(await second.runOnce()).toBe(0);
    // ...until the lease has expired; then it sends it again, with the same id.
    const later = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig(), logger, now: () => new Date(start + 121_000) });
    expect(await later.runOnce()).toBe(1);
    expect(await deliveries('probe:killed')).toMatchObject([{ status: 'sent', attempts: 2, last_error: null }]);

    // The dead worker's late answer changes nothing.
    release();
    await firstRound;
    expect(await deliveries('probe:killed')).toMatchObject([{ status: 'sent', attempts: 2 }]);
    const sent = robots.requests.slice(before);
    expect(sent.map((r) => r.deliveryId)).toEqual([row.id, row.id]);
    expect(new Set(sent.map((r) => r.deliveryId)).size).toBe(1);
  });

  it('quiet hours: a delivery due in them waits until they end (China time, over midnight too)', async () => {
    // 23:30 in China with quiet hours 22:00–07:00: due at 07:00 the next morning.
    expect(afterQuietHours(new Date('2030-03-04T15:30:00Z'), 22 * 60, 7 * 60).toISOString()).toBe('2030-03-04T23:00:00.000Z');
    // 06:00 in China: due at 07:00 the same morning; 12:00: at once.
    expect(afterQuietHours(new Date('2030-03-04T22:00:00Z'), 22 * 60, 7 * 60).toISOString()).toBe('2030-03-04T23:00:00.000Z');
    expect(afterQuietHours(new Date('2030-03-04T04:00:00Z'), 22 * 60, 7 * 60).toISOString()).toBe('2030-03-04T04:00:00.000Z');
    // 12:30 with quiet hours 12:00–14:00: at 14:00.
    expect(afterQuietHours(new Date('2030-03-04T04:30:00Z'), 12 * 60, 14 * 60).toISOString()).toBe('2030-03-04T06:00:00.000Z');

    await setChannels({ reminder: ['wecom'] }, [22 * 60, 7 * 60]);
    await notified('probe:quiet', new Date('2030-03-04T15:30:00Z'));
    const [d] = await deliveries('probe:quiet');
    expect(new Date(d.next_attempt_at).toISOString()).toBe('2030-03-04T23:00:00.000Z');
    const delivery = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig(), logger, now: () => new Date('2030-03-04T22:59:00Z') });
    expect(await delivery.runOnce()).toBe(0);
    const morning = new NotificationDelivery({ dataSource: ds, settings, channels: channelConfig(), logger, now: () => new Date('2030-03-04T23:00:00Z') });
    expect(await morning.runOnce()).toBe(1);
    expect(await deliveries('probe:quiet')).toMatchObject([{ channel: 'wecom', status: 'sent' }]);
  });
});
