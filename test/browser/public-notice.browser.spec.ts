import { OrganisationEntity } from '../../libs/persistence/src';
import { type WatchedPage, VIEWPORT_NAMES, useBrowser } from '../support/browser';
import { eventually } from '../support/workflow-harness';

/**
 * The public notice, without signing in: the list on notice and its period, a named and an anonymous objection
 * with what happens next, and the rate limit's refusal in Chinese — at a phone's and a desk's size.
 */
describe.each(VIEWPORT_NAMES)('the public notice (%s)', (viewport) => {
  // Two objections per address, so the third is refused.
  const browser = useBrowser({ apiEnv: { PUBLIC_RATE_LIMIT: '2' } });
  let noticeId: string;

  beforeAll(async () => {
    // The committee's publication (its own screen is another part of the application), over HTTP.
    const { http, db } = browser.sys();
    const orgs = db.dataSource.getRepository(OrganisationEntity);
    const ids = await Promise.all(['tsq-cyjd-b01', 'tsq-cyjd-b02'].map(async (code) => (await orgs.findOneByOrFail({ code })).id));
    const published = await http
      .post('/notices')
      .set({ authorization: `Bearer ${await browser.sys().login('tsq.reviewer')}` })
      .send({ title: '泰山区“泰山先锋”红旗党支部推荐对象公示', organisationIds: ids, duration: { amount: 5, unit: 'working_days' } })
      .expect(201);
    noticeId = published.body.id;
    await eventually(
      () => http.get(`/public/notices/${noticeId}`),
      (r) => r.status === 200,
    );
  });

  async function object(w: WatchedPage, o: { item: string; name?: string; content: string }) {
    await w.page.getByLabel('反映对象').click();
    await w.page.locator('.ant-select-dropdown:visible').getByText(o.item, { exact: true }).click();
    if (o.name) {
      await w.page.getByText('实名反映', { exact: true }).click();
      await w.page.getByLabel('姓名').fill(o.name);
      await w.page.getByLabel('联系方式（选填）').fill('13800001111');
    } else {
      await w.page.getByText('匿名反映', { exact: true }).click();
      await w.page.getByLabel('姓名').waitFor({ state: 'detached' });
    }
    await w.page.getByLabel('异议内容').fill(o.content);
    await w.page.getByRole('button', { name: /提交异议/ }).click();
  }

  it('shows the list and its period to anyone, takes a named and an anonymous objection, and refuses past the rate limit in Chinese', async () => {
    const w = await browser.newPage(viewport);
    await w.open(`/notices/${noticeId}`);
    await w.page.getByRole('heading', { name: '泰山区“泰山先锋”红旗党支部推荐对象公示' }).waitFor();
    // Nobody is asked to sign in.
    expect(new URL(w.page.url()).pathname).toBe(`/app/notices/${noticeId}`);
    const list = w.page.getByRole('group', { name: '公示名单' });
    await list.getByText('东关村党支部').waitFor();
    await w.page.getByText(/公示期：\d+年\d+月\d+日至\d+年\d+月\d+日（5个工作日）/).waitFor();
    await w.page.getByText('公示中').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('public-notice');

    // A named objection needs the name: the form says so before sending.
    await w.page.getByLabel('异议内容').fill('短');
    await w.page.getByRole('button', { name: /提交异议/ }).click();
    await w.page.getByText('请选择反映的公示对象').waitFor();
    await w.page.getByText('实名反映请填写姓名；如不愿具名，请选择匿名').waitFor();
    await w.page.getByText('异议内容至少5个字').waitFor();

    await object(w, { item: '东关村党支部', name: '赵群众', content: '该支部书记去年有违规操办宴席的情况，请核查。' });
    await w.page.getByText('异议已受理').waitFor();
    await w.page.getByText(/您对“东关村党支部”提出的异议已转发布公示的党委核查/).waitFor();
    await w.page.getByText(/核查人员可能通过您留下的联系方式与您联系/).waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('objection-lodged-named');

    await w.page.getByRole('button', { name: '返回公示' }).click();
    await w.page.getByText(/已收到异议 1 件/).waitFor();
    await object(w, { item: '东关村党支部', content: '该支部组织生活记录存在补记现象。' });
    await w.page.getByText('异议已受理').waitFor();
    await w.page.getByText(/您选择了匿名反映/).waitFor();
    await w.screenshot('objection-lodged-anonymous');

    // The server's record: one named, one anonymous.
    const detail = (await browser.sys().http.get(`/notices/${noticeId}`).set({ authorization: `Bearer ${await browser.sys().login('tsq.reviewer')}` }).expect(200)).body;
    expect(detail.objectionDetails.map((o: { anonymous: boolean; name: string | null }) => [o.anonymous, o.name]).sort()).toEqual([
      [false, '赵群众'],
      [true, null],
    ]);

    // A third from the same address is refused, in Chinese, and what was typed stays.
    await w.page.getByRole('button', { name: '返回公示' }).click();
    await w.page.getByText(/已收到异议 2 件/).waitFor();
    w.expectRefusal(429, new RegExp(`^/public/notices/${noticeId}/objections$`));
    await object(w, { item: '东关村党支部', content: '再次反映：该支部党费收缴不及时。' });
    await w.page.getByRole('alert').filter({ hasText: '请求过于频繁，请稍后再试' }).waitFor();
    expect(await w.page.getByLabel('异议内容').inputValue()).toBe('再次反映：该支部党费收缴不及时。');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('objection-rate-limited');
  });
});
