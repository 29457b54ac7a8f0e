import { NotificationDelivery, digestDeliveryId } from '../../apps/worker/src/notifications/delivery';
import { createLogger } from '../../libs/config/src';
import { deterministicUuid, notify } from '../../libs/persistence/src';
import { orgByCode } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

const CHINESE = /[\u4e00-\u9fff]/;
const DEFAULT_SETTINGS = {
  email: null,
  quietHours: null,
  kinds: [
    { kind: 'reminder', label: '办理提醒', channels: [] },
    { kind: 'overdue', label: '逾期提醒', channels: [] },
    { kind: 'escalation', label: '逾期上报', channels: [] },
    { kind: 'urge', label: '催办', channels: [] },
    { kind: 'result', label: '结果通知', channels: [] },
    { kind: 'cc', label: '抄送', channels: [] },
    { kind: 'task_opened', label: '新待办', channels: [] },
    { kind: 'returned', label: '被退回', channels: [] },
    { kind: 'decision', label: '审核结果', channels: [] },
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

/**
 * Notification settings (GET/PUT /me/notification-settings: channels per kind, e-mail, quiet hours; refused whole
 * with nothing changed), in-app read state and unread count per reader, and delivery status: one's own, and an
 * administrator's of their subtree (another subtree's administrator sees nothing; others are refused).
 */
describe('notification settings, read state and delivery status', () => {
  // The worker delivers the outbox; the webhook it is given is down (nothing listens on port 2).
  const system = useSystem({
    workerEnv: { WEBHOOK_URL: 'http://127.0.0.1:2/hooks', WEBHOOK_SECRET: 'webhook-secret-0123456789', NOTIFY_POLL_MS: '100', NOTIFY_MAX_ATTEMPTS: '2', NOTIFY_BACKOFF_SECONDS: '1' },
  });
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });
  const stored = async (username: string) =>
    sys.db.dataSource.query(`SELECT s.email, s.channels, s.quiet_start, s.quiet_end, s.digest_enabled, s.digest_at FROM notification_settings s JOIN users u ON u.id = s.user_id WHERE u.username = $1`, [username]);

  it('keeps a user’s channels per kind, e-mail and quiet hours; refuses bad settings whole with nothing changed; shows nobody else’s', async () => {
    const reviewer = await auth('tsq-cyjd.reviewer');
    const other = await auth('tsq.reviewer');
    expect((await sys.http.get('/me/notification-settings').set(reviewer).expect(200)).body).toEqual(DEFAULT_SETTINGS);

    const body = {
      email: ' shenhe@example.cn ',
      quietHours: { start: '22:00', end: '07:00' },
      channels: { overdue: ['webhook', 'email'], reminder: ['dingtalk'], task_opened: ['email'] },
      digest: { enabled: true, time: '07:30' },
    };
    const saved = (await sys.http.put('/me/notification-settings').set(reviewer).send(body).expect(200)).body;
    const mine = {
      ...DEFAULT_SETTINGS,
      email: 'shenhe@example.cn',
      quietHours: { start: '22:00', end: '07:00' },
      kinds: DEFAULT_SETTINGS.kinds.map((k) =>
        k.kind === 'overdue' ? { ...k, channels: ['email', 'webhook'] } : k.kind === 'reminder' ? { ...k, channels: ['dingtalk'] } : k.kind === 'task_opened' ? { ...k, channels: ['email'] } : k,
      ),
      digest: { enabled: true, time: '07:30' },
    };
    expect(saved).toEqual(mine);
    expect((await sys.http.get('/me/notification-settings').set(reviewer).expect(200)).body).toEqual(mine);
    expect((await sys.http.get('/me/notification-settings').set(other).expect(200)).body).toEqual(DEFAULT_SETTINGS);
    expect(await stored('tsq.reviewer')).toEqual([]);

    const before = await stored('tsq-cyjd.reviewer');
    expect(before).toEqual([
      { email: 'shenhe@example.cn', channels: { overdue: ['email', 'webhook'], reminder: ['dingtalk'], task_opened: ['email'] }, quiet_start: 1320, quiet_end: 420, digest_enabled: true, digest_at: 450 },
    ]);
    const refused: Array<{ body: unknown; status: number; message?: RegExp }> = [
      { body: { ...body, email: 'not-an-address' }, status: 422, message: /电子邮箱格式不正确/ },
      { body: { ...body, email: null }, status: 422, message: /须先填写电子邮箱/ },
      { body: { ...body, channels: { urge: ['wecom', 'wecom'] } }, status: 422, message: /渠道重复/ },
      { body: { ...body, quietHours: { start: '08:00', end: '08:00' } }, status: 422, message: /不能相同/ },
      { body: { ...body, quietHours: { start: '24:00', end: '07:00' } }, status: 400 },
      { body: { ...body, channels: { someday: ['email'] } }, status: 400 },
      { body: { ...body, channels: { overdue: ['sms'] } }, status: 400 },
      { body: { ...body, extra: true }, status: 400 },
      { body: { ...body, digest: { enabled: true, time: '7:30' } }, status: 400 },
      { body: { ...body, digest: { enabled: 'yes', time: '07:30' } }, status: 400 },
      { body: { channels: {} }, status: 400 },
      { body: [], status: 400 },
    ];
    for (const c of refused) {
      const res = await sys.http.put('/me/notification-settings').set(reviewer).send(c.body as object);
      expect({ body: c.body, status: res.status }).toEqual({ body: c.body, status: c.status });
      expect(res.body.message).toMatch(CHINESE);
      if (c.status === 422) expect(res.body.code).toBe('INVALID_NOTIFICATION_SETTINGS');
      if (c.message) expect(res.body.message).toMatch(c.message);
    }
    expect(await stored('tsq-cyjd.reviewer')).toEqual(before);
  });

  it('in-app read state per reader with an unread count; delivery status to the user and to their subtree’s administrator only', async () => {
    const reviewer = await auth('tsq-cyjd.reviewer');
    const other = await auth('tsq.reviewer');
    const admin = await auth('admin');
    const [{ username: elsewhere }] = await sys.db.dataSource.query(
      `SELECT u.username FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE r.role = 'administrator' AND u.username <> 'admin' ORDER BY u.username LIMIT 1`,
    );
    const otherAdmin = await auth(elsewhere);
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    await sys.http
      .put('/me/notification-settings')
      .set(reviewer)
      .send({ email: 'shenhe@example.cn', quietHours: null, channels: { overdue: ['webhook'] } })
      .expect(200);

    const unread = async (as: { authorization: string }) => (await sys.http.get('/notifications/unread-count').set(as).expect(200)).body.unread as number;
    const unreadBefore = await unread(reviewer);
    await sys.db.dataSource.transaction((em) =>
      notify(em, { kind: 'overdue', targets: [{ organisationId: committee.id, role: 'reviewer' }], message: '任务“审核推荐材料”已逾期，请尽快办理', key: 'e2e:overdue', at: new Date() }),
    );
    const notificationId = deterministicUuid('e2e:overdue:0');
    expect(await unread(reviewer)).toBe(unreadBefore + 1);
    const listed = (await sys.http.get('/notifications').set(reviewer).expect(200)).body;
    expect(listed.find((n: { id: string }) => n.id === notificationId)).toMatchObject({ kind: 'overdue', kindLabel: '逾期提醒', readAt: null, message: '任务“审核推荐材料”已逾期，请尽快办理' });
    // Not addressed to another committee's reviewer: not there, and not theirs to mark.
    expect((await sys.http.get('/notifications').set(other).expect(200)).body.map((n: { id: string }) => n.id)).not.toContain(notificationId);
    expect((await sys.http.post(`/notifications/${notificationId}/read`).set(other).expect(404)).body.code).toBe('NOT_FOUND');

    const read = (await sys.http.post(`/notifications/${notificationId}/read`).set(reviewer).expect(200)).body;
    expect(read).toEqual({ id: notificationId, readAt: expect.any(String) });
    expect((await sys.http.post(`/notifications/${notificationId}/read`).set(reviewer).expect(200)).body).toEqual(read);
    expect(await unread(reviewer)).toBe(unreadBefore);
    expect((await sys.http.get('/notifications').set(reviewer).expect(200)).body.find((n: { id: string }) => n.id === notificationId).readAt).toBe(read.readAt);

    // The outbox row is the reviewer's; the worker delivers it to their webhook, which is down: retried, then failed with the reason, visible over the API.
    const mine = async (status?: string) => (await sys.http.get(`/me/notification-deliveries${status ? `?status=${status}` : ''}`).set(reviewer).expect(200)).body;
    const failed = await eventually(() => mine(), (ds: Array<{ id: string; status: string; lastError: string | null }>) => ds.length === 1 && ds[0]!.status !== 'pending');
    expect(failed).toMatchObject([{ notificationId, channel: 'webhook', status: 'failed', statusLabel: '已失败', attempts: 2, channelLabel: '通用 Webhook', nextAttemptAt: null, sentAt: null }]);
    expect(failed[0].lastError).toMatch(/^第2次发送失败，已停止重试：.*ECONNREFUSED/);
    expect(await mine('failed')).toEqual(failed);
    expect(await mine('sent')).toEqual([]);

    // Nobody else's: another reviewer has none; the subtree's administrator sees it; another subtree's administrator does not; a reviewer may not ask.
    expect((await sys.http.get('/me/notification-deliveries').set(other).expect(200)).body).toEqual([]);
    expect((await sys.http.get('/notification-deliveries?status=failed').set(admin).expect(200)).body.map((d: { id: string }) => d.id)).toEqual([failed[0].id]);
    expect((await sys.http.get('/notification-deliveries').set(otherAdmin).expect(200)).body).toEqual([]);
    const refused = await sys.http.get('/notification-deliveries').set(reviewer).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) });
    await sys.http.get('/notification-deliveries?status=lost').set(admin).expect(400);
  });

  it('daily digest: a user who takes it sees deliveries held (待汇总) until their time, then gathered into one digest (已汇入每日摘要)', async () => {
    const reviewer = await auth('tsq-cyjd.reviewer');
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    const [me] = await sys.db.dataSource.query(`SELECT id FROM users WHERE username = 'tsq-cyjd.reviewer'`);
    await sys.http
      .put('/me/notification-settings')
      .set(reviewer)
      .send({ email: 'shenhe@example.cn', quietHours: null, channels: { urge: ['email'] }, digest: { enabled: true, time: '07:30' } })
      .expect(200);
    const at = new Date('2030-03-04T02:00:00Z'); // 10:00 in Beijing: held for 07:30 the next morning
    await sys.db.dataSource.transaction((em) =>
      notify(em, { kind: 'urge', targets: [{ organisationId: committee.id, role: 'reviewer', userId: me.id }], message: '请尽快办理：审核推荐材料', key: 'e2e:digest', at }),
    );
    const notificationId = deterministicUuid('e2e:digest:0');
    const held = (await sys.http.get('/me/notification-deliveries?status=held').set(reviewer).expect(200)).body;
    expect(held).toMatchObject([{ notificationId, kind: 'urge', kindLabel: '催办', status: 'held', statusLabel: '待汇总', nextAttemptAt: '2030-03-04T23:30:00.000Z', digestId: null }]);

    // The worker's round at 07:30 gathers it (run here with that clock; the digest itself then waits for the worker).
    const round = new NotificationDelivery({
      dataSource: sys.db.dataSource,
      settings: { NOTIFY_MAX_ATTEMPTS: 2, NOTIFY_BACKOFF_SECONDS: 1, NOTIFY_LEASE_SECONDS: 60, NOTIFY_BATCH: 10, PUBLIC_BASE_URL: 'http://localhost' },
      channels: {},
      logger: createLogger('test', 'silent'),
      now: () => new Date('2030-03-04T23:30:00Z'),
    });
    expect(await round.assembleDigests()).toBe(1);
    const digestId = digestDeliveryId(me.id, 'email', '2030-03-05');
    const all = (await sys.http.get('/me/notification-deliveries').set(reviewer).expect(200)).body;
    expect(all.find((d: { id: string }) => d.id === digestId)).toMatchObject({
      notificationId: null,
      kind: 'digest',
      kindLabel: '每日摘要',
      message: '每日摘要（2030-03-05）：共1条通知',
      channel: 'email',
      status: 'pending',
      digestOn: '2030-03-05',
      itemCount: 1,
    });
    expect((await sys.http.get('/me/notification-deliveries?status=digested').set(reviewer).expect(200)).body).toMatchObject([
      { notificationId, status: 'digested', statusLabel: '已汇入每日摘要', digestId, nextAttemptAt: null },
    ]);
  });
});
