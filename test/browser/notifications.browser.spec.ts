import { OrganisationEntity, deterministicUuid, notify } from '../../libs/persistence/src';
import { VIEWPORT_NAMES, useBrowser } from '../support/browser';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/**
 * The header's notification bell, at a phone's and a desk's size: the unread count of the signed-in reviewer,
 * the list it opens, and a notification opened is marked read (for that reader only) and the count goes down.
 */
describe.each(browser.sizes)('notification bell (%s)', (viewport) => {
  it('shows the unread count, lists the notification, and marks it read when opened', async () => {
    const ds = browser.sys().db.dataSource;
    const committee = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd' });
    const key = `browser:bell:${viewport}`;
    await ds.transaction((em) =>
      notify(em, { kind: 'escalation', targets: [{ organisationId: committee.id, role: 'reviewer' }], message: `申报截止时尚未完成受理审核：测试党支部（${viewport}）`, key, at: new Date() }),
    );
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM notifications x WHERE x.organisation_id = $1 AND x.role = 'reviewer'
          AND NOT EXISTS (SELECT 1 FROM notification_reads r JOIN users u ON u.id = r.user_id WHERE r.notification_id = x.id AND u.username = 'tsq-cyjd.reviewer')`,
      [committee.id],
    );

    const w = await browser.newPage(viewport);
    await w.signIn('tsq-cyjd.reviewer');
    await w.open('/tasks');
    const bell = w.page.getByRole('button', { name: `通知，${n}条未读` });
    await bell.waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('bell-unread');
    await bell.click();
    const item = w.page.getByTestId('notification').filter({ hasText: `测试党支部（${viewport}）` });
    await item.filter({ hasText: '未读' }).waitFor();
    // The kind in Chinese, as the server names it.
    await item.filter({ hasText: '逾期上报' }).waitFor();
    await w.screenshot('bell-list');
    await item.click();
    await item.filter({ hasText: '已读' }).waitFor();
    await w.page.getByRole('button', { name: `通知，${n - 1}条未读` }).waitFor();
    const reads = await ds.query(`SELECT u.username FROM notification_reads r JOIN users u ON u.id = r.user_id WHERE r.notification_id = $1`, [deterministicUuid(`${key}:0`)]);
    expect(reads).toEqual([{ username: 'tsq-cyjd.reviewer' }]);
  });
});
