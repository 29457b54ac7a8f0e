import { deterministicUuid, notify } from '../../libs/persistence/src';
import { useBrowser } from '../support/browser';
import { eventually } from '../support/workflow-harness';

const USERS = { phone: 'tsq-cyjd.reviewer', desk: 'tsq.reviewer' } as const;

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({ workerEnv: { NOTIFY_POLL_MS: '100' } });

/**
 * 通知设置 and 发送记录, reached from the bell, walked at a desk's size (every screen drawn at a phone's too): a reviewer chooses e-mail for
 * overdue notices, which is kept after a reload; an overdue notice then fails to go out (no mail server is
 * configured here) and its status and reason show in the delivery record; the daily digest is turned on and kept.
 */
describe.each(browser.sizes)('notification settings and delivery record (%s)', (viewport) => {
  it('changes a setting, finds it kept after a reload, and sees a delivery’s status and reason', async () => {
    const ds = browser.sys().db.dataSource;
    const username = USERS[viewport];
    const email = `${viewport}.reviewer@example.cn`;
    const w = await browser.newPage(viewport);
    await w.signIn(username);
    await w.open('/tasks');
    await w.page.getByRole('button', { name: /^通知，\d+条未读$/ }).click();
    await w.page.getByRole('button', { name: /通知设置/ }).click();
    await w.page.getByRole('heading', { name: '通知设置' }).waitFor();

    await w.page.getByLabel('接收邮箱').fill(email);
    const overdueEmail = w.page.getByRole('group', { name: '逾期提醒' }).getByLabel('电子邮件');
    await overdueEmail.check();
    await w.page.getByRole('button', { name: /^(loading )?保\s*存$/ }).click();
    await w.page.getByText('通知设置已保存').waitFor();
    await w.screenshot('notification-settings');

    await w.page.reload();
    await w.page.getByRole('heading', { name: '通知设置' }).waitFor();
    await w.page.getByLabel('接收邮箱').and(w.page.locator(`[value="${email}"]`)).waitFor();
    expect(await w.page.getByRole('group', { name: '逾期提醒' }).getByLabel('电子邮件').isChecked()).toBe(true);
    expect(await w.page.getByRole('group', { name: '催办' }).getByLabel('电子邮件').isChecked()).toBe(false);

    // An overdue notice to this reviewer: the worker tries the e-mail, which is not configured here, and it fails with the reason.
    const [me] = await ds.query(`SELECT u.id, r.organisation_id FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.username = $1 AND r.role = 'reviewer'`, [username]);
    const key = `browser:delivery:${viewport}`;
    await ds.transaction((em) =>
      notify(em, { kind: 'overdue', targets: [{ organisationId: me.organisation_id, role: 'reviewer', userId: me.id }], message: `任务“审核推荐材料（${viewport}）”已逾期`, key, at: new Date() }),
    );
    await eventually(
      () => ds.query(`SELECT status FROM notification_deliveries WHERE notification_id = $1`, [deterministicUuid(`${key}:0`)]),
      (rows: Array<{ status: string }>) => rows.length === 1 && rows[0]!.status === 'failed',
    );

    await w.page.getByRole('link', { name: '查看发送记录' }).click();
    await w.page.getByRole('heading', { name: '发送记录' }).waitFor();
    const record = w.page.getByTestId('delivery').filter({ hasText: `审核推荐材料（${viewport}）` });
    await record.filter({ hasText: '已失败' }).filter({ hasText: '逾期提醒' }).filter({ hasText: '电子邮件' }).waitFor();
    await record.getByText(/原因：第1次发送失败，已停止重试：未配置电子邮件/).waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('notification-deliveries');

    // The daily digest: turned on at 07:30, kept after a reload.
    await w.page.getByRole('link', { name: '通知设置' }).click();
    await w.page.getByRole('heading', { name: '通知设置' }).waitFor();
    await w.page.getByRole('switch', { name: '每日摘要' }).click();
    await w.page.getByLabel('摘要时间').fill('07:30');
    await w.page.getByRole('button', { name: /^(loading )?保\s*存$/ }).click();
    await w.page.getByText('通知设置已保存').waitFor();
    await w.page.reload();
    await w.page.getByRole('heading', { name: '通知设置' }).waitFor();
    await w.page.getByLabel('摘要时间').and(w.page.locator('[value="07:30"]')).waitFor();
    expect(await w.page.getByRole('switch', { name: '每日摘要' }).isChecked()).toBe(true);
    expect(await w.page.getByRole('group', { name: '逾期提醒' }).getByLabel('电子邮件').isChecked()).toBe(true);
    const [stored] = await ds.query(`SELECT email, channels, digest_enabled, digest_at FROM notification_settings WHERE user_id = $1`, [me.id]);
    expect(stored).toEqual({ email, channels: { overdue: ['email'] }, digest_enabled: true, digest_at: 450 });
  });
});
