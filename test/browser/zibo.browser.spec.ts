import { chinaDate } from '../../libs/domain/src';
import { eventually } from '../support/workflow-harness';
import { type ViewportName, type WatchedPage, useBrowser } from '../support/browser';

const DECISION = /^\/tasks\/[^/]+\/decision$/;

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();

const today = chinaDate(new Date());
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
let campaignId: string;

// The year, started live once: both sizes work in it.
beforeAll(async () => {
  const admin = { authorization: `Bearer ${await browser.sys().login('zb-jgdw.admin')}` };
  const created = await browser.sys().http.post('/campaigns').set(admin).send({ process: 'zibo', year, parameters: { projectApprovedBy: '12-31' } }).expect(201);
  campaignId = created.body.id;
  await browser.sys().http.post(`/campaigns/${campaignId}/start`).set(admin).send({ reason: '部署年度过硬支部建设' }).expect(200);
});

/** Each size records for a branch of its own (a month's group meeting is one task per branch). */
const BRANCHES = {
  phone: { code: 'zb-bgs', name: '局办公室党支部', attendees: '第一党小组7人' },
  desk: { code: 'zb-gxk', name: '高新技术发展科党支部', attendees: '第二党小组6人' },
} as const;

/**
 * Zibo's screens walked at a desk's size (every screen drawn at a phone's too), on a year started live for
 * the demo bureau: a branch's secretary records this month's group meeting
 * (a counted duty) through the generic task screen — a record dated before
 * the month is refused in Chinese and nothing typed is lost — and the bureau's
 * head reads the dashboard's Zibo sections (who is behind on the counted
 * duties, per branch) and opens a branch's page from it.
 */
describe.each(browser.sizes)('Zibo screens (%s)', (viewport: ViewportName) => {
  const http = () => browser.sys().http;
  const bearer = async (username: string) => ({ authorization: `Bearer ${await browser.sys().login(username)}` });
  const noOverflow = async (w: WatchedPage) => expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
  const confirmSubmit = async (w: WatchedPage) => {
    const ok = w.page.getByRole('button', { name: '确认提交' });
    await ok.click();
    await ok.waitFor({ state: 'detached', timeout: 60_000 });
  };
  const { code: branch, name: branchName, attendees } = BRANCHES[viewport];

  it('a secretary records this month’s group meeting on the task screen; the head sees who is behind and opens the branch’s page', async () => {
    const title = new RegExp(`党小组会（${year}年${month}月）`);
    const secretary = await bearer(`${branch}.secretary`);
    const items = await eventually(
      async () => (await http().get('/tasks').query({ kind: 'obligation', limit: 100 }).set(secretary).expect(200)).body.items as Array<{ id: string; title: string }>,
      (found) => found.some((t) => title.test(t.title)),
    );
    // The months already over come first in the inbox (soonest due first): the month's task is opened from its link.
    const task = items.find((t) => title.test(t.title))!;
    const w = await browser.newPage(viewport);
    await w.signIn(`${branch}.secretary`);
    await w.open(`/tasks/${task.id}`);
    await w.page.getByRole('heading', { name: title }).waitFor();
    // The date first: its calendar closes when the next field is filled.
    await w.page.getByLabel('活动日期', { exact: true }).fill(`${year - 1}-12-31`);
    await w.page.getByLabel('参加人员', { exact: true }).fill(attendees);
    await w.page.getByLabel('会议记录或佐证材料', { exact: true }).fill('学习党章第二章，讨论本月工作安排');
    await w.screenshot('zibo-record-form');
    await noOverflow(w);
    w.expectRefusal(422, DECISION);
    // A counted duty's one outcome: 登记 (record).
    await w.page.getByRole('button', { name: /^登\s*记$/ }).click();
    await confirmSubmit(w);
    await w.page.getByRole('alert').filter({ hasText: /活动日期不能早于本期开始日期/ }).waitFor();
    await expect(w.page.getByLabel('参加人员', { exact: true }).inputValue()).resolves.toBe(attendees);
    await w.page.getByLabel('活动日期', { exact: true }).fill(today);
    await w.page.getByLabel('参加人员', { exact: true }).click();
    // After a request the spinner's leave animation can linger invisible (width 0) in the button, still named "loading".
    await w.page.getByRole('button', { name: /^(loading )?登\s*记$/ }).click();
    await confirmSubmit(w);
    await eventually(
      async () => (await browser.sys().db.dataSource.query(`SELECT count(*)::int AS n FROM obligation_records r JOIN organisations o ON o.id = r.organisation_id WHERE o.code = $1 AND r.attendees = $2`, [branch, attendees]))[0].n as number,
      (n) => n >= 1,
    );

    const head = await browser.newPage(viewport);
    await head.signIn('zb.head');
    await head.open(`/campaigns/${campaignId}`);
    const byBranch = head.page.getByRole('table', { name: '各党支部经常性工作完成情况（落后的在前）' });
    await byBranch.getByRole('link', { name: branchName }).waitFor();
    await head.page.getByRole('table', { name: '各项经常性工作完成情况' }).getByText('1—2次').waitFor();
    await noOverflow(head);
    await head.screenshot('zibo-dashboard');
    await byBranch.getByRole('link', { name: branchName }).click();
    await head.page.getByRole('heading', { name: branchName }).waitFor();
    await head.page.getByText('过硬支部建设档案', { exact: false }).first().waitFor();
    await head.page.getByRole('button', { name: /下载党建项目台账/ }).waitFor();
    await noOverflow(head);
    await head.screenshot('zibo-branch');
  });

  it('a secretary goes from a task about the branch (its annual plan) to the branch’s page', async () => {
    const secretary = await bearer(`${branch}.secretary`);
    const [plan] = await eventually(
      async () => (await http().get('/tasks').query({ kind: 'zibo_annual_plan', limit: 10 }).set(secretary).expect(200)).body.items as Array<{ id: string }>,
      (found) => found.length > 0,
    );
    const w = await browser.newPage(viewport);
    await w.signIn(`${branch}.secretary`);
    await w.open(`/tasks/${plan!.id}`);
    await w.page.getByRole('link', { name: '查看该党支部的过硬支部建设档案' }).click();
    await w.page.getByRole('heading', { name: branchName }).waitFor();
    await w.page.getByText('过硬支部建设档案', { exact: false }).first().waitFor();
    await noOverflow(w);
  });
});
