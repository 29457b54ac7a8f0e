import { randomUUID } from 'node:crypto';
import { HUMAN_TASK_WORKFLOW, type HumanTaskInput, humanTaskWorkflowId } from '../../libs/contracts/src';
import { OrganisationEntity } from '../../libs/persistence/src';
import { VIEWPORT_NAMES, useBrowser } from '../support/browser';
import { eventually } from '../support/workflow-harness';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/**
 * CC (抄送) through the screens, at a phone's and a desk's size: the grassroots
 * reviewer handling Tai'an's report copies it to one of its branches with the
 * task page's 抄送 control; that branch's secretary finds it, 未读, in 抄送我的,
 * opens it read-only (tagged 抄送, no decision form, no 提交, nothing to do),
 * and the reviewer then sees the secretary among 已读.
 */
describe.each(browser.sizes)('CC (%s)', (viewport) => {
  it('a copied user sees the item read-only in 抄送我的, and the actor sees them in 已读', async () => {
    const ds = browser.sys().db.dataSource;
    const org = (code: string) => ds.getRepository(OrganisationEntity).findOneByOrFail({ code });
    const committee = await org('tsq-cyjd');
    const branchCode = viewport === 'phone' ? 'tsq-cyjd-b04' : 'tsq-cyjd-b05';
    const branch = await org(branchCode);
    const [secretaryUser] = await ds.query(`SELECT display_name FROM users WHERE username = $1`, [`${branchCode}.secretary`]);
    const [admin] = await ds.query(`SELECT id FROM users WHERE username = 'admin'`);
    const campaignId = randomUUID();
    await ds.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'taian', $2, '抄送演示活动', $3, '{}', '[]', 'running', $4)`,
      [campaignId, viewport === 'phone' ? 2094 : 2095, (await org('taian-zzb')).id, admin.id],
    );
    const groupId = randomUUID();
    const title = `填写基层党委意见并逐级上报（抄送演示，${viewport === 'phone' ? '手机' : '电脑'}）`;
    const input: HumanTaskInput = {
      taskId: groupId,
      kind: 'grassroots_report',
      title,
      subject: { type: 'unit', id: committee.id },
      assignees: [{ organisationId: committee.id, role: 'reviewer' }],
      policy: { mode: 'single' },
      outcomes: ['approve', 'return'],
      opinionRequiredFor: ['return'],
      dueAt: new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString(),
      campaignId,
      stage: 'grassroots_recommendation',
    };
    await browser.sys().temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, { workflowId: humanTaskWorkflowId(groupId), taskQueue: 'pennant-e2e', args: [input] });
    const [{ id: taskId }] = await eventually(
      () => ds.query(`SELECT id FROM tasks WHERE group_id = $1`, [groupId]) as Promise<Array<{ id: string }>>,
      (rows) => rows.length > 0,
    );

    // The reviewer handling the task copies it to the branch's secretary (申报人) with the 抄送 control.
    const reviewer = await browser.newPage(viewport);
    await reviewer.signIn('tsq-cyjd.reviewer');
    await reviewer.open(`/tasks/${taskId}`);
    await reviewer.page.getByRole('heading', { name: title }).waitFor();
    await reviewer.page.getByRole('button', { name: /^(loading )?抄\s*送$/ }).click();
    const dialog = reviewer.page.getByRole('dialog', { name: '抄送' });
    const orgField = dialog.getByLabel('抄送组织');
    await orgField.click();
    await orgField.fill(branch.name);
    await reviewer.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: branch.name }).first().click();
    await reviewer.choose(dialog.getByLabel('岗位'), '申报人');
    await reviewer.screenshot('cc-dialog');
    await dialog.getByRole('button', { name: /^(loading )?确认抄送$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await reviewer.page.getByText(`${branch.name}申报人（`).waitFor();
    const [copy] = await ds.query(`SELECT organisation_id, role, source FROM task_copies WHERE task_id = $1 AND source = 'ad_hoc'`, [taskId]);
    expect(copy).toEqual({ organisation_id: branch.id, role: 'submitter', source: 'ad_hoc' });

    // The secretary: 抄送我的 lists it, unread; it opens read-only.
    const secretary = await browser.newPage(viewport);
    await secretary.signIn(`${branchCode}.secretary`);
    if (viewport === 'phone') await secretary.page.getByRole('button', { name: '打开导航' }).click();
    await secretary.page.getByRole('menuitem', { name: /抄送我的/ }).click();
    await secretary.page.getByRole('heading', { name: '抄送我的' }).waitFor();
    const link = secretary.page.getByRole('link', { name: title });
    await link.waitFor();
    await secretary.page.locator('.ant-tag', { hasText: /^未读$/ }).waitFor();
    expect(await secretary.horizontalOverflow()).toBeLessThanOrEqual(0);
    await secretary.screenshot('cc-copied-to-me');
    await link.click();
    await secretary.page.getByRole('heading', { name: title }).waitFor();
    await secretary.page.getByText('该任务抄送给您，仅供查看，不需要办理').waitFor();
    await secretary.page.locator('.ant-tag', { hasText: /^抄送$/ }).waitFor();
    expect(await secretary.page.getByRole('button', { name: /提\s*交/ }).count()).toBe(0);
    expect(await secretary.page.getByRole('button', { name: /^(loading )?抄\s*送$/ }).count()).toBe(0);
    expect(await secretary.page.getByLabel('办理意见').count()).toBe(0);
    expect(await secretary.page.getByRole('button', { name: /^(转\s*办|委\s*托|加\s*签|催\s*办|撤\s*回|延\s*期)$/ }).count()).toBe(0);
    expect(await secretary.horizontalOverflow()).toBeLessThanOrEqual(0);
    // Opened from 抄送我的, the side navigation still says where the reader is (a phone's is in a drawer, the same menu).
    if (viewport === 'desk') await secretary.page.locator('.ant-menu-item-selected', { hasText: '抄送我的' }).waitFor();
    await secretary.screenshot('cc-read-only');

    // Back in the list it is read now.
    await secretary.page.getByRole('link', { name: '← 返回抄送我的' }).click();
    await secretary.page.getByRole('heading', { name: '抄送我的' }).waitFor();
    await secretary.page.locator('.ant-tag', { hasText: /^已读$/ }).waitFor();

    // The reviewer sees the secretary among 已读.
    await reviewer.page.reload();
    await reviewer.page.getByText(new RegExp(`${secretaryUser.display_name}（${branch.name}）`)).waitFor();
    await reviewer.screenshot('cc-read-by');
    // Nothing of this held up the task: it is still the reviewer's to decide.
    await reviewer.page.getByRole('button', { name: /提交“/ }).waitFor();
  });
});
