import { useBrowser } from '../support/browser';
import { orgByCode, sampleForm } from '../support/fixtures';
import { eventually } from '../support/workflow-harness';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();

/**
 * The ledger (台账) under the 10% cap, the working-day calendar and the audit trail,
 * through their screens, walked at a desk's size (every screen drawn at a phone's too).
 */
describe.each(browser.sizes)('ledger, calendar and audit (%s)', (viewport) => {
  let changedBranch = '';
  // The evaluation before the change, as the entry page shows it ('—' for none), to be found in the audit record.
  let previousEvaluation = '';

  it("a committee's reviewer reads the ledger, is refused a second advanced branch with the rule, and records an evaluation with its reason", async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('tsq-cyjd.reviewer');
    await w.open('/ledger');
    await w.page.getByRole('heading', { name: '过硬党支部建设工作台账' }).waitFor();
    await w.page.getByText('先进（上限 1）').waitFor();
    await w.page.getByText('共 10 个党支部').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('ledger');

    // Each size changes a branch of its own (the first average one, the second), so that each finds only its change in the audit trail.
    const averageRow = w.page.locator('tr.ant-table-row').filter({ hasText: '中间' }).nth(viewport === 'phone' ? 0 : 1);
    const branchName = (await averageRow.getByRole('link').textContent())!;
    await averageRow.getByRole('link').click();
    await w.page.getByRole('heading', { name: branchName }).waitFor();
    changedBranch = new URL(w.page.url()).pathname.split('/').at(-1)!;
    previousEvaluation = (await w.page.locator('.ant-descriptions-item').filter({ hasText: '年度考评' }).locator('.ant-descriptions-item-content').textContent())!;

    // The street already has its one advanced branch: the server refuses, naming the rule; the form keeps the input.
    await w.choose(w.page.getByLabel('等次', { exact: true }), '先进');
    await w.page.getByLabel('调整理由').fill('拟评为先进');
    w.expectRefusal(422, /^\/ledger\/[^/]+$/);
    await w.page.getByRole('button', { name: /保\s*存/ }).click();
    await w.page.getByRole('alert').filter({ hasText: '比例上限' }).waitFor();
    await expect(w.page.getByLabel('调整理由').inputValue()).resolves.toBe('拟评为先进');
    await w.screenshot('ledger-entry-refused');

    await w.choose(w.page.getByLabel('等次', { exact: true }), '中间');
    await w.page.getByLabel('年度考评结果').fill('较好');
    await w.page.getByLabel('调整理由').fill('年度考评：组织生活规范');
    await w.page.getByRole('button', { name: /保\s*存/ }).click();
    await w.page.getByText('台账已保存').waitFor();
    await w.page.getByText('年度考评：组织生活规范').first().waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('ledger-entry');
  });

  it('the administrator enters next year’s holidays, with the rules of the form checked first', async () => {
    const sys = browser.sys();
    const known = (await sys.http.get('/calendar/years').set({ authorization: `Bearer ${await sys.login('admin')}` }).expect(200)).body as Array<{ year: number }>;
    const next = known.at(-1)!.year + 1;
    const w = await browser.newPage(viewport);
    await w.signIn('admin');
    await w.open('/calendar');
    await w.page.getByRole('heading', { name: '工作日历' }).waitFor();
    await w.page.getByText(`${next}年放假与调休安排（尚未录入）`).waitFor();

    await w.page.getByRole('button', { name: /保\s*存/ }).click();
    await w.page.getByText('请填写依据，如国务院办公厅通知的文号').waitFor();
    await w.page.getByText('至少录入一天').waitFor();

    await w.page.getByLabel('依据（通知文号）').fill(`国办发明电〔${next - 1}〕7号`);
    await w.page.getByRole('button', { name: '添加日期' }).click();
    await w.page.getByLabel('日期').click();
    await w.page.locator(`.ant-picker-dropdown td[title="${next}-01-01"]`).click();
    await w.page.getByLabel('节日').fill('元旦');
    await w.page.getByRole('button', { name: /保\s*存/ }).click();
    await w.page.getByText(`${next}年的放假与调休安排已保存`).waitFor();
    await w.page.getByRole('cell', { name: `${next}年` }).waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('calendar');
  });

  it("the administrator finds the ledger change in the audit trail, with who, the reason, and what changed in Chinese", async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('admin');
    await w.open('/audit');
    await w.page.getByRole('heading', { name: '审计记录' }).waitFor();
    await w.page.getByLabel('对象编号').fill(changedBranch);
    await w.page.getByRole('button', { name: /查\s*询/ }).click();
    const row = w.page.locator('tr.ant-table-row').filter({ hasText: '财源街道' }).first();
    await row.waitFor();
    await w.page.getByText('共 1 条').waitFor();
    // The action in Chinese; its code only in the expanded row.
    await row.getByRole('cell', { name: '修改台账', exact: true }).waitFor();
    expect(await row.textContent()).not.toContain('ledger.entry');
    await row.getByRole('button', { name: /展开/ }).click();
    await w.page.getByText('操作代码：ledger.entry.updated').waitFor();
    await w.page.getByText(`对象：台账 ${changedBranch}`).waitFor();
    // What changed, field by field in Chinese: the evaluation to 较好; the grade, kept, is not listed.
    const changes = w.page.locator('.audit-changes');
    await changes.getByRole('columnheader', { name: '修改前' }).waitFor();
    const evaluation = changes.getByRole('row').filter({ hasText: '年度考评' });
    await expect(evaluation.getByRole('cell').allTextContents()).resolves.toEqual(['年度考评', previousEvaluation, '较好']);
    expect(await changes.textContent()).not.toContain('等次');
    expect(await changes.textContent()).not.toContain('evaluation');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('audit');
    // The stored JSON stays within reach, folded away.
    await expect(w.page.getByText('"evaluation": "较好"').isVisible()).resolves.toBe(false);
    await w.page.getByRole('button', { name: '原始数据' }).click();
    await w.page.getByText('"evaluation": "较好"').waitFor();
  });

  it("reads a record's ids as names: the branch a nomination was submitted for", async () => {
    const sys = browser.sys();
    const branch = await orgByCode(sys.db.dataSource, viewport === 'phone' ? 'tsq-cyjd-b04' : 'tsq-cyjd-b03');
    const secretary = { authorization: `Bearer ${await sys.login(`${branch.code}.secretary`)}` };
    const admin = { authorization: `Bearer ${await sys.login('admin')}` };
    const { id } = (await sys.http.post('/nominations').set(secretary).send({ branchId: branch.id, campaignYear: 2061, form: sampleForm() }).expect(201)).body as { id: string };
    // The worker writes the submission's record.
    await eventually(
      async () => ((await sys.http.get(`/audit?subjectId=${id}`).set(admin).expect(200)).body as { total: number }).total,
      (total) => total > 0,
    );
    const w = await browser.newPage(viewport);
    await w.signIn('admin');
    await w.open(`/audit?subjectId=${id}`);
    const row = w.page.locator('tr.ant-table-row').filter({ hasText: '提交推荐申报' }).first();
    await row.getByRole('button', { name: /展开/ }).click();
    const changes = w.page.locator('.audit-changes');
    await expect(changes.getByRole('row').filter({ has: w.page.getByRole('cell', { name: '党支部', exact: true }) }).getByRole('cell').allTextContents()).resolves.toEqual(['党支部', '—', branch.name]);
    expect(await changes.textContent()).not.toContain(branch.id);
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('audit-names');
  });
});
