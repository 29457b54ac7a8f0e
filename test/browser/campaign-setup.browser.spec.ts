import { OrganisationEntity } from '../../libs/persistence/src';
import { type ViewportName, type WatchedPage, useBrowser } from '../support/browser';
import { ensureCalendarYear } from '../support/fixtures';
import { eventually } from '../support/workflow-harness';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();

/**
 * The administrator's campaign set-up walked at a desk's size (every screen drawn at a phone's too): the plan preview from the document's
 * defaults, a parameter changed and the schedule following it, a broken rule refused in the server's words,
 * then create, start, pause, resume and extend a stage for a subtree — each confirmed with a reason on the record.
 */
describe.each(browser.sizes)('campaign set-up (%s)', (viewport: ViewportName) => {
  const year = viewport === 'phone' ? 2041 : 2043;

  const dialog = (w: WatchedPage, title: string) => w.page.getByRole('dialog', { name: title });
  const applicationDue = (w: WatchedPage) => w.page.getByTestId('planned-due').first().textContent();
  const statusIs = (w: WatchedPage, label: string) => w.page.getByTestId('campaign-status').filter({ hasText: new RegExp(`^${label}$`) }).waitFor();
  const dueIs = (w: WatchedPage, day: RegExp) => w.page.getByTestId('planned-due').first().filter({ hasText: day }).waitFor();

  async function pickDate(w: WatchedPage, label: string, text: string): Promise<void> {
    const input = w.page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(text);
    await input.press('Enter');
  }

  /** Ant Design spaces a two-character button's label ("启 动"). */
  const buttonName = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);

  async function confirmWithReason(w: WatchedPage, button: string, title: string, reason: string): Promise<void> {
    await w.page.getByRole('button', { name: buttonName(button) }).click();
    const d = dialog(w, title);
    await d.waitFor();
    await d.getByLabel('理由').fill(reason);
    await d.getByRole('button', { name: `确认${button}` }).click();
    await d.waitFor({ state: 'hidden' });
  }

  it('previews the plan, follows a changed parameter, refuses a broken rule, then creates, starts and steers the campaign', async () => {
    const ds = browser.sys().db.dataSource;
    await ensureCalendarYear(ds, year);
    await ensureCalendarYear(ds, year + 1);
    const tsq = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq' });

    const w = await browser.newPage(viewport);
    await w.signIn('admin');
    await w.open('/setup');
    await w.page.getByRole('heading', { name: '活动设置' }).waitFor();
    await w.page.getByLabel('流程', { exact: true }).click();
    await w.page.locator('.ant-select-dropdown').getByText('“泰山先锋”红旗党支部评选', { exact: true }).click();
    await w.page.getByLabel('年度', { exact: true }).fill(String(year));
    await dueIs(w, new RegExp(`^${year}年3月`));
    const before = await applicationDue(w);
    await w.page.getByLabel('命名名额').waitFor();
    await w.screenshot('setup-preview');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);

    // One deadline moved: the schedule follows it.
    await pickDate(w, '党支部推荐申报截止', `${year}年3月24日`);
    await dueIs(w, new RegExp(`^${year}年3月2[4-9]日$`));
    expect(await applicationDue(w)).not.toBe(before);

    // Past the grassroots recommendation's deadline: the server's rule refuses it, in Chinese, and nothing can be created.
    w.expectRefusal(422, /^\/campaigns\/defaults\/preview$/);
    await pickDate(w, '党支部推荐申报截止', `${year}年4月10日`);
    const refusal = w.page.getByRole('alert').filter({ hasText: '截止日期须晚于' });
    await refusal.waitFor();
    expect(await w.page.getByRole('button', { name: '创建评选活动' }).isDisabled()).toBe(true);
    await w.screenshot('setup-refused');
    await pickDate(w, '党支部推荐申报截止', `${year}年3月24日`);
    await refusal.waitFor({ state: 'hidden' });

    // The demo city is small: three red-flag branches fit under its committees' 10% cap at 1:2 (the default would be refused at start).
    await w.page.getByLabel('命名名额', { exact: true }).fill('3');
    await w.page.getByText('命名3个红旗党支部').waitFor();

    // Create: the reason is required before anything is sent.
    await w.page.getByRole('button', { name: '创建评选活动' }).click();
    const create = w.page.getByRole('dialog').filter({ hasText: `创建${year}年度` });
    await create.getByRole('button', { name: '确认创建' }).click();
    await create.getByText('请说明理由').waitFor();
    await create.getByLabel('理由').fill('按市委部署开展年度评选');
    await create.getByRole('button', { name: '确认创建' }).click();
    await statusIs(w, '草稿');
    const [campaign] = await ds.query(`SELECT id, params FROM campaigns WHERE year = $1 AND process = 'taian'`, [year]);
    expect(campaign.params.deadlines.application).toBe('03-24');
    expect(campaign.params.quota).toBe(3);

    await confirmWithReason(w, '启动', '启动评选活动', '各级已做好准备');
    await statusIs(w, '进行中');
    await confirmWithReason(w, '暂停', '暂停评选活动', '等待上级通知');
    await statusIs(w, '已暂停');
    await confirmWithReason(w, '恢复', '恢复评选活动', '已接通知，继续进行');
    await statusIs(w, '进行中');

    // Extend the application stage for one district.
    await w.page.getByRole('button', { name: buttonName('延期') }).click();
    const extend = dialog(w, '延长某阶段的期限');
    await extend.waitFor();
    await extend.getByLabel('阶段').click();
    await w.page.locator('.ant-select-dropdown:visible').getByText('党支部推荐申报', { exact: true }).click();
    await pickDate(w, '新的截止日期', `${year}年3月31日`);
    await extend.getByLabel('适用范围（不选为全市）').fill(tsq.name);
    await w.page.locator('.ant-select-dropdown:visible').getByText(tsq.name, { exact: true }).click();
    await extend.getByLabel('理由').fill('泰山区因防汛延后申报');
    await w.screenshot('setup-extend');
    await extend.getByRole('button', { name: '确认延期' }).click();
    await extend.waitFor({ state: 'hidden' });
    const [extension] = await eventually(
      () => ds.query(`SELECT organisation_id AS "organisationId", reason FROM campaign_extensions WHERE campaign_id = $1`, [campaign.id]),
      (rows: unknown[]) => rows.length > 0,
    );
    expect(extension).toEqual({ organisationId: tsq.id, reason: '泰山区因防汛延后申报' });
    await w.screenshot('setup-running');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);

    const audit = await ds.query(`SELECT action, opinion FROM audit_log WHERE subject_id = $1 AND opinion <> '' ORDER BY seq`, [campaign.id]);
    expect(audit).toEqual([
      { action: 'campaign.created', opinion: '按市委部署开展年度评选' },
      { action: 'campaign.start', opinion: '各级已做好准备' },
      { action: 'campaign.pause', opinion: '等待上级通知' },
      { action: 'campaign.resume', opinion: '已接通知，继续进行' },
      { action: 'campaign.extend', opinion: '泰山区因防汛延后申报' },
    ]);
  });
});
