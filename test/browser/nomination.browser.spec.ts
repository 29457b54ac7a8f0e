import { readFileSync } from 'node:fs';
import { OrganisationEntity } from '../../libs/persistence/src';
import { type WatchedPage, useBrowser } from '../support/browser';
import { ensureCalendarYear, sampleForm } from '../support/fixtures';
import { eventually } from '../support/workflow-harness';

/** "2027年3月15日" for the plan's day '2027-03-15', as the screens show a day. */
function chinaDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A PDF's first bytes: the server recognises a file by its content, not its name. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();

const thisYear = new Date().getFullYear();
/** The year of the campaign set up below (next year's, which takes applications from now on); both sizes nominate in it. */
const campaignYear = thisYear + 1;
let campaignId: string;

const http = () => browser.sys().http;
const auth = async (username: string) => ({ authorization: `Bearer ${await browser.sys().login(username)}` });
const branchId = async (code: string) => (await browser.sys().db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code })).id;

beforeAll(async () => {
  // The organisation department's campaign (its own screens are another part of the application), set up over HTTP once.
  const ds = browser.sys().db.dataSource;
  await ensureCalendarYear(ds, campaignYear);
  const created = await http().post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: campaignYear, parameters: { quota: 3 } }).expect(201);
  campaignId = created.body.id;
  // It takes applications from now on rather than from its planned opening day next year.
  await ds.query(`UPDATE campaigns SET params = params - 'applicationOpens' WHERE id = $1`, [campaignId]);
  await http().post(`/campaigns/${campaignId}/start`).set(await auth('admin')).expect(200);
  await eventually(
    () => ds.query(`SELECT count(*)::int AS n FROM campaign_stages WHERE campaign_id = $1`, [campaignId]),
    (rows: Array<{ n: number }>) => rows[0]!.n > 0,
  );
});

/** Each size nominates for branches of its own, all under 财源街道 (whose reviewer handles them): one nomination per branch and year. */
const BRANCHES = { phone: { first: 'tsq-cyjd-b01', second: 'tsq-cyjd-b02' }, desk: { first: 'tsq-cyjd-b07', second: 'tsq-cyjd-b08' } } as const;

/**
 * A branch secretary's nomination through the screens: 附件3 filled in with an attachment dropped in and sent,
 * its progress as a path preview, a draft that survives closing the page, a server refusal beside the form,
 * and a return answered by a resubmission — walked at a desk's size (every screen drawn at a phone's too).
 */
describe.each(browser.sizes)('a branch secretary nominates (%s)', (viewport) => {
  const { first, second } = BRANCHES[viewport];

  async function pick(w: WatchedPage, label: string, option: string) {
    await w.page.getByLabel(label, { exact: true }).click();
    await w.page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
  }

  async function confirmPopup(w: WatchedPage, button: RegExp) {
    await w.page.getByRole('button', { name: button }).click();
    await w.page.getByRole('button', { name: /确认提交/ }).click();
  }

  it('fills in 附件3, drops in an attachment, submits, and sees the path: the grassroots committee by its deadline, the stages ahead', async () => {
    const w = await browser.newPage(viewport);
    await w.signIn(`${first}.secretary`);
    // A secretary starts at their nominations.
    await w.page.getByRole('heading', { name: '推荐申报' }).waitFor();
    await w.screenshot('nominations-empty');
    await w.page.getByRole('button', { name: /新建推荐申报/ }).click();
    await w.page.getByRole('heading', { name: '新建推荐申报' }).waitFor();

    await pick(w, '评选年度', `${campaignYear}年度`);
    await w.page.getByLabel('支部书记姓名').fill('王建国');
    // The server's rule for the phone, shown as the user types it, before anything is sent.
    await w.page.getByLabel('联系电话').fill('12345');
    await w.page.getByText('联系电话格式不正确（手机号或带区号的固定电话）').waitFor();
    await w.page.getByLabel('联系电话').fill('0538-8221234');
    await w.page.getByText('联系电话格式不正确（手机号或带区号的固定电话）').waitFor({ state: 'hidden' });
    await w.page.getByLabel('基本情况').fill('支部现有党员28名，支部委员5名，组织生活规范。');
    await w.page.getByRole('button', { name: /添加荣誉/ }).click();
    await w.page.getByLabel('荣誉名称').fill('山东省先进基层党组织');
    await pick(w, '级别', '省级');
    await w.page.getByLabel('主要事迹').fill('带领群众发展特色种植，村集体收入三年翻番。');

    // A file the server would refuse is refused before sending; the PDF is listed with its type and size.
    await w.page.locator('input[type=file]').setInputFiles([
      { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') },
      { name: '事迹材料.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await w.page.getByText(/说明\.txt：不支持的附件类型/).waitFor();
    const pending = w.page.getByRole('group', { name: '待上传的附件' });
    await pending.getByText('事迹材料.pdf').waitFor();
    await expect(pending.textContent()).resolves.toContain('PDF · 1 KB');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('nomination-form');

    await confirmPopup(w, /提交申报/);
    await w.page.waitForURL(/\/app\/nominations\/[0-9a-f-]{36}$/);
    const id = w.page.url().split('/').pop()!;
    const progress = w.page.getByRole('region', { name: '办理进度' });
    await progress.getByText('提交申报').waitFor();

    const stages: Array<{ stage: string; label: string; due_on: string }> = await browser
      .sys()
      .db.dataSource.query(`SELECT stage, label, due_on::text AS due_on FROM campaign_stages WHERE campaign_id = $1 ORDER BY seq`, [campaignId]);
    const current = progress.getByTestId('path-current');
    await expect(current.textContent()).resolves.toMatch(/财源街道.*审核人/);
    await expect(current.textContent()).resolves.toContain(`办理期限：${chinaDay(stages[0]!.due_on)}24时前`);
    await expect(current.textContent()).resolves.toContain(`所处阶段：${stages[0]!.label}`);
    const ahead = progress.getByTestId('path-ahead');
    expect(await ahead.count()).toBe(stages.length - 1);
    await expect(ahead.first().textContent()).resolves.toContain(stages[1]!.label);
    await expect(ahead.first().textContent()).resolves.toContain(`${chinaDay(stages[1]!.due_on)}截止`);
    await w.page.getByRole('group', { name: '附件' }).getByText('事迹材料.pdf').waitFor();
    await w.page.getByRole('button', { name: /下载推荐审批表/ }).waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('nomination-progress');

    // Beside the spreadsheet, the form to print: a PDF named after the branch.
    const [printable] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: /打印（PDF）$/ }).click()]);
    const branch = await browser.sys().db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: first });
    expect(printable.suggestedFilename()).toBe(`推荐审批表-${branch.name}.pdf`);
    expect(readFileSync(await printable.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The server holds what the screens sent.
    const stored = (await http().get(`/nominations/${id}`).set(await auth(`${first}.secretary`)).expect(200)).body;
    expect(stored).toMatchObject({ campaignYear, status: 'under_review', form: { secretaryName: '王建国', secretaryPhone: '0538-8221234', honours: [{ title: '山东省先进基层党组织', level: 'provincial' }] } });
    expect(stored.attachments.map((a: { filename: string }) => a.filename)).toEqual(['事迹材料.pdf']);

    // The list shows it with its status.
    await w.open('/nominations');
    const row = w.page.getByRole('row').filter({ hasText: `${campaignYear}年度` });
    await row.getByText('审核中').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('nominations-list');
  });

  it('keeps a draft when the page is closed, and shows a refusal beside the form without losing what was typed', async () => {
    // This year's nomination already exists (sent earlier), so sending another is refused.
    await http()
      .post('/nominations')
      .set(await auth(`${first}.secretary`))
      .send({ branchId: await branchId(first), campaignYear: thisYear, form: sampleForm() })
      .expect(201);

    let w = await browser.newPage(viewport);
    await w.signIn(`${first}.secretary`);
    await w.open('/nominations/new');
    await w.page.getByLabel('支部书记姓名').fill('李红梅');
    await w.page.getByLabel('主要事迹').fill('草稿：组织党员志愿服务队常年开展邻里互助。');

    w = await browser.reopen(w);
    await w.signIn(`${first}.secretary`);
    await w.open('/nominations/new');
    await w.page.getByText(/已恢复您在.+未提交的草稿/).waitFor();
    expect(await w.page.getByLabel('支部书记姓名').inputValue()).toBe('李红梅');
    expect(await w.page.getByLabel('主要事迹').inputValue()).toBe('草稿：组织党员志愿服务队常年开展邻里互助。');
    await w.screenshot('nomination-draft-restored');

    await pick(w, '评选年度', `${thisYear}年度`);
    await w.page.getByLabel('联系电话').fill('13912345678');
    await w.page.getByLabel('基本情况').fill('支部现有党员19名。');
    w.expectRefusal(409, /^\/nominations$/);
    await confirmPopup(w, /提交申报/);
    await w.page.getByRole('alert').filter({ hasText: '不能重复提交' }).waitFor();
    expect(await w.page.getByLabel('支部书记姓名').inputValue()).toBe('李红梅');
    expect(await w.page.getByLabel('基本情况').inputValue()).toBe('支部现有党员19名。');
    expect(new URL(w.page.url()).pathname).toBe('/app/nominations/new');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('nomination-refused');
  });

  it('the grassroots reviewer returns it from My work; the secretary sees the opinion and resubmits, both through their screens', async () => {
    const secretary = await auth(`${second}.secretary`);
    const submitted = await http()
      .post('/nominations')
      .set(secretary)
      .send({ branchId: await branchId(second), campaignYear: thisYear, form: sampleForm() })
      .expect(201);
    // The grassroots reviewer returns it through their own screens: My work, the task, 退回修改 with an opinion.
    const reviewer = await browser.newPage(viewport);
    await reviewer.signIn('tsq-cyjd.reviewer');
    await reviewer.open('/tasks');
    await reviewer.page.getByRole('heading', { name: '我的待办' }).waitFor();
    await reviewer.page.getByRole('link', { name: new RegExp(submitted.body.branch.name) }).first().click();
    await reviewer.page.getByText('推荐申报（附件3）').waitFor();
    await reviewer.page.getByText('退回修改', { exact: true }).click();
    await reviewer.page.getByLabel('办理意见').fill('请补充近三年党建工作的具体材料');
    await reviewer.page.getByRole('button', { name: /提交“/ }).click();
    const ok = reviewer.page.getByRole('button', { name: '确认提交' });
    await ok.click();
    await ok.waitFor({ state: 'detached' });
    await reviewer.page.getByRole('heading', { name: '我的待办' }).waitFor();
    await eventually(
      () => http().get(`/nominations/${submitted.body.id}`).set(secretary),
      (r) => r.body.status === 'returned',
    );

    const w = await browser.newPage(viewport);
    await w.signIn(`${second}.secretary`);
    const row = w.page.getByRole('row').filter({ hasText: `${thisYear}年度` });
    await row.getByText('已退回修改').waitFor();
    await row.getByRole('link').click();
    await w.page.getByText('审核意见：请补充近三年党建工作的具体材料').waitFor();
    const progress = w.page.getByRole('region', { name: '办理进度' });
    await expect(progress.getByTestId('path-current').textContent()).resolves.toContain('待党支部修改后重新提交');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('nomination-returned');

    await w.page.getByRole('button', { name: '修改后重新提交' }).click();
    await w.page.getByRole('heading', { name: '修改推荐申报' }).waitFor();
    await w.page.getByText('审核意见：请补充近三年党建工作的具体材料').waitFor();
    const deeds = w.page.getByLabel('主要事迹');
    expect(await deeds.inputValue()).toBe(sampleForm().mainDeeds);
    await deeds.fill(`${sampleForm().mainDeeds}近三年每年开展主题党日12次，材料见附件。`);
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('nomination-resubmit');
    await confirmPopup(w, /重新提交/);

    await w.page.waitForURL(new RegExp(`/app/nominations/${submitted.body.id}$`));
    await w.page.getByText('审核中', { exact: true }).waitFor();
    await progress.getByText('修改后重新提交', { exact: true }).waitFor();
    await progress.getByTestId('path-current').filter({ hasText: '当前：待审核' }).waitFor();
    await progress.getByText('意见：请补充近三年党建工作的具体材料').waitFor();
    const stored = (await http().get(`/nominations/${submitted.body.id}`).set(secretary).expect(200)).body;
    expect(stored.form.mainDeeds).toContain('近三年每年开展主题党日12次');
    await w.screenshot('nomination-resubmitted');
  });
});
