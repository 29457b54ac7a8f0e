import { type LiangshanYearRows, YEAR, writeLiangshanYear } from '../e2e/liangshan/liangshan-rows';
import { type ViewportName, type WatchedPage, useBrowser } from '../support/browser';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();
// The year's rows, written once: both sizes read them.
let y: LiangshanYearRows;
beforeAll(async () => {
  y = await writeLiangshanYear(browser.sys().db.dataSource);
});

/**
 * Liangshan's screens walked at a desk's size (every screen drawn at a phone's too), on a year's rows
 * written as its workflows write them: the department head sees who is behind
 * this month in one screen (each late item with its leader and people), the
 * list's figures by committee and every branch's thresholds; opens a branch's
 * list with both parties on every item and downloads it; and reads the year's
 * list as the administrator keeps it.
 */
describe.each(browser.sizes)('Liangshan screens (%s)', (viewport: ViewportName) => {
  const noOverflow = async (w: WatchedPage) => expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);

  it("shows the department head who is behind this month, the list's figures and the thresholds; a branch's list with both parties, downloaded", async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('ls-zzb.head');
    await w.open(`/campaigns/${y.campaignId}`);
    const behind = w.page.getByRole('table', { name: '落后的党支部' });
    await behind.getByRole('link', { name: '凉山州科学技术协会党支部' }).waitFor();
    await behind.getByText(/支委会（2093年1月，.*到期）· 支部书记 \/ 支委委员/).first().waitFor();
    await w.page.getByTestId('liangshan-behind').getByText('1月落后的党支部（逾期未完成的事项）').waitFor();
    await w.page.getByRole('table', { name: '各党(工)委责任清单完成情况' }).getByText('中共凉山州教育系统委员会').waitFor();
    await w.page.getByRole('table', { name: '各党支部创建标准达标情况' }).getByText('集中学习 1次 未达到').first().waitFor();
    await noOverflow(w);
    await w.screenshot('liangshan-dashboard');

    await behind.getByRole('link', { name: '凉山州科学技术协会党支部' }).click();
    await w.page.getByRole('heading', { name: '凉山州科学技术协会党支部' }).waitFor();
    const items = w.page.getByRole('table', { name: '责任清单各项重点工作' });
    await items.getByRole('columnheader', { name: '责任领导' }).waitFor();
    await items.getByRole('columnheader', { name: '责任人' }).waitFor();
    await items.getByText(`${YEAR}年1月 已逾期`).waitFor();
    await items.getByText(`${YEAR}年1月 已完成`).waitFor();
    await w.page.getByText('尚未评定星级党员（12月）').waitFor();
    await noOverflow(w);
    await w.screenshot('liangshan-branch');
    const [file] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: '下载责任清单' }).click()]);
    expect(file.suggestedFilename()).toBe(`凉山州科学技术协会党支部${YEAR}年责任清单.xlsx`);
  });

  it("shows the responsible people an item's task with its leader and people", async () => {
    const ds = browser.sys().db.dataSource;
    const [x] = await ds.query(`SELECT id, organisation_id FROM obligation_occurrences WHERE organisation_id = $1 AND obligation_code = 'liangshan_L03'`, [y.org['ls-zzgw-kx']]);
    const [org] = await ds.query(`SELECT path FROM organisations WHERE id = $1`, [x.organisation_id]);
    // Its task as the schedule opened it (the year's rows are written without workflows: the task is read, not acted on).
    await ds.query(
      `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at, overdue, group_id, form, created_at)
       VALUES ($1, 'obligations-none', 'obligation', $2, 'obligation_occurrence', $1, $3, $4, 'submitter', 'open', $5, true, $1, '{"kind":"evidence"}', now())
       ON CONFLICT (id) DO NOTHING`,
      [x.id, `支委会（${YEAR}年1月）`, x.organisation_id, org.path, `${YEAR}-02-01T00:00:00+08:00`],
    );
    const w = await browser.newPage(viewport);
    await w.signIn('ls-zzgw-kx.staff');
    await w.open(`/tasks/${x.id}`);
    await w.page.getByRole('heading', { name: `支委会（${YEAR}年1月）` }).waitFor();
    await w.page.getByText('责任领导', { exact: true }).waitFor();
    await w.page.getByText('支部书记', { exact: true }).waitFor();
    await w.page.getByText('支委委员', { exact: true }).waitFor();
    await noOverflow(w);
    await w.screenshot('liangshan-task');
  });

  it("shows a year's list: the seed's 25 items with their leaders, people and deadlines", async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('ls-zzb.admin');
    await w.open('/liangshan/lists');
    await w.page.getByRole('heading', { name: '“五好党支部”创建责任清单' }).waitFor();
    await w.page.getByLabel('年度').fill(String(YEAR));
    const list = w.page.getByRole('table', { name: '责任清单' });
    await w.page.getByText(`${YEAR}年`, { exact: true }).waitFor();
    await list.getByText('专题组织生活会、民主评议党员').waitFor();
    await list.getByText('12月或次年1月（12月或次年1月）').first().waitFor();
    await w.page.getByText('文件附件的清单').waitFor();
    await noOverflow(w);
    await w.screenshot('liangshan-list');
  });

  it("lets the department's administrator edit a year's list: a refused save keeps the draft, a good one is the next version; others only read it", async () => {
    // A year of its own per size: the two sizes share one system.
    const year = viewport === 'phone' ? 2095 : 2096;
    const w = await browser.newPage(viewport);
    await w.signIn('ls-zzb.admin');
    await w.open('/liangshan/lists');
    await w.page.getByLabel('年度').fill(String(year));
    await w.page.getByText(`${year}年`, { exact: true }).waitFor();
    const list = w.page.getByRole('table', { name: '责任清单' });
    const codes = list.getByRole('cell', { name: 'L01', exact: true });
    await codes.waitFor();
    await w.page.getByRole('button', { name: '修改清单' }).click();
    const edit = async (n: number, fields: Record<string, string>) => {
      await w.page.getByRole('button', { name: `修改第${n}项` }).click();
      const dialog = w.page.getByRole('dialog', { name: `修改第${n}项` });
      for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
      await dialog.getByRole('button', { name: /^(loading )?确\s*定$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    const save = async () => {
      await w.page.getByRole('button', { name: /^(loading )?保存清单$/ }).click();
      const confirm = w.page.getByRole('dialog', { name: '确认保存责任清单' });
      await confirm.getByText(`将保存为${year}年责任清单第1版，共25项`, { exact: false }).waitFor();
      await confirm.getByRole('button', { name: /^(loading )?确认保存$/ }).click();
      await confirm.waitFor({ state: 'hidden' });
    };

    // Item 3 given item 1's code: the server refuses, naming the item, and the draft stays as typed.
    await edit(3, { 编号: 'L01', 责任人: '支委委员、组织委员' });
    await w.page.getByText('修改中，尚未保存').waitFor();
    w.expectRefusal(422, /^\/liangshan\/lists\/\d+$/);
    await save();
    await w.page.getByRole('alert').filter({ hasText: '第3项（L01）：编号与前面的事项重复' }).first().waitFor();
    expect(await codes.count()).toBe(2);
    await noOverflow(w);
    await w.screenshot('liangshan-list-edit');

    await edit(3, { 编号: 'L03' });
    await save();
    await w.page.getByText('管理员维护（第1版）').waitFor();
    await list.getByRole('cell', { name: '支委委员、组织委员', exact: true }).waitFor();
    expect(await w.page.getByText('修改中，尚未保存').count()).toBe(0);
    const kept = await browser.sys().db.dataSource.query(`SELECT version, items FROM liangshan_lists WHERE year = $1`, [year]);
    expect(kept[0].version).toBe(1);
    expect(kept[0].items[2]).toMatchObject({ code: 'L03', responsible: '支委委员、组织委员', deadline: { kind: 'monthly' } });

    const head = await browser.newPage(viewport);
    await head.signIn('ls-zzb.head');
    await head.open('/liangshan/lists');
    await head.page.getByLabel('年度').fill(String(year));
    await head.page.getByText('管理员维护（第1版）').waitFor();
    expect(await head.page.getByRole('button', { name: '修改清单' }).count()).toBe(0);
  });
});
