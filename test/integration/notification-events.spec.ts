import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DataSource, EntityManager } from 'typeorm';
import { createHumanTaskActivities } from '../../activities/human-task.activities';
import { NotificationDelivery, configuredChannels, digestDeliveryId } from '../../apps/worker/src/notifications/delivery';
import { createLogger } from '../../libs/config/src';
import type { TaskState } from '../../libs/domain/src';
import { afterQuietHours, auditSigningKey, createDataSource, deliveryId, deterministicUuid, notify } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';

const logger = createLogger('test', 'silent');

/**
 * Notifications for every event: notify() in one statement whatever the
 * number of recipients, the new kinds written with their event, and the
 * daily digest delivered to a real local SMTP receiver.
 */
describe('notification events and the daily digest', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: ParsedMail[] = [];
  /** A committee with several reviewers (so one target reaches many recipients), and a branch's submitter. */
  let committee: { id: string; users: string[] };
  let submitter: { id: string; organisation_id: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource({ url: db.appUrl, poolSize: 4, applicationName: 'pennant-test-events', auditSigningKey: auditSigningKey(db.auditKeys.rowKey) });
    await ds.initialize();
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
    const [org]: Array<{ id: string }> = await db.dataSource.query(`SELECT id FROM organisations WHERE level = 'grassroots_committee' ORDER BY path LIMIT 1`);
    // Three more reviewers at the committee, each taking e-mail for every kind of event.
    const users: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await db.dataSource.query(`INSERT INTO users (id, username, display_name, password_hash, active) VALUES ($1, $2, $3, 'x', true)`, [id, `events-reviewer-${i}`, `事件审核人${i}`]);
      await db.dataSource.query(`INSERT INTO role_assignments (id, user_id, organisation_id, role) VALUES ($1, $2, $3, 'reviewer')`, [randomUUID(), id, org!.id]);
      users.push(id);
    }
    committee = { id: org!.id, users };
    [submitter] = await db.dataSource.query(
      `SELECT u.id, r.organisation_id FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE r.role = 'submitter' ORDER BY u.username LIMIT 1`,
    );
  });
  afterAll(async () => {
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  const settings = { NOTIFY_MAX_ATTEMPTS: 3, NOTIFY_BACKOFF_SECONDS: 60, NOTIFY_LEASE_SECONDS: 120, NOTIFY_BATCH: 50, PUBLIC_BASE_URL: 'https://pennant.example.cn' };
  const channels = () =>
    configuredChannels({ NOTIFY_POLL_MS: 0, ...settings, NOTIFY_SEND_TIMEOUT_MS: 10_000, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'Pennant <pennant@example.cn>' });
  const worker = (now: string) => new NotificationDelivery({ dataSource: ds, settings, channels: channels(), logger, now: () => new Date(now) });
  const choose = (userId: string, email: string, kinds: string[], opts: { quiet?: [number, number]; digestAt?: number } = {}) =>
    db.dataSource.query(
      `INSERT INTO notification_settings (user_id, email, channels, quiet_start, quiet_end, digest_enabled, digest_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, channels = EXCLUDED.channels, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
         digest_enabled = EXCLUDED.digest_enabled, digest_at = EXCLUDED.digest_at`,
      [userId, email, JSON.stringify(Object.fromEntries(kinds.map((k) => [k, ['email']]))), opts.quiet?.[0] ?? null, opts.quiet?.[1] ?? null, opts.digestAt !== undefined, opts.digestAt ?? 480],
    );
  /** Counts the statements notify() sends. */
  const counting = (em: EntityManager, count: { n: number }) =>
    new Proxy(em, {
      get: (target, prop, receiver) =>
        prop === 'query'
          ? (...args: Parameters<EntityManager['query']>) => {
              count.n++;
              return target.query(...args);
            }
          : Reflect.get(target, prop, receiver),
    });

  it('notify(): one statement for many targets and recipients; ids and quiet hours as computed in TypeScript; idempotent', async () => {
    const [a, b, c] = committee.users as [string, string, string];
    await choose(a, 'a@example.cn', ['task_opened']);
    await choose(b, 'b@example.cn', ['task_opened'], { quiet: [22 * 60, 7 * 60] });
    await choose(c, 'c@example.cn', ['reminder']); // not this kind: in-app only
    const targets = [
      { organisationId: committee.id, role: 'reviewer' },
      ...Array.from({ length: 40 }, () => ({ organisationId: committee.id, role: null })),
      { organisationId: committee.id, role: 'reviewer', userId: a },
    ];
    const at = new Date('2030-03-04T15:30:00Z'); // 23:30 in Beijing
    for (let round = 0; round < 2; round++) {
      const count = { n: 0 };
      await ds.transaction((em) => notify(counting(em, count), { kind: 'task_opened', targets, message: '新待办：审核推荐材料', key: 'events:many', at }));
      expect(count.n).toBe(1);
    }
    const ids = targets.map((_, i) => deterministicUuid(`events:many:${i}`));
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1)`, [ids]);
    expect(n).toBe(targets.length);
    const rows: Array<{ id: string; notification_id: string; user_id: string; channel: 'email'; address: string; status: string; next_attempt_at: Date }> = await db.dataSource.query(
      `SELECT id, notification_id, user_id, channel, address, status, next_attempt_at FROM notification_deliveries WHERE notification_id = ANY($1)`,
      [ids],
    );
    // a and b for each of the 42 targets (the named one reaches a alone), never c.
    expect(rows.filter((r) => r.user_id === a)).toHaveLength(42);
    expect(rows.filter((r) => r.user_id === b)).toHaveLength(41);
    expect(rows.filter((r) => r.user_id === c)).toHaveLength(0);
    for (const r of rows) {
      expect(r.id).toBe(deliveryId(r.notification_id, r.user_id, r.channel));
      expect(r.status).toBe('pending');
      expect(r.address).toBe(r.user_id === a ? 'a@example.cn' : 'b@example.cn');
      expect(new Date(r.next_attempt_at).toISOString()).toBe(afterQuietHours(at, r.user_id === b ? 22 * 60 : null, r.user_id === b ? 7 * 60 : null).toISOString());
    }
    expect(new Date(rows.find((r) => r.user_id === b)!.next_attempt_at).toISOString()).toBe('2030-03-04T23:00:00.000Z');
  });

  it('quiet hours in SQL agree with afterQuietHours() through the day, across midnight and not', async () => {
    const moments = Array.from({ length: 96 }, (_, i) => new Date(Date.UTC(2030, 2, 4, 0, i * 15 + 7, 13)));
    for (const [qs, qe] of [[22 * 60, 7 * 60], [12 * 60, 14 * 60], [0, 6 * 60 + 30], [9 * 60, 9 * 60]] as const) {
      const sql: Array<{ due: Date }> = await db.dataSource.query(`SELECT pennant_after_quiet_hours(m, $2, $3) AS due FROM unnest($1::timestamptz[]) WITH ORDINALITY AS x(m, i) ORDER BY i`, [moments, qs, qe]);
      expect(sql.map((r) => new Date(r.due).toISOString())).toEqual(moments.map((m) => afterQuietHours(m, qs, qe).toISOString()));
    }
  });

  it('a task opened tells its assignees (新待办) once; returned to the submitter tells them (被退回)', async () => {
    const acts = createHumanTaskActivities(ds);
    const taskId = randomUUID();
    const slotId = randomUUID();
    const dueAt = '2030-03-10T09:00:00.000Z';
    const state: TaskState = { status: 'open', outcome: null, returnTo: null, slots: [{ id: slotId, assignee: { organisationId: committee.id, role: 'reviewer' }, state: 'open' }], dueAt, overdue: false, acted: false, urged: 0 };
    const rules = { policy: { mode: 'single' as const }, outcomes: ['approve', 'return'], positive: 'approve', opinionRequiredFor: ['return'], returnTargets: [], submitterUserId: submitter.id, closesAtDue: false };
    const input = { taskId, kind: 'approval', title: '审核推荐材料（事件）', subject: { type: 'nomination', id: taskId } };
    const opened = { input, rules, workflowId: `probe-${taskId}`, state, action: null, actionKey: `${taskId}:opened`, at: '2030-03-04T02:00:00.000Z' };
    await acts.syncHumanTask(opened);
    await acts.syncHumanTask(opened); // retried
    const notes = () => db.dataSource.query(`SELECT kind, organisation_id, role, user_id, message FROM notifications WHERE task_id = $1 ORDER BY created_at, kind`, [taskId]);
    expect(await notes()).toEqual([{ kind: 'task_opened', organisation_id: committee.id, role: 'reviewer', user_id: null, message: '新待办：审核推荐材料（事件），办理期限：2030年3月10日 17:00' }]);
    // The reviewers who chose e-mail for new tasks have it in the outbox.
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM notification_deliveries d JOIN notifications x ON x.id = d.notification_id WHERE x.task_id = $1`, [taskId]);
    expect(n).toBe(2);

    const actor = { userId: committee.users[0]!, displayName: '事件审核人0', role: 'reviewer' as const, organisationId: committee.id };
    const returned: TaskState = { ...state, status: 'completed', outcome: 'return', returnTo: 'submitter', acted: true, slots: [{ ...state.slots[0]!, state: 'decided', decision: 'return', opinion: '材料不全' }] };
    const decision = { ...opened, state: returned, action: { actor, action: { type: 'decide' as const, decision: 'return', opinion: '材料不全' } }, actionKey: `${taskId}:action:1`, at: '2030-03-05T02:00:00.000Z' };
    await acts.syncHumanTask(decision);
    await acts.syncHumanTask(decision);
    expect((await notes()).slice(1)).toEqual([{ kind: 'returned', organisation_id: committee.id, role: null, user_id: submitter.id, message: '被退回：审核推荐材料（事件）（事件审核人0：材料不全）' }]);
  });

  it('daily digest: held until the user’s time, then ONE message per user and channel lists them; a restart sends it once; a late one goes on its own', async () => {
    const [, , c] = committee.users as [string, string, string];
    // The earlier tests' outbox is not this one's business.
    await db.dataSource.query(`UPDATE notification_deliveries SET status = 'failed', last_error = 'not this test' WHERE status = 'pending'`);
    await choose(c, 'digest@example.cn', ['reminder', 'urge'], { digestAt: 8 * 60 });
    const write = (key: string, kind: 'reminder' | 'urge', message: string, at: string) =>
      ds.transaction((em) => notify(em, { kind, targets: [{ organisationId: committee.id, role: 'reviewer', userId: c }], message, key, at }));
    // 10:00, 15:00 and 23:00 on 4 March in Beijing: all held for 08:00 on 5 March (00:00Z).
    await write('digest:1', 'reminder', '任务“审核推荐材料”将于24小时后到期', '2030-03-04T02:00:00Z');
    await write('digest:2', 'urge', '张三催办：审核推荐材料', '2030-03-04T07:00:00Z');
    await write('digest:3', 'reminder', '任务“评定打分”将于72小时后到期', '2030-03-04T15:00:00Z');
    const held = () =>
      db.dataSource.query(
        `SELECT d.status, d.digest_id, d.next_attempt_at FROM notification_deliveries d WHERE d.user_id = $1 AND d.notification_id IS NOT NULL ORDER BY d.created_at`,
        [c],
      );
    expect((await held()).map((r: { status: string; next_attempt_at: Date }) => [r.status, new Date(r.next_attempt_at).toISOString()])).toEqual(Array(3).fill(['held', '2030-03-05T00:00:00.000Z']));
    const mine = () => mails.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : null) === 'digest@example.cn');

    expect(await worker('2030-03-04T23:59:00Z').runOnce()).toBe(0);
    expect(mine()).toHaveLength(0);

    // A worker that assembles the digest and dies before sending it; the next one (a restart) sends it, once.
    const id = digestDeliveryId(c, 'email', '2030-03-05');
    expect(await worker('2030-03-05T00:00:00Z').assembleDigests()).toBe(1);
    expect(await worker('2030-03-05T00:00:00Z').assembleDigests()).toBe(0);
    expect(await worker('2030-03-05T00:00:30Z').runOnce()).toBe(1);
    expect(await worker('2030-03-05T00:01:00Z').runOnce()).toBe(0);
    expect((await held()).map((r: { status: string; digest_id: string }) => [r.status, r.digest_id])).toEqual(Array(3).fill(['digested', id]));
    const [digest] = await db.dataSource.query(`SELECT status, digest_on::text AS day, notification_id FROM notification_deliveries WHERE id = $1`, [id]);
    expect(digest).toEqual({ status: 'sent', day: '2030-03-05', notification_id: null });

    expect(mine()).toHaveLength(1);
    const mail = mine()[0]!;
    expect(mail.subject).toBe('【Pennant 每日摘要】2030-03-05：共3条通知');
    expect(mail.headers.get('x-pennant-delivery')).toBe(id);
    expect(mail.text).toContain('1. 【办理提醒】任务“审核推荐材料”将于24小时后到期');
    expect(mail.text).toContain('2. 【催办】张三催办：审核推荐材料');
    expect(mail.text).toContain('3. 【办理提醒】任务“评定打分”将于72小时后到期');
    expect(mail.text).toContain('办理链接：https://pennant.example.cn/app/tasks');
    expect(mail.text).toContain(`通知编号：${id}`);

    // Written late (an activity retried with the workflow's earlier time): its digest has gone, so it goes on its own.
    await write('digest:late', 'reminder', '任务“补充材料”将于24小时后到期', '2030-03-04T16:00:00Z');
    expect(await worker('2030-03-05T00:05:00Z').runOnce()).toBe(1);
    const [late] = await db.dataSource.query(`SELECT d.status, d.digest_id FROM notification_deliveries d WHERE d.notification_id = $1`, [deterministicUuid('digest:late:0')]);
    expect(late).toEqual({ status: 'sent', digest_id: null });
    expect(mine()).toHaveLength(2);
    expect(mine()[1]!.subject).toBe('【Pennant 办理提醒】任务“补充材料”将于24小时后到期');
  });
});
