import { OrganisationEntity } from '../../libs/persistence/src';
import { startFormTask } from '../support/approval-task';
import { VIEWPORT_NAMES, useBrowser } from '../support/browser';
import { eventually } from '../support/workflow-harness';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/**
 * Delegation (委托) through the screens, at a phone's and a desk's size: the
 * grassroots reviewer picks the delegate by name from the people of the
 * committee's subtree (someone of another street is not offered), the task
 * then waits on the delegate, who finds 受托人回复 on it and replies; the
 * reviewer has the task back.
 */
describe.each(browser.sizes)('Delegation (%s)', (viewport) => {
  it('the reviewer picks a delegate by name from their own subtree; the delegate replies', async () => {
    const ds = browser.sys().db.dataSource;
    const committeeCode = viewport === 'phone' ? 'tsq-cyjd' : 'tsq-dmjd';
    const otherStreet = viewport === 'phone' ? '岱庙街道' : '财源街道';
    const committee = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: committeeCode });
    const [member] = await ds.query(`SELECT id, display_name FROM users WHERE username = $1`, [`${committeeCode}.member`]);
    const title = `组织党员群众测评（委托演示，${viewport === 'phone' ? '手机' : '电脑'}）`;
    const taskId = await startFormTask(browser.sys(), {
      organisationId: committee.id,
      kind: 'evaluation_vote',
      title,
      dueAt: new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString(),
      form: { kind: 'scores', candidates: [{ id: 'b01', name: '东关村党支部' }], min: 0, max: 100 },
      outcomes: ['completed'],
    });

    const reviewer = await browser.newPage(viewport);
    await reviewer.signIn(`${committeeCode}.reviewer`);
    await reviewer.open(`/tasks/${taskId}`);
    await reviewer.page.getByRole('heading', { name: title }).waitFor();
    await reviewer.page.getByRole('button', { name: /^委\s*托$/ }).click();
    const dialog = reviewer.page.getByRole('dialog', { name: '委托' });
    const picker = dialog.getByLabel('受托人');
    // Someone of another street is not among the people to choose from.
    await picker.click();
    await picker.fill(otherStreet);
    await reviewer.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('管辖范围内没有找到此人').waitFor();
    // The committee's own member is, found by name, with where they serve.
    await picker.fill('委员');
    const option = reviewer.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: `${committee.name} · 党委委员` }).filter({ hasText: member.display_name });
    await option.first().waitFor();
    await reviewer.screenshot('delegate-picker');
    await option.first().click();
    await dialog.getByLabel('意见（可选）').fill('请先核对测评票');
    await reviewer.screenshot('delegate-dialog');
    await dialog.getByRole('button', { name: /^(loading )?确认委托$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const [task] = await ds.query(`SELECT delegated_to_user_id FROM tasks WHERE id = $1`, [taskId]);
    expect(task.delegated_to_user_id).toBe(member.id);

    // The delegate replies; the task is the reviewer's again.
    const delegate = await browser.newPage(viewport);
    await delegate.signIn(`${committeeCode}.member`);
    await delegate.open(`/tasks/${taskId}`);
    await delegate.page.getByRole('heading', { name: title }).waitFor();
    await delegate.page.getByRole('button', { name: /^受托人回复$/ }).click();
    const reply = delegate.page.getByRole('dialog', { name: '受托人回复' });
    await reply.getByLabel('意见').fill('测评票已核对无误');
    expect(await delegate.horizontalOverflow()).toBeLessThanOrEqual(0);
    await delegate.screenshot('delegate-reply');
    await reply.getByRole('button', { name: /^(loading )?确认受托人回复$/ }).click();
    await reply.waitFor({ state: 'detached' });
    await eventually(
      () => ds.query(`SELECT delegated_to_user_id FROM tasks WHERE id = $1`, [taskId]) as Promise<Array<{ delegated_to_user_id: string | null }>>,
      (rows) => rows[0]?.delegated_to_user_id === null,
    );
    await reviewer.page.reload();
    await reviewer.page.getByRole('button', { name: /^委\s*托$/ }).waitFor();
  });
});
